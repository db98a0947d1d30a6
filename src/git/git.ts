import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { simpleGit, type SimpleGit, type SimpleGitOptions } from 'simple-git';
import { KeygateError } from '../errors.js';
import { displayText } from '../report/display.js';
import { maskRandomTokens } from '../report/context.js';
import { timeoutSeconds } from '../limits.js';
import type { LineSink } from './diff-parser.js';
import { DiffParser } from './diff-parser.js';
import { CatFileParser } from './blob-reader.js';
import { readFromWorkTree } from './work-tree-blobs.js';
import { LINE_OVERLAP, MAX_LINE } from './lines.js';
import { findRoot, sizeOnDisk } from './root.js';
import type { SourceFile } from '../types.js';

/**
 * The only door to git. Every diff pins, on its command line, what user config could change:
 * no colour, external diff or textconv; fixed prefixes; no relative paths; renames; no
 * context; raw paths NUL-separated (-z) so spaces, quotes, unicode and newlines survive.
 * Command-line flags override config, so no `-c` pins ride along as well: simple-git checks
 * every `-c` against its list of unsafe settings, and 9 of them cost ~13M instructions
 * (~4 ms) at every commit. test/integration/scan.test.ts sets each of those configs hostile.
 */
/** Unchanged lines a diff shows on each side of a change: enough to reach a Terraform variable line above its default (description, type, sensitive, nullable between). */
export const CONTEXT_LINES = 5;

/** `git diff --cached` of the index (GIT_INDEX_FILE, if git set it) against HEAD. */
export const STAGED_DIFF_ARGS = [
  'diff',
  '--cached',
  '--raw',
  '--no-abbrev',
  '--patch',
  '-z',
  // Unchanged lines around each change, read as context only: a value
  // changed under a name line that stayed is judged with its name (FragmentBuilder.contextLine).
  `-U${CONTEXT_LINES}`,
  '--inter-hunk-context=0',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--text',
  '--find-renames',
  '--no-relative',
  '--submodule=short',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '--diff-filter=d',
];

/**
 * simple-git drops every ambient GIT_* variable unless allowed. Git exports these to hooks so
 * that the commands a hook runs see the same repository and index: above all GIT_INDEX_FILE,
 * the temporary index of `git commit -a` and `git commit <path>`.
 */
const CONFIG_SLOTS = Array.from({ length: 10 }, (_, i) => [`GIT_CONFIG_KEY_${i}`, `GIT_CONFIG_VALUE_${i}`]).flat();
export const ALLOWED_GIT_ENV = [
  'GIT_INDEX_FILE',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_COMMON_DIR',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_QUARANTINE_PATH',
  'GIT_NAMESPACE',
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  ...CONFIG_SLOTS,
];

/**
 * A git process failed unless it exited 0. simple-git's own test is "non-zero exit and
 * something on stderr": a git killed by a signal (the OOM killer's SIGKILL) has no exit code
 * and may have written nothing, and a scan that took its cut-off output for the whole diff
 * would pass the commit. So every other ending is an error, with what git said, if anything.
 */
function exitedZero(error: Error | undefined, result: { exitCode: number | null; stdErr: Buffer[] }): Error | Buffer | undefined {
  // A git that exited non-zero is described from its exit code and its stderr alone:
  // simple-git's own error for it joins stdout in, once any chunk was seen on stderr (the
  // empty one noSilenceWait sends included), and stdout is data, not the reason.
  const exitedNonZero = typeof result.exitCode === 'number' && result.exitCode > 0;
  if (error !== undefined && !exitedNonZero) return error;
  if (result.exitCode === 0) return undefined;
  const said = Buffer.concat(result.stdErr).toString('utf8').trim();
  const how = result.exitCode === null || result.exitCode < 0 ? 'was killed before it finished' : `exited with code ${result.exitCode}`;
  return Buffer.from(said === '' ? `git ${how}, saying nothing` : `${said}\n(git ${how})`);
}

/** Every git this process starts listens to it: `stopAllGit` ends them (a timed-out run). */
const stopAll = new AbortController();

/** Kills every git still running (SIGINT), before keygate exits on its time bound. */
export function stopAllGit(): void {
  stopAll.abort();
}

