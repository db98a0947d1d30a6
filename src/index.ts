import { type AllowEntry, type KeygateConfig, loadConfig } from './config/config.js';
import { loadMicromatch, pathMatcher } from './allow/globs.js';
import { findRoot, sizeOnDisk } from './git/root.js';
import { customDetector } from './detectors/custom.js';
import { DETECTORS, readAlike } from './detectors/index.js';
import { lstatSync } from 'node:fs';
import { resolve } from 'node:path';
import { KeygateError } from './errors.js';
import { tuneForLargeScan } from './jit.js';
import { addedBytesAtLeast, type EarlyStagedDiff, type ShareAdded, streamBlobs, streamIndexBlobs, streamStagedDiff, streamTrackedFiles } from './git/git.js';
import { onlyLines } from './scan/only-lines.js';
import { streamFiles } from './scan/files.js';
import { workTreeFiles } from './git/work-tree-list.js';
import { emptyStats, FragmentBuilder, type Reread } from './scan/fragments.js';
import { Scanner, withPathsShown } from './scan/scanner.js';
import { type Detected, Detection } from './scan/detect.js';
import {
  addStats,
  balance,
  inWorker,
  SHARD_BYTES,
  SHARD_COMMITS,
  packFiles,
  SharedQueue,
  unpackFiles,
  type ShardResult,
  type ShardSetup,
  type ShardTask,
  type Threads,
  threadsFor,
} from './scan/shards.js';
import { blobsAt, commitsWithParents, type FileAt, type HistoryCommit, type HistorySelection, listCommits, streamHistory } from './git/history.js';
import type { LineSink } from './git/diff-parser.js';
import { fileKey, introductions, type SecretKey, secretKey } from './scan/introductions.js';
import type { Detector, Finding, Report, ScanStats, SourceFile } from './types.js';

export type * from './types.js';
export { KeygateError } from './errors.js';
export { DETECTORS } from './detectors/index.js';

export interface ScanOptions {
  cwd: string;
  /** The validated .keygate.json; loaded from the work tree when not given. */
  config?: KeygateConfig;
  detectors?: readonly Detector[];
  /** Added files at least this large are read with git cat-file (see FAST_PATH_BYTES). */
  fastPathBytes?: number;
  /**
   * dist/shard-worker.cjs, for a large scan to run on every core (src/scan/shards.ts): one
   * thread when absent, or on a one-core machine.
   */
  workerScript?: string;
  /** At most this many threads, the main one included (one per core when absent). */
  maxThreads?: number;
  /** The staged diff, already started (the hook bundle starts it while it loads). */
  early?: EarlyStagedDiff;
  /** Git processes per thread for a large history (STREAMS_PER_THREAD when absent). */
  streamsPerThread?: number;
}

/**
 * Scans every tracked file as the index holds it, and says which allowlist entries still
 * match something (for `keygate allowlist` and `prune`).
 */
export async function scanTracked(options: ScanOptions & { config: KeygateConfig }): Promise<Report & { usedAllows: Map<AllowEntry, number> }> {
  const { scanner, newSink, stats, builders, shards } = pipeline(options, options.config);
  await shards.whole(streamTrackedFiles(options.cwd, newSink, shards.shareAdded(findRoot(options.cwd))));
  return finish(scanner, stats, builders, options.config);
}

function pipeline(options: ScanOptions, config: KeygateConfig) {
  const detectors = [...(options.detectors ?? DETECTORS), ...config.rules.map(customDetector)];
  const scanner = new Scanner(detectors);
  const stats = emptyStats();
  const builders: FragmentBuilder[] = [];
  const newSink = (commit?: string): FragmentBuilder => {
    const b = new FragmentBuilder((fragment) => scanner.scan(fragment), stats, commit);
    builders.push(b);
    return b;
  };
  // Built-in detectors only: a worker thread builds its own, and cannot be handed test doubles.
  const script = options.detectors === undefined ? options.workerScript : undefined;
  return {
    scanner,
    newSink,
    stats,
    builders,
    shards: new ShardRunner(script, options.maxThreads, options.cwd, config, scanner, stats, options.streamsPerThread),
  };
}

/**
 * The main thread's side of a sharded scan: starts the workers for the shards it is given,
 * joins what they find into the scanner and their counts into the stats, and stops them all
 * when the scan ends, however it ends.
 */
