/**
 * dist/cli.cjs: starts keygate's bundle (dist/hook.cjs for scan and hook, the commit path;
 * dist/keygate.cjs for every other command) from V8's code cache when one that
 * fits this Node.js is beside it, so that the bundle is not parsed and compiled afresh at every
 * commit (~6 ms of a ~50 ms budget). A missing or rejected cache only means a normal compile.
 * The cache is written at build time by scripts/build.mjs (KEYGATE_WRITE_CODE_CACHE).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { isCommitPath } from './commit-path.js';

declare const __dirname: string;
declare const require: NodeJS.Require;

function start(): void {
  // The commit path gets the lean bundle (scan and hook only); everything else the full one.
  const name = isCommitPath(process.argv[2]) ? 'hook' : 'keygate';
  const bundle = join(__dirname, `${name}.cjs`);
  const cacheFile = join(__dirname, `${name}.cache`);
  // The bundles are ASCII (esbuild escapes the rest; scripts/build.mjs checks): read as latin1
  // they need no UTF-8 decoding, ~2 ms less at every commit.
  const source = readFileSync(bundle, 'latin1');
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    ...(cachedData !== undefined ? { cachedData } : {}),
  });
  if (process.env['KEYGATE_WRITE_CODE_CACHE'] === '1') {
    // After the run, so the functions it compiled are in the cache too.
    process.on('exit', () => writeFileSync(cacheFile, script.createCachedData()));
  }
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const mod = { exports: {} };
  run(mod.exports, require, mod, bundle, __dirname);
}

try {
  start();
} catch (error) {
  // Fail closed: a broken install blocks the commit with one line, never a stack trace.
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  process.stderr.write(
    `keygate: error: cannot start keygate: ${message} (the commit is blocked; reinstall keygate, or bypass once with git commit --no-verify)\n`,
  );
  process.exitCode = 2;
}