function gitOptions(cwd: string): Partial<SimpleGitOptions> {
  return {
    abort: stopAll.signal,
    baseDir: cwd,
    maxConcurrentProcesses: 1,
    allowEnvironment: ALLOWED_GIT_ENV,
    errors: exitedZero as SimpleGitOptions['errors'],
    // A git silent this long is hung: killed, and its scan fails (blocking the commit).
    timeout: { block: timeoutSeconds() * 1000 },
    // Done when git's streams close. The default also arms a 50 ms timer at process exit,
    // which keeps Node alive for 50 ms after every commit's scan.
    completion: { onClose: true, onExit: false },
    // What git reads is what it would push and commit: not the replacements refs/replace/*
    // stands for (git replace, --graft), which push sends as the originals. An adversarial
    // trial replaced a commit holding a key with a clean one: pre-push and --history read the
    // clean one, the push sent the key.
    config: ['core.useReplaceRefs=false'],
  };
}

export function git(cwd: string): SimpleGit {
  return client(gitOptions(cwd));
}

/** A simple-git client whose runs end when git's streams close, output or none (see noSilenceWait). */
function client(options: Partial<SimpleGitOptions>, onOutput?: (stdout: Readable) => void): SimpleGit {
  return simpleGit(options).outputHandler((_command, stdout, stderr) => {
    noSilenceWait(stderr as Readable);
    onOutput?.(stdout as Readable);
  });
}

const NOTHING = Buffer.alloc(0);

/**
 * simple-git waits 50 ms more after a git that wrote nothing, on stdout or stderr, before it
 * settles the run, whatever `completion` says: output might still be on its way. Done on
 * `close`, as here, every byte git wrote has been read, so the wait is idle time: 100 ms of a
 * commit with nothing staged (`git commit --amend` to reword), whose two gits print nothing.
 * simple-git counts any chunk as output: an empty one on stderr, once its listeners are on
 * (they are attached right after this handler runs, in the same tick), ends the run at close.
 */
function noSilenceWait(stderr: Readable): void {
  process.nextTick(() => stderr.emit('data', NOTHING));
}

/**
 * Runs git and hands its stdout to `onChunk` as it arrives. simple-git collects a command's
 * stdout in memory by default; the output handler takes the stream over so that a 1 GB staged
 * change is parsed chunk by chunk and never held at once. `onChunk` returning false stops
 * reading: git is cut off (it dies on the closed pipe) and its failure is expected.
 */
export async function streamGit(cwd: string, args: string[], onChunk: (chunk: Buffer) => boolean, input?: string): Promise<void> {
  return startGit(cwd, args, input).read(onChunk);
}

/** A git process, started; its output waits (the pipe paused) until `read` is called. */
interface StartedGit {
  read(onChunk: (chunk: Buffer) => boolean): Promise<void>;
}

function startGit(cwd: string, args: string[], input?: string): StartedGit {
  let failure: unknown;
  let stopped = false;
  let stdout: Readable | undefined;
  let onChunk: ((chunk: Buffer) => boolean) | undefined;
  const listen = (out: Readable, handle: (chunk: Buffer) => boolean): void => {
    out.on('data', (chunk: Buffer) => {
      if (failure !== undefined || stopped) return;
      try {
        if (!handle(chunk)) {
          stopped = true;
          out.destroy();
        }
      } catch (error) {
        failure = error;
        out.destroy();
      }
    });
    out.resume();
  };
  const started = client({ ...gitOptions(cwd), ...(input !== undefined ? { input: () => input } : {}) }, (out) => {
    // Called as git starts, before any output: take the stream over from simple-git's collector.
    stdout = out;
    stdout.removeAllListeners('data');
    stdout.pause();
    if (onChunk !== undefined) listen(stdout, onChunk);
  });
  const done = started.raw(args);
  // Not awaited until read() is called (an early start may never be read): no unhandled rejection.
  done.catch(() => undefined);
  return {
    async read(handle) {
      onChunk = handle;
      if (stdout !== undefined) listen(stdout, handle);
      try {
        await done;
      } catch (error) {
        if (failure === undefined && !stopped) throw gitFailure(error, args);
      }
      if (failure !== undefined) throw failure;
    },
  };
}

/** A `git diff --cached` started ahead of the scan that reads it (see startStagedDiff). */
export interface EarlyStagedDiff {
  readonly cwd: string;
  readonly git: StartedGit;
}

/**
 * Starts `git diff --cached` now, for the staged scan that is about to ask for it: git works
 * while the rest of keygate loads. src/hook.ts's main() calls it before it loads the commands, and hands
 * what it returns to the scan (ScanOptions.early); its output waits in the paused pipe.
 */