class ShardRunner {
  private readonly stops: (() => void)[] = [];
  /** Each worker's latest progress, for a history scan's status line. */
  readonly progress: { commits: number; bytes: number }[] = [];

  /** Asked for only when an input is large enough to shard (a commit never loads node:os). */
  private threads: Threads | undefined | null = null;

  constructor(
    private readonly script: string | undefined,
    private readonly maxThreads: number | undefined,
    private readonly cwd: string,
    private readonly config: KeygateConfig,
    private readonly scanner: Scanner,
    private readonly stats: ScanStats,
    private readonly streamsPerThread = STREAMS_PER_THREAD,
  ) {}

  /**
   * Files cut into shards of about equal size on disk (at `pathOf`), the first for this thread:
   * one shard, all of them, when together they are below SHARD_BYTES.
   */
  splitBySize<T>(items: readonly T[], pathOf: (item: T) => string): T[][] {
    const sizes = new Map(items.map((item) => [item, sizeOnDisk(pathOf(item))]));
    const total = [...sizes.values()].reduce((a, b) => a + b, 0);
    return balance(items, (item) => sizes.get(item) ?? 0, this.parts(total, SHARD_BYTES));
  }

  /** How many shards to cut an input of this size into (1: do not); a large one also tunes V8 for it (src/jit.ts). */
  parts(size: number, enough: number): number {
    if (size < enough) return 1;
    tuneForLargeScan();
    if (this.script === undefined) return 1;
    if (this.threads === null) this.threads = threadsFor(this.script, this.maxThreads);
    return this.threads === undefined ? 1 : this.threads.extra + 1;
  }

  /**
   * A history cut for the cores: one git process per core (runs of consecutive commits), read
   * STREAMS_PER_THREAD to a thread. Reading a history is mostly git's work (trees compared,
   * blobs inflated, diffs made; the scan of the added lines takes about two thirds of that), so
   * on two cores two git processes feeding the main thread beat two threads, each of which also
   * pays to start and compile its own copy of keygate. Below SHARD_COMMITS: one of each.
   */
  commits(commits: readonly HistoryCommit[]): { here: HistoryCommit[]; others: HistoryCommit[][]; streams: number } {
    const cores = this.parts(commits.length, SHARD_COMMITS);
    const streams = Math.min(cores, this.streamsPerThread);
    const [here = [], ...others] = consecutive(commits, Math.ceil(cores / streams));
    return { here, others, streams };
  }

  /** Runs each task in a worker; resolves when all are done and joined, with what each took of a shared queue. */
  run(tasks: readonly ShardTask[]): Promise<number[]> {
    const script = this.script;
    if (script === undefined || tasks.length === 0) return Promise.resolve([]);
    this.stats.threads = (this.stats.threads ?? 1) + tasks.length;
    return Promise.all(
      tasks.map((task) => {
        const at = this.progress.push({ commits: 0, bytes: 0 }) - 1;
        const { result, stop } = inWorker(script, { task, rules: this.config.rules, allowPaths: allowPaths(this.config) }, (p) => (this.progress[at] = p));
        this.stops.push(stop);
        return result.then((r) => {
          this.scanner.add(r.detected);
          addStats(this.stats, r.stats);
          return r.claimed ?? 0;
        });
      }),
    );
  }

  /**
   * For the staged and tracked scans: the added files, shared through one queue that this
   * thread and the workers take from (SharedQueue), when they come to SHARD_BYTES or more in
   * the work tree (sized until they do).
   */
  shareAdded(root: string | undefined): ShareAdded | undefined {
    if (this.script === undefined || root === undefined) return undefined;
    return (added) => {
      const workers = addedBytesAtLeast(root, added, SHARD_BYTES) ? this.parts(SHARD_BYTES, SHARD_BYTES) - 1 : 0;
      if (workers === 0) return { here: added };
      const queue = new SharedQueue(added);
      let taken: number[] | undefined;
      const task: ShardTask = { source: 'blobs', cwd: this.cwd, root, files: packFiles(added), queue: queue.buffer };
      return {
        here: queue.take(),
        elsewhere: this.run(Array.from({ length: workers }, () => task)).then((claimed) => void (taken = claimed)),
        done: () => {
          const all = queue.claimed + (taken ?? []).reduce((a, b) => a + b, 0);
          if (all !== added.length) throw new KeygateError('INTERNAL', `the scanning threads took ${all} of ${added.length} files`);
        },
      };
    };
  }

