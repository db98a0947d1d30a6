#!/usr/bin/env node
// keygate benchmark (not a test): `npm run bench` [-- --large-mb 200 --runs 15]
//  1. small commit (10 files, ~500 added lines): median wall time of the installed hook beside
//     bare `node -e ''` and `git diff --cached` on the same repository;
//  2. large staged change (>= 200 MB): end-to-end throughput and peak RSS at growing sizes,
//     to show memory stays flat;
//  3. a large staged change of real code (the pinned real-code set, ~170 MB, installed from the
//     npm registry on first use): keygate beside git diff --cached alone and beside git-secrets
//     when it is installed (--real-code 0 skips it);
//  4. a generated history of 5,000 commits (--history-commits N; 0 skips it), and a real one
//     (--history-repo DIR; this project's own by default): keygate scan --history beside
//     git log -p alone;
//  5. the fuzz property of the test suite, longer (--fuzz-runs 300; 0 skips it).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { realCodeStage } from './real-code/stage.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLI = join(ROOT, 'dist/cli.cjs');
const HOOK = join(ROOT, 'hooks/pre-commit');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(args[i + 1]);
};
const RUNS = opt('runs', 21);
const optText = (name) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? undefined : args[i + 1];
};
const LARGE_MB = opt('large-mb', 200);
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const env = {
  ...process.env,
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_AUTHOR_NAME: 'b',
  GIT_AUTHOR_EMAIL: 'b@example.com',
  GIT_COMMITTER_NAME: 'b',
  GIT_COMMITTER_EMAIL: 'b@example.com',
};
for (const k of Object.keys(env))
  if (k.startsWith('GIT_') && !k.startsWith('GIT_CONFIG') && !k.startsWith('GIT_AUTHOR') && !k.startsWith('GIT_COMMITTER')) delete env[k];

if (!existsSync(CLI)) {
  console.error('bench: dist/cli.cjs is missing; run npm run build first');
  process.exit(2);
}

function repo() {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'keygate-bench-')));
  const git = (...a) => execFileSync('git', a, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 26 });
  git('init', '-q', '-b', 'main');
  git('config', 'gc.auto', '0');
  return { dir, git };
}

