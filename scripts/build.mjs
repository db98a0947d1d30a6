// Builds dist/: the bundle (dist/keygate.cjs), its launcher (dist/cli.cjs) and the launcher's
// V8 code cache, warmed by one real scan of a throwaway repository; and dist/keywords.bin, the
// built-in rules' keyword index and automaton (scripts/keyword-table.mjs).
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { build } from 'esbuild';
import { writeKeywordTable } from './keyword-table.mjs';
import { stripExamplesPlugin } from './strip-examples.mjs';

const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
mkdirSync('dist', { recursive: true });
// The built-in rules' keyword index and automaton, made once here (src/scan/prebuilt.ts).
const keywordsStamp = await writeKeywordTable('dist/keywords.bin');
// The version is part of the code: a hook's copy of keygate has no package.json beside it.
const define = { KEYGATE_VERSION: JSON.stringify(version), KEYGATE_BUNDLE: 'true', KEYGATE_KEYWORDS_STAMP: JSON.stringify(keywordsStamp) };
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', define };
// simple-git logs through `debug`, silent unless DEBUG is set; a silent stand-in saves ~4 ms.
const alias = { debug: './src/shims/debug.ts' };
// micromatch (and picomatch, braces, ...: a third of the hook bundle) is needed only when
// .keygate.json has path entries: it is a file of its own, dist/micromatch.cjs, required on
// demand, so that the hook does not read ~100 KB it rarely runs at every commit.
const micromatchApart = {
  name: 'micromatch-apart',
  setup(b) {
    // A stand-in module that requires the file at run time (a CommonJS require: dynamic
    // import() does not work in the vm.Script the launcher runs the bundle in).
    b.onResolve({ filter: /^micromatch$/ }, () => ({ path: 'micromatch', namespace: 'micromatch-apart' }));
    b.onLoad({ filter: /.*/, namespace: 'micromatch-apart' }, () => ({ contents: "module.exports = require('./micromatch.cjs');", loader: 'js' }));
    b.onResolve({ filter: /^\.\/micromatch\.cjs$/ }, () => ({ path: './micromatch.cjs', external: true }));
  },
};
// Every code cache an earlier build left (its own, and those its runs wrote for their Node.js,
// src/launcher.ts): stale now. The shipped ones too: the warm-up below would take one, as V8
// checks a cache against the source's length only, and a bundle of the same length as the last
// build's would run the last build's functions (and write them into this build's cache).
for (const f of readdirSync('dist')) if (/^(?:hook|keygate)(?:\.[0-9a-f]{8})?\.cache$/.test(f)) rmSync(`dist/${f}`);
await build({ ...common, stdin: { contents: "module.exports = require('micromatch');", resolveDir: '.' }, outfile: 'dist/micromatch.cjs' });
// `import text from './x.sh?raw'` (Vite's form, which the tests use): the file's text, in the
// bundle. The hook templates (hooks/templates/) reach the installer this way.
const raw = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({ path: join(args.resolveDir, args.path.replace(/\?raw$/, '')), namespace: 'raw' }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, (args) => ({ contents: readFileSync(args.path, 'utf8'), loader: 'text' }));
  },
};
// The two bundles the launcher runs come wrapped as the function it calls (as Node wraps a
// module): it compiles the file as read, with no 500 KB string built around it at every commit.
// Run directly (`node dist/hook.cjs`, as a hand-written hook might), a bundle would define that
// function and exit 0 having scanned nothing: so it fails closed, saying what to run instead.
// (Through the launcher there is no `module` in scope, and the function is the completion value.)
const direct =
  'typeof module !== "undefined" && require.main === module && (process.stderr.write("keygate: error: this bundle runs only through keygate\'s dist/cli.cjs, so nothing was scanned (the commit is blocked; run node <keygate>/dist/cli.cjs instead)\\n"), process.exitCode = 2)';