export function startStagedDiff(cwd: string): EarlyStagedDiff {
  return { cwd, git: startGit(cwd, STAGED_DIFF_ARGS) };
}

/**
 * Added files at least this large (all together, as the work tree has them) are read with
 * `git cat-file --batch` instead of `git diff`: every line of a new file is an added line, and
 * git's diff machinery emits them ~5x slower than cat-file streams the blobs. Below it, one
 * git process for everything is quicker.
 */
export const FAST_PATH_BYTES = 4 * 1024 * 1024;

/**
 * Streams what is staged into sinks made by `newSink` (one per git stream; they may run side
 * by side). Reads the index GIT_INDEX_FILE names, if git set it, against HEAD.
 */
export async function streamStagedDiff(
  cwd: string,
  newSink: () => LineSink,
  fastPathBytes = FAST_PATH_BYTES,
  /** The work tree root, where added files are sized; the caller usually has it already. */
  root = findRoot(cwd),
  /** Takes some of the added files to read elsewhere (another thread); the rest are read here. */
  shareAdded?: ShareAdded,
  /** The same diff, started ahead (by the hook bundle, for this work tree). */
  early?: EarlyStagedDiff,
): Promise<void> {
  let listed: readonly SourceFile[] = [];
  let split: Promise<void> | undefined;
  const parser = new DiffParser(newSink(), MAX_LINE, LINE_OVERLAP, (files) => {
    listed = files;
    if (!addedBytesAtLeast(root, files, fastPathBytes)) return true;
    // Started as soon as the listing says so (once this chunk is handled and git is cut off),
    // not once git has closed: the other threads start ~50 ms sooner on a large change.
    split = Promise.resolve().then(() => readSplit(cwd, root, files, newSink, shareAdded));
    split.catch(() => undefined); // awaited below; a failed diff is reported first
    return false;
  });
  const diff = early?.cwd === cwd ? early.git : startGit(cwd, STAGED_DIFF_ARGS);
  await diff.read((chunk) => {
    parser.push(chunk);
    return !parser.stopped;
  });
  parser.end();
  if (split !== undefined) {
    await split;
    return;
  }
  // In a bare repository `git diff --cached` succeeds and shows nothing: only an empty diff
  // needs the extra questions, so a normal commit pays for one git process, not two.
  if (listed.length === 0) {
    await assertWorkTree(cwd);
    await assertNothingStaged(cwd);
  }
}

/**
 * "git said nothing is staged" and "git stopped talking" look alike: no output. An empty diff
 * is believed only when a second git, asked for the names alone, agrees.
 */
async function assertNothingStaged(cwd: string): Promise<void> {
  const names = await runGit(cwd, ['diff', '--cached', '--name-only', '-z', '--no-ext-diff', '--no-textconv', '--diff-filter=d']);
  if (names !== '') {
    throw new KeygateError('GIT_FAILED', 'git diff --cached showed nothing, but files are staged: its output was cut off', {
      hint: 'the commit is blocked; try again, or bypass once with git commit --no-verify',
    });
  }
}

/** Of the added files, those read here; the others go to `elsewhere`, read side by side. */
export type ShareAdded = (added: readonly SourceFile[]) => {
  here: Iterable<SourceFile>;
  elsewhere?: Promise<void>;
  /** Called once both are done: checks that between them every file was read. */
  done?: () => void;
};

/**
 * The fast path: added files from the work tree where it holds their staged bytes, else
 * through cat-file; everything else through diff; side by side.
 */
async function readSplit(cwd: string, root: string | undefined, files: readonly SourceFile[], newSink: () => LineSink, shareAdded?: ShareAdded): Promise<void> {
  const all = files.filter((f) => f.status === 'A' && f.mode !== '160000');
  const { here: added, elsewhere, done } = (all.length > 0 ? shareAdded?.(all) : undefined) ?? { here: all };
  const rest = files.filter((f) => f.status !== 'A');
  const submodules = files.filter((f) => f.status === 'A' && f.mode === '160000');
  const jobs: Promise<void>[] = elsewhere !== undefined ? [elsewhere] : [];
  if (submodules.length > 0) {
    const sink = newSink();
    for (const f of submodules) sink.startFile(f);
  }
  if (all.length > 0) jobs.push(streamIndexBlobs(cwd, root, added, newSink()));
  if (rest.length > 0) {
    const modified = new DiffParser(newSink());
    const args = STAGED_DIFF_ARGS.map((a) => (a === '--diff-filter=d' ? '--diff-filter=ad' : a));
    jobs.push(streamGit(cwd, args, (chunk) => (modified.push(chunk), true)).then(() => modified.end()));
  }
  await Promise.all(jobs);
  done?.();
}