  /** Awaits a scan, stopping every worker when it ends (a failed scan leaves none running). */
  async whole<T>(scan: Promise<T>): Promise<T> {
    try {
      return await scan;
    } finally {
      for (const stop of this.stops) stop();
    }
  }
}

/**
 * A worker thread's shard (src/shard-worker.ts): read from its source and run through the
 * detect stage, as the main thread would, handing back what was found and the counts.
 */
export async function detectShard(setup: ShardSetup, onProgress?: (p: { commits: number; bytes: number }) => void): Promise<ShardResult> {
  const detection = new Detection([...DETECTORS, ...setup.rules.map(customDetector)]);
  const detected: Detected[] = [];
  const stats = emptyStats();
  const builders: FragmentBuilder[] = [];
  const newSink = (commit?: string): FragmentBuilder => {
    const b = new FragmentBuilder((fragment) => void detected.push(...detection.detect(fragment)), stats, commit);
    builders.push(b);
    return b;
  };
  const { task } = setup;
  let covered = 0;
  let claimed: number | undefined;
  if (task.source === 'commits') {
    await scanEachCommit(
      task.cwd,
      task.commits,
      newSink,
      builders,
      (done) => {
        covered = done;
        onProgress?.({ commits: done, bytes: stats.bytes });
      },
      task.streams,
      setup.allowPaths,
    );
  } else {
    // Counted as each file starts: the main thread checks that every file of the task was read.
    const sink = newSink();
    const counted = sinkPerFile((n) => ((covered = n + 1), sink));
    if (task.source === 'blobs') {
      const files = unpackFiles(task.files);
      const queue = task.queue !== undefined ? new SharedQueue(files, task.queue) : undefined;
      await streamIndexBlobs(task.cwd, task.root, queue?.take() ?? files, counted);
      if (queue !== undefined) claimed = queue.claimed;
    } else await streamFiles(task.cwd, task.root, task.paths, counted);
  }
  flushAll(builders);
  return { detected, stats, covered, ...(claimed !== undefined ? { claimed } : {}) };
}

/** Every builder's last fragment out; a file set aside to be read again and never read fails the scan. */
function flushAll(builders: readonly FragmentBuilder[]): void {
  for (const b of builders) {
    b.flush(0);
    if (b.pendingRereads > 0) throw new KeygateError('INTERNAL', `${b.pendingRereads} file(s) set aside to be read again by their blobs were not read`);
  }
}

/** The given config, or the validated .keygate.json of the work tree at `root`. */
async function configFor(options: ScanOptions, root: string | undefined): Promise<KeygateConfig> {
  return (
    options.config ??
    loadConfig(
      root,
      DETECTORS.map((d) => d.id),
    )
  );
}

/**
 * The scan's findings, with every path as it may be shown (a secret found in a file's name
 * redacted from every path: withPathsShown). A history scan keeps the paths as they are
 * (`keepPaths`) to read the files at their commits, and shows them once it has.
 */
async function finish(scanner: Scanner, stats: ScanStats, builders: FragmentBuilder[], config: KeygateConfig, keepPaths = false) {
  flushAll(builders);
  // In path order, as findings are: threads add the ones they skipped in the order they finish.
  stats.binaryFiles.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const { findings, suppressed, usedAllows, showPath } = await scanner.result(config, stats.binaryFiles);
  const found = { findings, suppressed, stats, usedAllows, showPath };
  return keepPaths ? found : withPathsShown(found, showPath);
}

/**
 * Scans files of the work tree, whole (for the pre-commit framework, which passes the files to
 * check; it stashes unstaged changes first, so the work tree holds what is staged). A directory
 * among them stands for the files under it (workTreeFiles; `allFiles`: git's ignored ones too).
 */
export async function scanFiles(options: ScanOptions & { paths: readonly string[]; allFiles?: boolean }): Promise<Report> {
  return scanListed({ ...options, paths: await withDirectoriesListed(options.cwd, options.paths, options.allFiles === true) });
}

