/**
 * dist/cli.cjs: starts keygate's bundle (dist/hook.cjs for scan and hook, the commit path;
 * dist/keygate.cjs for every other command) from V8's code cache, so that the bundle is not
 * parsed and compiled afresh at every commit (~6 ms of a ~50 ms budget).
 *
 * V8 takes a cache only from its own version and flags: the one scripts/build.mjs writes
 * (KEYGATE_WRITE_CODE_CACHE) fits the build's Node.js, and a user whose Node.js differs, or
 * who sets NODE_OPTIONS=--max-old-space-size, would never use it. So a run whose cache was not
 * taken writes one for its own Node.js and flags beside the bundle (`hook.<key>.cache`) as it
 * exits, and later runs take that. A cache that cannot be written (a read-only install) only
 * means a normal compile. KEYGATE_DEBUG says which cache a run took.
 */
import { closeSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { isCommitPath } from './commit-path.js';
import { fnv1a } from './fnv.js';

declare const __dirname: string;
declare const require: NodeJS.Require;
/** A hash of the bundles, set by scripts/build.mjs: a cache written for one build is never taken by another. */
declare const KEYGATE_BUILD_ID: string;

/** What V8's cache check depends on, hashed (FNV-1a: node:crypto costs ~5 ms to load). */
function runtimeKey(): string {
  const text = `${KEYGATE_BUILD_ID}|${process.version}|${process.arch}|${process.execArgv.join(' ')}|${process.env['NODE_OPTIONS'] ?? ''}`;
  return fnv1a(text).toString(16).padStart(8, '0');
}

function readOrNone(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function start(): void {
  // The commit path gets the lean bundle (scan and hook only); everything else the full one.
  const name = isCommitPath(process.argv[2]) ? 'hook' : 'keygate';
  const bundle = join(__dirname, `${name}.cjs`);
  // The bundles are ASCII (esbuild escapes the rest; scripts/build.mjs checks): read as latin1
  // they need no UTF-8 decoding, ~2 ms less at every commit. Each is one function expression
  // (the build wraps it as Node wraps a module), compiled as read.
  const source = readFileSync(bundle, 'latin1');
  const building = process.env['KEYGATE_WRITE_CODE_CACHE'] === '1';
  const shipped = join(__dirname, `${name}.cache`);
  const local = join(__dirname, `${name}.${runtimeKey()}.cache`);
  // This runtime's own cache first (it exists because the shipped one did not fit), then the build's.
  let script: Script | undefined;
  let taken: string | undefined;
  for (const file of building ? [shipped] : [local, shipped]) {
    const cachedData = readOrNone(file);
    if (cachedData === undefined) continue;
    script = new Script(source, { filename: bundle, cachedData });
    if (script.cachedDataRejected !== true) {
      taken = file;
      break;
    }
  }
  script ??= new Script(source, { filename: bundle });
  if (process.env['KEYGATE_DEBUG']) process.stderr.write(`keygate: code cache ${taken !== undefined ? `taken: ${taken}` : 'none taken'}\n`);
  if (building || taken === undefined) {
    // After the run, so the functions it compiled are in the cache too.
    const compiled = script;
    process.on('exit', () => writeCache(building ? shipped : local, () => compiled.createCachedData()));
  }
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  const mod = { exports: {} };
  run(mod.exports, require, mod, bundle, __dirname);
}

/** Whole or not at all (two commits at once may both write it); a failure only costs speed. */
function writeCache(file: string, data: () => Buffer): void {
  const tmp = `${file}.tmp-${process.pid}`;
  let fd: number | undefined;
  try {
    // The file first, the cache after: where it cannot be written (a read-only install) no run
    // pays for serialising a cache (~10 ms) only to drop it.
    fd = openSync(tmp, 'wx');
    const bytes = data();
    for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
    closeSync(fd);
    fd = undefined;
    renameSync(tmp, file);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(tmp, { force: true });
    if (process.env['KEYGATE_DEBUG']) process.stderr.write(`keygate: code cache not written: ${(error as Error).message}\n`);
  }
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