let seed = 12345;
function rand() {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed;
}
const WORDS = [
  'const',
  'let',
  'return',
  'function',
  'value',
  'config',
  'user',
  'items',
  'map',
  'filter',
  'await',
  'fetch',
  'response',
  'status',
  'error',
  'token',
  'id',
  'name',
  'path',
  'options',
  'secret',
  'result',
];
function codeLine() {
  const n = 3 + (rand() % 9);
  let s = '  '.repeat(rand() % 4);
  for (let i = 0; i < n; i++) s += WORDS[rand() % WORDS.length] + (i % 3 === 2 ? '(' + (rand() % 1000) + ') ' : ' ');
  return s.trimEnd() + ';';
}
function codeText(bytes) {
  const lines = [];
  let size = 0;
  while (size < bytes) {
    const l = codeLine();
    lines.push(l);
    size += l.length + 1;
  }
  return lines.join('\n') + '\n';
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs the commands round-robin (so drift in machine load hits all alike); medians in ms. */
function timeInterleaved(commands) {
  const times = commands.map(() => []);
  for (let i = 0; i < RUNS + 2; i++) {
    commands.forEach(([cmd, argv, cwd], j) => {
      const t0 = process.hrtime.bigint();
      const r = spawnSync(cmd, argv, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${argv.join(' ')} failed: ${r.stderr}`);
      if (i >= 2) times[j].push(ms); // two warm-up rounds
    });
  }
  return times.map(median);
}

function smallRepo() {
  const r = repo();
  mkdirSync(join(r.dir, 'src'), { recursive: true });
  for (let i = 0; i < 10; i++) {
    writeFileSync(join(r.dir, 'src', `module${i}.ts`), Array.from({ length: 50 }, codeLine).join('\n') + '\n');
  }
  return r;
}

function smallCommit() {
  // One repository per install mode, each with the same 10 staged files (500 lines).
  const plain = smallRepo();
  plain.git('add', '.');
  execFileSync(process.execPath, [CLI, 'install', '--no-husky'], { cwd: plain.dir, env, stdio: 'pipe' });
  const husky = smallRepo();
  writeFileSync(join(husky.dir, 'package.json'), '{"name": "bench"}\n');
  execFileSync(process.execPath, [CLI, 'install'], { cwd: husky.dir, env, stdio: 'pipe' });
  husky.git('add', '.');
  // A teammate after npm install: keygate in node_modules/.bin.
  const teammate = smallRepo();
  writeFileSync(join(teammate.dir, 'package.json'), '{"name": "bench"}\n');
  execFileSync(process.execPath, [CLI, 'install'], { cwd: teammate.dir, env, stdio: 'pipe' });
  // As npm lays it out: the package in node_modules/keygate, its bin linked from .bin.
  mkdirSync(join(teammate.dir, 'node_modules/.bin'), { recursive: true });
  symlinkSync(ROOT, join(teammate.dir, 'node_modules/keygate'));
  symlinkSync(CLI, join(teammate.dir, 'node_modules/.bin/keygate'));
  teammate.git('add', '.');
  // husky's own cost: the same wrapper with an empty .husky/pre-commit.
  const emptyHusky = smallRepo();
  writeFileSync(join(emptyHusky.dir, 'package.json'), '{"name": "bench"}\n');
  execFileSync(process.execPath, [CLI, 'install'], { cwd: emptyHusky.dir, env, stdio: 'pipe' });
  writeFileSync(join(emptyHusky.dir, '.husky/pre-commit'), '');
  // A commit that stages nothing (`git commit --amend` to reword): git prints nothing to read.
  const reword = smallRepo();
  reword.git('add', '.');
  reword.git('commit', '-q', '-m', 'files');
  execFileSync(process.execPath, [CLI, 'install', '--no-husky'], { cwd: reword.dir, env, stdio: 'pipe' });
  const rows = [
    ["bare node -e ''", plain.dir, process.execPath, ['-e', '']],
    ['git diff --cached', plain.dir, 'git', ['diff', '--cached']],
    ['keygate scan --staged', plain.dir, process.execPath, [CLI, 'scan', '--staged']],
    ['hooks/pre-commit (this checkout)', plain.dir, 'sh', [HOOK]],
    ['installed: plain git hook', plain.dir, 'sh', [join(plain.dir, '.git/hooks/pre-commit')]],
    ['installed: husky, keygate in node_modules', teammate.dir, 'sh', [join(teammate.dir, '.husky/_/pre-commit')]],
    ['installed: husky, before npm install (copy)', husky.dir, 'sh', [join(husky.dir, '.husky/_/pre-commit')]],
    ['plain git hook, nothing staged (a reword)', reword.dir, 'sh', [join(reword.dir, '.git/hooks/pre-commit')]],
    ['husky alone (empty .husky/pre-commit)', emptyHusky.dir, 'sh', [join(emptyHusky.dir, '.husky/_/pre-commit')]],
  ];
  const medians = timeInterleaved(rows.map(([, dir, cmd, argv]) => [cmd, argv, dir]));
  for (const r of [plain, husky, teammate, emptyHusky, reword]) rmSync(r.dir, { recursive: true, force: true });
  const node = medians[0];
  console.log(`\nsmall commit: 10 files, 500 added lines (median of ${RUNS} runs, interleaved)`);
  rows.forEach(([label], i) => {
    const last = i === rows.length - 1;
    const ratio = i >= 2 && !last ? `   = ${(medians[i] / node).toFixed(2)}x bare node${i >= 3 ? ' (target <= 1.5x)' : ''}` : '';
    console.log(`  ${label.padEnd(44)} ${medians[i].toFixed(1).padStart(6)} ms${ratio}`);
  });
}

function measureScan(dir) {
  const argv = TIME ? ['-f', '%M', process.execPath, CLI, 'scan', '--staged', '--format', 'json'] : [CLI, 'scan', '--staged', '--format', 'json'];
  const t0 = process.hrtime.bigint();
  const r = spawnSync(TIME ?? process.execPath, argv, { cwd: dir, env, maxBuffer: 1 << 28, encoding: 'utf8' });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`scan failed: ${r.stderr}`);
  const report = JSON.parse(r.stdout);
  const rssKb = TIME ? Number(r.stderr.trim().split('\n').at(-1)) : NaN;
  return { secs, report, rssMb: rssKb / 1024 };
}

function largeChange() {
  const { dir, git } = repo();
  const fileMb = 4;
  const files = Math.ceil(LARGE_MB / fileMb);
  console.log(`\nlarge staged change: generating ${files} files x ${fileMb} MB of code-like text ...`);
  const steps = [Math.ceil(files / 4), Math.ceil(files / 2), files];
  const rows = [];
  let written = 0;
  for (const upTo of steps) {
    for (; written < upTo; written++) {
      writeFileSync(join(dir, `gen${written}.js`), codeText(fileMb * 1024 * 1024));
    }
    git('add', '.');
    // The median of three runs: this machine has slow minutes, and one run can land in one.
    const runs = [measureScan(dir), measureScan(dir), measureScan(dir)].sort((a, b) => a.secs - b.secs);
    const { secs, report } = runs[1];
    const rssMb = Math.max(...runs.map((r) => r.rssMb));
    const mb = report.stats.bytes / 1024 / 1024;
    rows.push({ mb, secs, rssMb, lines: report.stats.addedLines, findings: report.findings.length });
  }
  const diffT0 = process.hrtime.bigint();
  spawnSync('git', ['diff', '--cached', '-U0', '--text', '--raw', '-p', '-z'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'ignore'] });
  const diffSecs = Number(process.hrtime.bigint() - diffT0) / 1e9;
  rmSync(dir, { recursive: true, force: true });
  for (const r of rows) {
    console.log(
      `  ${r.mb.toFixed(0).padStart(5)} MB staged, ${r.lines} lines: ${r.secs.toFixed(2)} s = ${(r.mb / r.secs).toFixed(0)} MB/s end to end (median of 3), peak RSS ${r.rssMb.toFixed(0)} MB`,
    );
  }
  const last = rows.at(-1);
  console.log(`  (git diff --cached alone on the largest: ${diffSecs.toFixed(2)} s = ${(last.mb / diffSecs).toFixed(0)} MB/s)`);
  console.log(`  targets: >= 100 MB/s end to end; peak RSS < 200 MB and flat as the change grows`);
  return rows;
}

/**
 * A generated history (git fast-import: quick to build): `commits` commits, each changing a few
 * files with code-like lines, some planted fake keys. keygate scan --history against
 * `git log -p --all` alone on the same repository, and peak RSS at growing history lengths.
 */
function history() {
  const total = opt('history-commits', 5000);
  if (total === 0) return;
  const { dir } = repo();
  console.log(`\nhistory: generating ${total} commits ...`);
  const chunks = [];
  let mark = 0;
  const b32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  for (let i = 0; i < total; i++) {
    let files = '';
    for (let f = 0; f < 3; f++) {
      let text = codeText(600 + (rand() % 2400));
      // Made-up key IDs, only ever in this temporary repository.
      if (i % 250 === 0 && f === 0) text += `key = AKIAQ${Array.from({ length: 15 }, () => b32[rand() % 32]).join('')}\n`;
      const data = Buffer.from(text);
      files += `M 100644 inline src/m${(i * 3 + f) % 400}.js\ndata ${data.length}\n${text}\n`;
    }
    const msg = `commit ${i}`;
    chunks.push(
      `commit refs/heads/main\nmark :${++mark}\ncommitter Bench <bench@example.com> ${1700000000 + i * 60} +0000\ndata ${msg.length}\n${msg}\n${files}`,
    );
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, env, input: chunks.join(''), maxBuffer: 1 << 28 });
  const time = (cmd, argv) => timed(cmd, argv, dir);
  for (const n of [Math.ceil(total / 4), total]) {
    const runs = [0, 1, 2]
      .map(() => time(process.execPath, [CLI, 'scan', '--history', '--max-commits', String(n), '--format', 'json']))
      .sort((a, b) => a.secs - b.secs);
    const logs = [0, 1, 2].map(() => time('git', ['log', '-p', '--all', `--max-count=${n}`])).sort((a, b) => a.secs - b.secs);
    const k = runs[1];
    const report = JSON.parse(k.stdout);
    console.log(
      `  ${String(n).padStart(6)} commits: keygate ${k.secs.toFixed(2)} s (${report.findings.length} findings, peak RSS ${Math.max(...runs.map((r) => r.rssMb)).toFixed(0)} MB); git log -p alone ${logs[1].secs.toFixed(2)} s = ${(k.secs / logs[1].secs).toFixed(2)}x (medians of 3)`,
    );
  }
  console.log('  target: <= 1.5x git log -p alone; RSS flat as history grows');
  // --history-keep DIR: the generated repository is kept there (to profile a scan of it).
  const keep = optText('history-keep');
  if (keep !== undefined) {
    rmSync(keep, { recursive: true, force: true });
    renameSync(dir, keep);
    console.log(`  kept at ${keep}`);
  } else rmSync(dir, { recursive: true, force: true });
}

/** Wall time and peak RSS of one command (RSS through /usr/bin/time when the machine has it). */
function timed(cmd, argv, cwd) {
  const t0 = process.hrtime.bigint();
  // A baseline's output (git diff, git log -p: hundreds of MB) goes to /dev/null, as it would
  // in a pipe to nothing: reading it here would time this process, not git.
  const keep = cmd === process.execPath;
  const stdio = ['ignore', keep ? 'pipe' : 'ignore', 'pipe'];
  const r = spawnSync(TIME ?? cmd, TIME ? ['-f', '%M', cmd, ...argv] : argv, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 28, stdio });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr.slice(-400)}`);
  return { secs, rssMb: TIME ? Number(r.stderr.trim().split('\n').at(-1)) / 1024 : NaN, stdout: r.stdout };
}

/** Medians of `runs` interleaved runs of each command, so that a slow minute hits all alike. */
function medians(commands, runs = 3) {
  const results = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach(([cmd, argv, cwd], j) => results[j].push(timed(cmd, argv, cwd)));
  return results.map((rs) => {
    const sorted = [...rs].sort((a, b) => a.secs - b.secs);
    return { ...sorted[Math.floor(sorted.length / 2)], rssMb: Math.max(...rs.map((r) => r.rssMb)) };
  });
}

/**
 * The real-code set staged whole, as one commit: keygate end to end beside git diff --cached
 * alone (what any staged scan must at least read) and git-secrets (AWS patterns registered,
 * --cached), each the median of 3 interleaved runs.
 */
function realCodeChange() {
  if (opt('real-code', 1) === 0) return;
  const stage = realCodeStage(ROOT, env);
  if (stage === undefined) return;
  execFileSync('git', ['add', '-A', '-f', '.'], { cwd: stage, env });
  // Registers AWS's patterns in the stage repository (its .git/config); fails when not installed.
  const hasGitSecrets = spawnSync('git', ['secrets', '--register-aws'], { cwd: stage, env }).status === 0;
  const commands = [
    [process.execPath, [CLI, 'scan', '--staged', '--format', 'json'], stage],
    ['git', ['diff', '--cached', '--no-color', '--no-ext-diff', '-U0', '--text'], stage],
    ...(hasGitSecrets ? [['git', ['secrets', '--scan', '--cached'], stage]] : []),
  ];
  const [k, diff, secrets] = medians(commands);
  const report = JSON.parse(k.stdout);
  const mb = report.stats.bytes / 1024 / 1024;
  console.log(`\nlarge staged change of real code (bench/real-code: ${report.stats.files} files, ${mb.toFixed(0)} MB, medians of 3):`);
  console.log(
    `  keygate scan --staged      ${k.secs.toFixed(2)} s = ${(mb / k.secs).toFixed(0)} MB/s, peak RSS ${k.rssMb.toFixed(0)} MB, ${report.stats.threads ?? 1} threads`,
  );
  console.log(`  git diff --cached alone    ${diff.secs.toFixed(2)} s: keygate = ${(k.secs / diff.secs).toFixed(2)}x`);
  if (secrets) console.log(`  git-secrets --scan --cached ${secrets.secs.toFixed(2)} s: keygate = ${(k.secs / secrets.secs).toFixed(2)}x`);
  else console.log('  git-secrets: not installed (apt-get install git-secrets), not compared');
  console.log('  targets: >= 150 MB/s end to end, <= 1.5x git diff --cached, faster than git-secrets, peak RSS < 200 MB');
}

/** A real repository's history (this project's own unless --history-repo DIR): keygate beside git log -p. */
function realHistory() {
  const dir = resolve(optText('history-repo') ?? ROOT);
  const count = Number(execFileSync('git', ['rev-list', '--all', '--count'], { cwd: dir, env, encoding: 'utf8' }).trim());
  const [k, log] = medians([
    [process.execPath, [CLI, 'scan', '--history', '--format', 'json', '--quiet'], dir],
    ['git', ['log', '-p', '--all'], dir],
  ]);
  const report = JSON.parse(k.stdout);
  console.log(`\nreal history (${dir}: ${count} commits, ${(report.stats.bytes / 1024 / 1024).toFixed(0)} MB of added lines, medians of 3):`);
  console.log(
    `  keygate scan --history ${k.secs.toFixed(2)} s (${report.findings.length} findings, peak RSS ${k.rssMb.toFixed(0)} MB, ${report.stats.threads ?? 1} threads); git log -p alone ${log.secs.toFixed(2)} s = ${(k.secs / log.secs).toFixed(2)}x`,
  );
  console.log('  target: <= 1.5x git log -p alone');
}

console.log(`keygate bench — node ${process.version}, ${new Date().toISOString()}`);
// --only small,large,real-code,history,real-history,fuzz: those sections alone.
const only = optText('only')?.split(',');
const want = (section) => only === undefined || only.includes(section);
if (want('small')) smallCommit();
if (want('large')) largeChange();
if (want('real-code')) realCodeChange();
if (want('history')) history();
if (want('real-history')) realHistory();

/**
 * The fuzz property of the test suite (test/hostile/fuzz.test.ts), run longer than in CI:
 * random and hostile files around planted fake secrets, each found at its line.
 */
function fuzz() {
  const runs = opt('fuzz-runs', 300);
  if (runs === 0) return;
  console.log(`\nfuzz: ${runs} random scenarios (seed ${process.env.KEYGATE_TEST_SEED ?? 'default'}; --fuzz-runs 0 to skip)`);
  const r = spawnSync('npx', ['vitest', 'run', 'test/hostile/fuzz.test.ts'], {
    cwd: ROOT,
    env: { ...process.env, KEYGATE_FUZZ_RUNS: String(runs) },
    encoding: 'utf8',
  });
  const summary = (r.stdout + r.stderr)
    .split('\n')
    .filter((l) => /Tests |fuzz failed|✓|×/.test(l))
    .map((l) => l.replace(/\x1b\[[0-9;]*m/g, '').slice(0, 300));
  for (const l of summary) console.log(`  ${l.trim()}`);
  if (r.status !== 0) process.exitCode = 1;
}
if (want('fuzz')) fuzz();