/** Scans the files at these paths (each a file: directories were listed by the caller). */
async function scanListed(options: ScanOptions & { paths: readonly string[] }): Promise<Report> {
  const { paths } = options;
  const root = findRoot(options.cwd) ?? options.cwd;
  const config = await configFor(options, root);
  const { scanner, newSink, stats, builders, shards } = pipeline(options, config);
  const [here = [], ...others] = shards.splitBySize(paths, (p) => resolve(options.cwd, p));
  await shards.whole(
    Promise.all([streamFiles(options.cwd, root, here, newSink()), shards.run(others.map((paths) => ({ source: 'files', cwd: options.cwd, root, paths })))]),
  );
  // The stats as shown: a binary file's name is listed in them, redacted like the findings' paths.
  const shown = await finish(scanner, stats, builders, config);
  return { findings: shown.findings, suppressed: shown.suppressed, stats: shown.stats, source: 'files' };
}

/**
 * Scans the work tree: every tracked file and every untracked one git does not ignore (with
 * `allFiles`, ignored ones too), whole, as the files are on disk. Symbolic links, and tracked
 * files deleted from the work tree, are not files to read and are passed over.
 */
export async function scanWorkTree(options: ScanOptions & { allFiles?: boolean }): Promise<Report> {
  const root = findRoot(options.cwd);
  if (root === undefined) throw new KeygateError('NOT_A_REPO', 'not inside a git repository', { hint: 'to scan files outside one: keygate scan -- <file>...' });
  return scanListed({ ...options, cwd: root, paths: await workTreeFiles(root, [root], options.allFiles === true) });
}

/** The paths given, each directory replaced by the files under it (in place: the order is kept). */
async function withDirectoriesListed(cwd: string, paths: readonly string[], allFiles: boolean): Promise<string[]> {
  const out = new Set<string>();
  for (const path of paths) {
    if (lstatSync(resolve(cwd, path), { throwIfNoEntry: false })?.isDirectory() === true)
      for (const p of await workTreeFiles(cwd, [path], allFiles)) out.add(p);
    else out.add(path);
  }
  return [...out];
}

/** Scans what the given commits added (pre-push), each finding marked with its commit. */
export async function scanCommits(options: ScanOptions & { commits: readonly string[] }): Promise<Report> {
  const config = await configFor(options, findRoot(options.cwd));
  const { scanner, newSink, stats, builders, shards } = pipeline(options, config);
  // One git process for all of them, as for history (a merge: what it adds over its first parent).
  const commits = await commitsWithParents(options.cwd, options.commits);
  await scanOnCores(shards, options.cwd, commits, newSink, builders, config);
  const shown = await finish(scanner, stats, builders, config);
  return { findings: shown.findings, suppressed: shown.suppressed, stats: { ...shown.stats, commits: options.commits.length }, source: 'commits' };
}

/**
 * Scans history: every commit of the selection (all refs by default; a range such as A..B for
 * a push or a pull request), oldest first, streamed from one git process. Each finding carries
 * its commit, author and date. A secret is reported once per file for each time it is brought
 * into that file: kept for 500 commits, its line edited, or brought again by a merge, it is one
 * finding; taken out and later put back, it is found at both commits (see introductions.ts).
 */
export async function scanHistory(options: ScanOptions & { selection: HistorySelection; onProgress?: (p: HistoryProgress) => void }): Promise<Report> {
  const config = await configFor(options, findRoot(options.cwd));
  const { scanner, newSink, stats, builders, shards } = pipeline(options, config);
  const commits = await listCommits(options.cwd, options.selection);
  const started = Date.now();
  const progress = (done: number): void => {
    const elsewhere = shards.progress.reduce((sum, p) => ({ commits: sum.commits + p.commits, bytes: sum.bytes + p.bytes }), { commits: 0, bytes: 0 });
    options.onProgress?.({ commits: done + elsewhere.commits, of: commits.length, bytes: stats.bytes + elsewhere.bytes, ms: Date.now() - started });
  };
  // Which findings are still in the tracked files (anywhere: a secret moved to another file is
  // still there): those need taking out as well as rotating. Nothing found, nothing to ask; and
  // asked as soon as the history shows a first secret, side by side with the rest of it (after
  // it, this scan of HEAD added its whole time: ~60 ms of a 5,000-commit history).
  let tracked: Promise<Report> | undefined;
  const scanHead = (): Promise<Report> => (tracked ??= scanTracked({ ...options, config }));
  scanner.whenFound(() => void scanHead().catch(() => undefined)); // awaited below, or its failure reported there
  await scanOnCores(shards, options.cwd, commits, newSink, builders, config, progress);
  const { findings, suppressed, showPath } = await finish(scanner, stats, builders, config, true);
  const present = findings.length + suppressed.length === 0 ? await tracked : await scanHead();
  const stillThere = new Set(present === undefined ? [] : [...present.findings, ...present.suppressed.map((s) => s.finding)].map(secretKey));
  const byCommit = new Map(commits.map((c, i) => [c.sha, { ...c, order: i }]));
  const order = (commit: string | undefined): number => (commit === undefined ? -1 : (byCommit.get(commit)?.order ?? -1));
  const parentsOf = (commit: string): readonly string[] => byCommit.get(commit)?.parents ?? [];
  const held = (files: readonly FileAt[]) => secretsIn({ ...options, config }, files);
  const dated = (f: Finding): Finding => {
    const c = f.commit === undefined ? undefined : byCommit.get(f.commit);
    const inHead = stillThere.has(secretKey(f));
    return c === undefined ? { ...f, inHead } : { ...f, author: c.author, date: c.date, inHead };
  };
  const report = {
    findings: (await introductions(findings, (f) => f, order, parentsOf, held)).map(dated),
    suppressed: (await introductions(suppressed, (s) => s.finding, order, parentsOf, held)).map((s) => ({ ...s, finding: dated(s.finding) })),
    stats: { ...stats, commits: commits.length },
    source: 'history' as const,
  };
  return withPathsShown(report, showPath);
}