/**
 * Streams the given files' blobs as the index has them: from the work tree where it holds
 * exactly those bytes (src/git/work-tree-blobs.ts), the rest through cat-file.
 */
export async function streamIndexBlobs(cwd: string, root: string | undefined, files: Iterable<SourceFile>, sink: LineSink): Promise<void> {
  const rest = root === undefined ? [...files] : await readFromWorkTree(root, files, sink);
  await streamBlobs(cwd, rest, sink);
}

/** Streams the given blobs whole, through cat-file (UTF-16 files, re-read; commits' files). */
export async function streamBlobs(cwd: string, files: readonly SourceFile[], sink: LineSink): Promise<void> {
  if (files.length === 0) return;
  const blobs = new CatFileParser(files, sink);
  await streamGit(cwd, ['cat-file', '--batch'], (chunk) => (blobs.push(chunk), true), files.map((f) => f.oid).join('\n') + '\n');
  blobs.end();
}

/**
 * Streams every tracked file as the index has it (for checking which allowlist entries still
 * match anything): `git ls-files -s -z`, then their blobs through cat-file.
 */
export async function streamTrackedFiles(cwd: string, newSink: () => LineSink, shareAdded?: ShareAdded): Promise<void> {
  const listing = await runGit(cwd, ['ls-files', '--stage', '-z', '--full-name', '--', ':/']);
  const files: SourceFile[] = [];
  for (const record of listing.split('\0')) {
    const m = /^(\d{6}) ([0-9a-f]+) (\d)\t(.*)$/s.exec(record);
    if (m === null) continue;
    const [, mode, oid, stage, path] = m as unknown as [string, string, string, string, string];
    if (stage !== '0' && stage !== '2') continue;
    files.push({ path, status: 'A', mode, oid });
  }
  if (files.length === 0) return;
  await readSplit(cwd, findRoot(cwd), files, newSink, shareAdded);
}

export async function runGit(cwd: string, args: string[]): Promise<string> {
  try {
    return await git(cwd).raw(args);
  } catch (error) {
    throw gitFailure(error, args);
  }
}

/** What `git diff-tree` shows of one commit: its added lines, in the staged diff's format. */
function commitDiffArgs(commit: string): string[] {
  const [, , ...flags] = STAGED_DIFF_ARGS; // drop 'diff', '--cached'
  return ['diff-tree', '-r', '--root', '--no-commit-id', ...flags, commit];
}

export async function streamCommit(cwd: string, commit: string, sink: LineSink): Promise<void> {
  const parser = new DiffParser(sink);
  await streamGit(cwd, commitDiffArgs(commit), (chunk) => (parser.push(chunk), true));
  parser.end();
}

const ZERO = /^0+$/;

/** One line of what git passes a pre-push hook on stdin. */
export interface PushUpdate {
  localRef: string;
  localSha: string;
  remoteRef: string;
  remoteSha: string;
}

export function parsePushUpdates(stdin: string): PushUpdate[] {
  return stdin
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f.length === 4)
    .map(([localRef, localSha, remoteRef, remoteSha]) => ({
      localRef: localRef as string,
      localSha: localSha as string,
      remoteRef: remoteRef as string,
      remoteSha: remoteSha as string,
    }));
}

/**
 * The commits a push would send, oldest first: for each updated ref, those not on the remote
 * ref already and not on the destination's remote-tracking branches (refs/remotes/<remote>/,
 * when `remote`, git's first argument to the hook, names a configured remote). Deletions send
 * nothing.
 *
 * Only the destination's: found by an adversarial trial, excluding every remote's branches
 * (--remotes) let a key fetched from a teammate's remote, or all of a private clone's history
 * pushed to a new public remote, be pushed unscanned ("no new commits to push").
 */