const wrapped = { banner: { js: `(${direct}, function (exports, require, module, __filename, __dirname) {` }, footer: { js: '\n})' } };
await build({ ...common, ...wrapped, entryPoints: ['src/cli.ts'], outfile: 'dist/keygate.cjs', alias, plugins: [micromatchApart, raw] });
await build({ ...common, ...wrapped, entryPoints: ['src/hook.ts'], outfile: 'dist/hook.cjs', alias, plugins: [micromatchApart, raw, stripExamplesPlugin] });
// The bundles' own id, in the launcher: a code cache written beside a copy of keygate is for
// this build only (V8 checks a cache against the source's length, not its text: a new release of
// the same length would run the old release's compiled code).
const buildId = createHash('sha256').update(readFileSync('dist/hook.cjs')).update(readFileSync('dist/keygate.cjs')).digest('hex').slice(0, 12);
await build({
  ...common,
  define: { ...define, KEYGATE_BUILD_ID: JSON.stringify(buildId) },
  entryPoints: ['src/launcher.ts'],
  outfile: 'dist/cli.cjs',
  banner: { js: '#!/usr/bin/env node' },
});
// A large scan's worker threads (src/scan/shards.ts); loaded only by scans that shard.
// Without the rules' examples, as the hook: a worker never reads them (and keygate's own made-up
// negatives then do not sit in node_modules/keygate for a scan of ignored files to find).
await build({ ...common, entryPoints: ['src/shard-worker.ts'], outfile: 'dist/shard-worker.cjs', alias, plugins: [micromatchApart, stripExamplesPlugin] });
chmodSync('dist/cli.cjs', 0o755);
// husky, as pinned, for `keygate install` to set husky up with (keygate has no runtime
// dependencies: installing it never brings a second husky into a repository).
mkdirSync('dist/husky', { recursive: true });
for (const f of ['bin.js', 'index.js', 'husky', 'LICENSE']) copyFileSync(`node_modules/husky/${f}`, `dist/husky/${f}`);
writeFileSync(
  'dist/husky/package.json',
  JSON.stringify({ name: 'husky', version: JSON.parse(readFileSync('node_modules/husky/package.json', 'utf8')).version, type: 'module', license: 'MIT' }) +
    '\n',
);
// The launcher reads the bundles as latin1 (no UTF-8 decoding): they must be pure ASCII.
for (const f of ['dist/keygate.cjs', 'dist/hook.cjs']) {
  const at = readFileSync(f).findIndex((b) => b > 0x7f);
  if (at !== -1) throw new Error(`${f} has a non-ASCII byte at offset ${at}; the launcher reads it as latin1`);
}

// The built hook must find a key pair (a check of the build). Then the hook's code cache is
// warmed by a clean commit, the case every commit but a blocked one is: what a run compiled is
// what its cache holds, and V8 reads all of it at every start. Warmed by a commit with findings,
// the cache held the report's functions too (486 KB, not 455), and a clean 500-line commit took
// longer: 1.1 to 4.3 ms in interleaved medians of 60 to 200 runs on a noisy machine. A blocked
// commit now compiles those itself (~6 ms more, 40 runs, as noisy).
const dir = mkdtempSync(join(tmpdir(), 'keygate-build-'));
try {
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' };
  for (const k of Object.keys(env)) if (k.startsWith('GIT_') && !k.startsWith('GIT_CONFIG')) delete env[k];
  execFileSync('git', ['init', '-q'], { cwd: dir, env });
  const b32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const b64 = b32 + 'abcdefghijklmnopqrstuvwxyz01+/';
  const pick = (a, n, k) => Array.from({ length: n }, (_, i) => a[(i * 7 + k * 13 + i * i) % a.length]).join('');
  // A made-up key pair, only ever in this temporary repository.
  writeFileSync(join(dir, 'warm.ini'), `aws_access_key_id = AKIAQ${pick(b32, 15, 1)}\naws_secret_access_key = ${pick(b64, 40, 2)}\n`);
  execFileSync('git', ['add', '.'], { cwd: dir, env });
  const cli = join(process.cwd(), 'dist/cli.cjs');
  const r = spawnSync(process.execPath, [cli, 'scan', '--staged'], { cwd: dir, env, encoding: 'utf8' });
  if (r.status !== 1 || !r.stdout.includes('commit blocked')) {
    throw new Error(`the built hook did not find the key pair (exit ${r.status}): ${r.stderr}`);
  }
  // That run wrote a cache for this Node.js (it found none to take): not the one to keep.
  for (const f of readdirSync('dist')) if (/^hook\.[0-9a-f]{8}\.cache$/.test(f)) rmSync(`dist/${f}`);
  // A clean commit of code that names secrets without holding one: the detectors' code runs.
  execFileSync('git', ['rm', '-q', '--cached', 'warm.ini'], { cwd: dir, env });
  const lines = [
    "const token = await auth.getToken({ scope: 'repo' });",
    'const password = process.env.DB_PASSWORD;',
    'export const config = { apiKey: process.env.API_KEY, secret: readSecret("app") };',
    "fetch('https://example.com/api', { headers: { Authorization: `Bearer ${token}` } });",
    '// the access key comes from the environment, never from the code',
  ];
  writeFileSync(join(dir, 'app.js'), Array.from({ length: 100 }, (_, i) => lines[i % lines.length]).join('\n') + '\n');
  execFileSync('git', ['add', 'app.js'], { cwd: dir, env });
  const clean = spawnSync(process.execPath, [cli, 'scan', '--staged'], { cwd: dir, env: { ...env, KEYGATE_WRITE_CODE_CACHE: '1' }, encoding: 'utf8' });
  if (clean.status !== 0) throw new Error(`the warm-up commit was not clean (exit ${clean.status}): ${clean.stdout}${clean.stderr}`);
  // The full bundle's cache, warmed by what every command runs first.
  const help = spawnSync(process.execPath, [join(process.cwd(), 'dist/cli.cjs'), '--help'], {
    cwd: dir,
    env: { ...env, KEYGATE_WRITE_CODE_CACHE: '1' },
    encoding: 'utf8',
  });
  if (help.status !== 0) throw new Error(`warm-up --help failed: ${help.stderr}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