/**
 * The secrets each file holds, as the commit named has it (every rule's, allowed or not): the
 * files read whole through one cat-file, each file's findings told apart by a label of its own.
 */
async function secretsIn(options: ScanOptions & { config: KeygateConfig }, files: readonly FileAt[]): Promise<Map<string, Set<SecretKey>>> {
  const oids = await blobsAt(options.cwd, files);
  const blobs = files.flatMap((at, i) => {
    const oid = oids[i];
    return oid === undefined ? [] : [{ at, file: { path: at.path, status: 'A', mode: '100644', oid } }];
  });
  const { scanner, newSink, stats, builders } = pipeline(options, options.config);
  await streamBlobs(
    options.cwd,
    blobs.map((b) => b.file),
    sinkPerFile((n) => newSink(String(n))),
  );
  const { findings, suppressed } = await finish(scanner, stats, builders, options.config);
  const held = new Map<string, Set<SecretKey>>();
  for (const f of [...findings, ...suppressed.map((s) => s.finding)]) {
    const at = blobs[Number(f.commit)]?.at;
    if (at === undefined) continue;
    const key = fileKey(at);
    held.set(key, (held.get(key) ?? new Set()).add(secretKey(f)));
  }
  return held;
}

/** A sink that hands each file to a sink of its own, the nth file's from `sinkFor(n)`. */
function sinkPerFile(sinkFor: (n: number) => LineSink): LineSink {
  let n = -1;
  let current: LineSink | undefined;
  const now = (): LineSink => {
    if (current === undefined) throw new KeygateError('DIFF_PARSE', 'a line came before any file');
    return current;
  };
  return {
    startFile(file) {
      current = sinkFor(++n);
      current.startFile(file);
    },
    addedLine: (line, column, text, complete) => now().addedLine(line, column, text, complete),
    addedBlock: (startLine, text, lines) => now().addedBlock(startLine, text, lines),
    contextLine: (line, text) => now().contextLine?.(line, text),
    binaryFile: () => now().binaryFile(),
    binaryStrings: () => now().binaryStrings?.() === true,
    decodedText: (encoding) => now().decodedText(encoding),
  };
}

/**
 * Commits read on every core (ShardRunner.commits): runs of consecutive ones, a git process
 * each, read here and in workers, what the workers found joined to this thread's.
 */
async function scanOnCores(
  shards: ShardRunner,
  cwd: string,
  commits: readonly HistoryCommit[],
  newSink: (commit: string) => FragmentBuilder,
  builders: FragmentBuilder[],
  config: KeygateConfig,
  commitDone?: (done: number) => void,
): Promise<void> {
  const { here, others, streams } = shards.commits(commits);
  await shards.whole(
    Promise.all([
      scanEachCommit(cwd, here, newSink, builders, commitDone, streams, allowPaths(config)),
      shards.run(others.map((part) => ({ source: 'commits', cwd, commits: part, streams }))),
    ]),
  );
}