export async function commitsToPush(cwd: string, updates: readonly PushUpdate[], remote?: string): Promise<string[]> {
  const seen = new Set<string>();
  const out: string[] = [];
  const remotes = remote !== undefined ? (await runGit(cwd, ['remote'])).split('\n').filter(Boolean) : [];
  let theirs: string[] = [];
  if (remote !== undefined && remotes.includes(remote)) {
    // Its branches by name, not by a glob: git's * crosses /, and a remote named origin/alice
    // keeps its branches under refs/remotes/origin/alice/ (a review).
    const nested = remotes.filter((r) => r.startsWith(`${remote}/`)).map((r) => `refs/remotes/${r}/`);
    theirs = (await runGit(cwd, ['for-each-ref', '--format=%(refname)', `refs/remotes/${remote}/`]))
      .split('\n')
      .filter((ref) => ref !== '' && !nested.some((n) => ref.startsWith(n)));
  }
  for (const u of updates) {
    if (ZERO.test(u.localSha)) continue;
    const known = !ZERO.test(u.remoteSha) && (await runGit(cwd, ['cat-file', '-t', u.remoteSha]).catch(() => '')).trim() === 'commit';
    const args = ['rev-list', '--reverse', u.localSha, ...(known ? [`^${u.remoteSha}`] : []), ...(theirs.length > 0 ? ['--not', ...theirs] : [])];
    for (const sha of (await runGit(cwd, args)).split('\n')) {
      if (sha && !seen.has(sha)) {
        seen.add(sha);
        out.push(sha);
      }
    }
  }
  return out;
}

/** Unsets a local config key (uninstall's undo of husky's core.hooksPath). */
export async function unsetLocalConfig(root: string, key: string): Promise<void> {
  try {
    // simple-git refuses to touch core.hooksPath unless told that this is intended.
    await client({ ...gitOptions(root), unsafe: { allowUnsafeHooksPath: true } }).raw(['config', '--local', '--unset', key]);
  } catch (error) {
    throw gitFailure(error, ['config']);
  }
}

/** The repository's git directory (for keygate's own state, such as the last blocked run). */
export async function gitDir(cwd: string): Promise<string> {
  const out = await runGit(cwd, ['rev-parse', '--absolute-git-dir']);
  return out.trim();
}

/**
 * Whether the added files come to at least `limit` bytes, judged from the work tree (sized
 * only until they do). Only a choice hangs on this, of read path or of threads: either way
 * exactly what is staged is scanned.
 */
export function addedBytesAtLeast(root: string | undefined, files: readonly SourceFile[], limit: number): boolean {
  if (root === undefined) return false;
  let total = 0;
  for (const f of files) {
    if (f.status !== 'A') continue;
    let size = sized.get(f);
    if (size === undefined) sized.set(f, (size = sizeOnDisk(join(root, f.path))));
    total += size;
    if (total >= limit) return true;
  }
  return false;
}

/**
 * Sizes already looked up, by file: a large change is sized twice (for the fast path, then
 * for threads), and its first files are the same both times (the first 16 MB of the real-code
 * set are ~4,400 files: ~30 ms of lstat each time).
 */
const sized = new WeakMap<SourceFile, number>();

async function assertWorkTree(cwd: string): Promise<void> {
  const inside = await runGit(cwd, ['rev-parse', '--is-inside-work-tree']);
  if (inside.trim() !== 'true') {
    throw new KeygateError('NOT_A_REPO', 'not inside a git work tree (a bare repository or a .git directory)', {
      hint: 'run keygate in a repository with a work tree',
    });
  }
}

function gitFailure(error: unknown, args: string[] = STAGED_DIFF_ARGS): KeygateError {
  const text = error instanceof Error ? error.message : String(error);
  const first = text.split('\n').find((l) => l.trim() !== '') ?? 'git failed';
  // Outside a repository git diff falls back to --no-index mode, which has no --cached.
  if (/not a git repository|unknown option .cached/i.test(text)) {
    return new KeygateError('NOT_A_REPO', 'not inside a git repository', {
      cause: error,
      hint: 'run keygate from inside a git work tree',
    });
  }
  if (/must be run in a work tree/i.test(text)) {
    return new KeygateError('NOT_A_REPO', 'this is a bare repository: there is no index to scan', {
      cause: error,
      hint: 'run keygate in a repository with a work tree',
    });
  }
  const what = args[0] === 'diff' ? 'git diff --cached' : `git ${args[0]}`;
  // git's words, not keygate's: one short line, control characters escaped, and nothing that
  // looks like a secret (git quotes content in some of its errors).
  return new KeygateError('GIT_FAILED', `${what} failed: ${maskRandomTokens(displayText(first.trim()))}`, { cause: error });
}