/**
 * Streams the commits' added lines into the scanner, one builder per commit: each commit's
 * fragments are scanned as its output ends and its builder let go of, so memory stays flat
 * however many commits there are. `commitDone` gets the number of commits done so far.
 */
async function scanEachCommit(
  cwd: string,
  commits: readonly HistoryCommit[],
  newSink: (commit: string) => FragmentBuilder,
  builders: FragmentBuilder[],
  commitDone?: (done: number) => void,
  /** Git processes to read them with, side by side (runs of consecutive commits). */
  streams = 1,
  /** The allow entries' path globs: what moveCheck needs to judge the commits' moves. */
  allows: readonly string[] = [],
): Promise<void> {
  let done = 0;
  // Files a commit's diff showed a NUL in (binary or UTF-16): read again whole afterwards.
  const rereads: { commit: string; reread: Reread }[] = [];
  // Files a commit renamed or copied: judged once the history is read (moveCheck), so a
  // history without moves never loads the glob matcher.
  const moves: { commit: string; file: SourceFile }[] = [];
  const stream = async (run: readonly HistoryCommit[]): Promise<void> => {
    let current: FragmentBuilder | undefined;
    await streamHistory(
      cwd,
      run,
      (c) => (current = newSink(c.sha)),
      (c) => {
        if (current !== undefined) {
          current.flush(0);
          for (const reread of current.takeRereads()) rereads.push({ commit: c.sha, reread });
          for (const file of current.takeMoved()) moves.push({ commit: c.sha, file });
          // Let go of it: history's memory stays flat however long it is.
          const at = builders.indexOf(current);
          if (at !== -1) builders.splice(at, 1);
          current = undefined;
        }
        commitDone?.(++done);
      },
    );
  };
  await Promise.all(consecutive(commits, Math.min(streams, commits.length)).map(stream));
  await rereadAll(
    cwd,
    rereads.map(({ commit, reread }) => ({ reread, sink: newSink(commit) })),
  );
  if (moves.length === 0) return;
  const check = await moveCheck(allows);
  const moved = moves.filter(({ file }) => check(file)).map(({ commit, file }) => ({ reread: { file }, sink: newSink(commit) }));
  if (moved[0] !== undefined) await rereadCountedOnce(cwd, moved, moved[0].sink.stats);
}

/** Git processes a thread reads a history with (ShardRunner.commits). */
const STREAMS_PER_THREAD = 2;

/**
 * The items cut into `parts` runs of consecutive ones. For commits: git reads a commit's tree
 * and its parent's, and the next commit's parent is this one, so consecutive commits share
 * what git has just read (dealing them out in turn made each shard as slow as the whole).
 */
function consecutive<T>(items: readonly T[], parts: number): T[][] {
  const size = Math.ceil(items.length / parts);
  return Array.from({ length: parts }, (_, k) => items.slice(k * size, (k + 1) * size));
}

/** How far a history scan has got: commits done of all, bytes of added lines read, time so far. */
export interface HistoryProgress {
  commits: number;
  of: number;
  bytes: number;
  ms: number;
}

/** Scans what is staged in the repository at `cwd` (the index git would commit). */
export async function scanStaged(options: ScanOptions): Promise<Report> {
  return (await scanStagedKeepingSecrets(options, false)).report;
}

/**
 * The staged scan, and (for `keygate allow`, which checks in memory that what a user is about
 * to write down does not spell one) the secrets it found, every rule's, before any allow.
 * Never printed, never written.
 */
export async function scanStagedKeepingSecrets(options: ScanOptions, keep = true): Promise<{ report: Report; secrets: string[] }> {
  // One walk up to the root serves both the config and the choice of read path.
  const root = findRoot(options.cwd);
  const config = await configFor(options, root);
  const { scanner, newSink, stats, builders, shards } = pipeline(options, config);
  await shards.whole(streamStagedDiff(options.cwd, newSink, options.fastPathBytes, root, shards.shareAdded(root), options.early));
  await rereadDecoded(options.cwd, builders, newSink);
  await rereadMoves(options.cwd, config, builders, newSink, stats);
  let secrets: string[] = [];
  if (keep) {
    for (const b of builders) b.flush(0);
    secrets = scanner.secrets();
  }
  const shown = await finish(scanner, stats, builders, config);
  return { report: { findings: shown.findings, suppressed: shown.suppressed, stats: shown.stats }, secrets };
}

/**
 * Files whose diff showed a NUL (FragmentBuilder.rereads: binary or UTF-16, which a diff line
 * cannot tell apart) are read again whole by their blobs, all in one `git cat-file`: their
 * first bytes decide (binary: skipped and counted; UTF-16: decoded), and only the lines git
 * counted as added are scanned (git counts a line at every 0x0A byte, also inside UTF-16
 * characters: onlyLines maps its numbers onto the decoded lines).
 */
async function rereadDecoded(cwd: string, builders: readonly FragmentBuilder[], newSink: () => FragmentBuilder): Promise<void> {
  await rereadAll(
    cwd,
    builders.flatMap((b) => b.takeRereads()).map((reread) => ({ reread, sink: newSink() })),
  );
}

/**
 * Whether a file renamed or copied must be read whole by its blob at its new path: the diff
 * shows only the lines the move changed, and the move changes what a scan of the others says
 * - out of a path that an allow entry covers, to where none does: their secrets were allowed
 *   where the file was, so no scan reported them;
 * - to a path the detectors read otherwise (readAlike: settings.py to settings.env, where an
 *   unquoted value is a secret, not an expression; a lock file renamed to a plain one).
 * Other moves are not rescanned: what they carry was scanned as it is read where it lands.
 */
type MoveCheck = (moved: SourceFile) => boolean;

async function moveCheck(allowPaths: readonly string[]): Promise<MoveCheck> {
  const otherwise = (f: SourceFile): boolean => !readAlike(f.oldPath as string, f.path);
  if (allowPaths.length === 0) return otherwise;
  const micromatch = await loadMicromatch();
  const matchers = allowPaths.map((g) => pathMatcher(micromatch, g));
  const covered = (path: string): boolean[] => matchers.map((m) => m(path));
  return (f) => {
    if (otherwise(f)) return true;
    const was = covered(f.oldPath as string);
    const now = covered(f.path);
    return was.some((hit, i) => hit && !now[i]);
  };
}

/** The path globs of a config's allow entries (what moveCheck needs of it). */
function allowPaths(config: KeygateConfig): string[] {
  return config.allow.flatMap((e) => (e.path !== undefined ? [e.path] : []));
}

/**
 * The staged scan's moves that moveCheck says to read whole, read by their blobs. Counted as
 * one file each, as the diff counted it; their lines and bytes count as read.
 */
async function rereadMoves(
  cwd: string,
  config: KeygateConfig,
  builders: readonly FragmentBuilder[],
  newSink: () => FragmentBuilder,
  stats: ScanStats,
): Promise<void> {
  const moved = builders.flatMap((b) => b.takeMoved());
  if (moved.length === 0) return;
  const check = await moveCheck(allowPaths(config));
  await rereadCountedOnce(
    cwd,
    moved.filter(check).map((file) => ({ reread: { file }, sink: newSink() })),
    stats,
  );
}

/** rereadAll for files the diff counted already: the file counts stay as they were. */
async function rereadCountedOnce(cwd: string, rereads: readonly { reread: Reread; sink: FragmentBuilder }[], stats: ScanStats): Promise<void> {
  if (rereads.length === 0) return;
  const { files, binarySkipped } = stats;
  const named = stats.binaryFiles.length;
  await rereadAll(cwd, rereads);
  Object.assign(stats, { files, binarySkipped });
  stats.binaryFiles.length = named;
}

/** Each file read again by its blob, into its own sink, keeping the lines the diff added. */
async function rereadAll(cwd: string, rereads: readonly { reread: Reread; sink: FragmentBuilder }[]): Promise<void> {
  if (rereads.length === 0) return;
  const sinks = rereads.map(({ reread, sink }): LineSink => (reread.lines === undefined ? sink : onlyLines(sink, reread.lines)));
  let started = 0;
  // cat-file answers in the order it was asked: the n-th file is the n-th reread's.
  const each = sinkPerFile((n) => {
    started = n + 1;
    const sink = sinks[n];
    if (sink === undefined) throw new KeygateError('INTERNAL', `git cat-file answered for more than the ${rereads.length} files read again`);
    return sink;
  });
  await streamBlobs(
    cwd,
    rereads.map((r) => r.reread.file),
    each,
  );
  if (started !== rereads.length) throw new KeygateError('INTERNAL', `git cat-file answered for ${started} of ${rereads.length} files read again`);
  for (const { sink } of rereads) sink.flush(0);
}
