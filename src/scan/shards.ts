import { requireBuiltin } from '../builtins.js';
import type { CustomRule } from '../config/config.js';
import { type ErrorCode, KeygateError } from '../errors.js';
import type { HistoryCommit } from '../git/history.js';
import type { ScanStats, SourceFile } from '../types.js';
import type { Detected } from './detect.js';

/**
 * A large scan on more than one core. Its input (added files, commits, work-tree files) is
 * cut into shards; one is read and scanned on the main thread as always, each other one by a
 * worker thread running the same sources and detectors (dist/shard-worker.cjs) with a git
 * process of its own. What a worker found comes back as the detect stage's plain data and
 * joins the main thread's; fingerprints, allows and pairs are applied once, there. Small
 * scans (every commit's) never start a thread: it costs more than it saves.
 */
export type ShardTask =
  | { source: 'blobs'; cwd: string; root: string; files: PackedFiles; queue?: SharedArrayBuffer }
  | { source: 'commits'; cwd: string; commits: HistoryCommit[]; streams?: number }
  | { source: 'files'; cwd: string; root: string; paths: string[] };

export interface ShardResult {
  detected: Detected[];
  stats: ScanStats;
  /** How many of the task's items the worker read (files started, commits ended): checked against the task. */
  covered: number;
  /** Of a shared queue's files, how many the worker took: it must have read them all. */
  claimed?: number;
}

/**
 * Files taken one at a time by every thread of a scan, through a counter they share (in a
 * SharedArrayBuffer, moved with Atomics): a thread takes the next file when done with its
 * last, so none sits idle while another has work, and no file is sized up front to balance
 * shards. Each index is handed out once; the threads' counts of what they took must add up
 * to every file (ShardRunner checks).
 */
export class SharedQueue<T> {
  private readonly counter: Int32Array;
  /** How many items this thread took. */
  claimed = 0;

  constructor(
    readonly items: readonly T[],
    readonly buffer = new SharedArrayBuffer(4),
  ) {
    this.counter = new Int32Array(buffer);
  }

  *take(): Generator<T> {
    for (;;) {
      const i = Atomics.add(this.counter, 0, 1);
      if (i >= this.items.length) return;
      this.claimed++;
      yield this.items[i] as T;
    }
  }
}

/**
 * Files as a worker's task carries them: a column of strings per field, not an object per
 * file. Copying 12,600 objects (as structuredClone does) took 12-23 ms, columns of strings 4-5 ms.
 */
export interface PackedFiles {
  paths: string[];
  modes: string[];
  oids: string[];
  /** One status letter per file. */
  statuses: string;
}

export function packFiles(files: readonly SourceFile[]): PackedFiles {
  return { paths: files.map((f) => f.path), modes: files.map((f) => f.mode), oids: files.map((f) => f.oid), statuses: files.map((f) => f.status).join('') };
}

export function unpackFiles(packed: PackedFiles): SourceFile[] {
  return packed.paths.map((path, i) => ({ path, status: packed.statuses.charAt(i), mode: packed.modes[i] as string, oid: packed.oids[i] as string }));
}

/** How many items a task has: a worker's result must cover all of them. */
export function taskSize(task: ShardTask): number {
  return task.source === 'blobs' ? task.files.paths.length : task.source === 'files' ? task.paths.length : task.commits.length;
}

/** What a worker posts: progress (commits done), its result, or the error that stopped it. */
export type ShardMessage =
  | { kind: 'progress'; commits: number; bytes: number }
  | { kind: 'done'; result: ShardResult }
  | { kind: 'error'; code: ErrorCode; message: string; hint?: string };

export interface ShardSetup {
  task: ShardTask;
  /** The team's own rules from .keygate.json (the built-in ones every thread has). */
  rules: CustomRule[];
  /** The path globs of its allow entries: a commit's move out of one is read whole (moveCheck). */
  allowPaths: string[];
}

/** Where the worker script is and how many threads may run beside the main one. */
export interface Threads {
  script: string;
  /** Worker threads beside the main thread (0: none). */
  extra: number;
}

/** Below this much input, one thread: starting a worker (~40 ms) costs more than it saves. */
export const SHARD_BYTES = 16 * 1024 * 1024;
export const SHARD_COMMITS = 300;

/** Worker threads for a machine: one per core beyond the first, at most 3 (and `max` in all). */
export function threadsFor(script: string | undefined, max = 4): Threads | undefined {
  if (script === undefined) return undefined;
  const { availableParallelism } = requireBuiltin<typeof import('node:os')>('node:os');
  const extra = Math.min(3, availableParallelism() - 1, max - 1);
  return extra > 0 ? { script, extra } : undefined;
}

/**
 * Runs a shard in a worker thread. Fails closed: a worker that throws, exits before its
 * result, or cannot start rejects the promise, and the scan with it.
 */
export function inWorker(
  script: string,
  setup: ShardSetup,
  onProgress?: (p: { commits: number; bytes: number }) => void,
): { result: Promise<ShardResult>; stop: () => void } {
  const { Worker } = requireBuiltin<typeof import('node:worker_threads')>('node:worker_threads');
  // A young generation of 6 MB, not the default (~32 here): its fragments are short-lived.
  // On the 168 MB real-code change, 5 runs each: peak RSS 172-187 MB (16 MB: 180-203 MB, over
  // the 200 MB target in 3 of 5), in the same time (1.32-1.51 s against 1.34-1.45 s).
  const worker = new Worker(script, { workerData: setup, stdout: false, stderr: false, resourceLimits: { maxYoungGenerationSizeMb: 6 } });
  let settled = false;
  const result = new Promise<ShardResult>((resolve, reject) => {
    const fail = (error: KeygateError): void => {
      if (settled) return;
      settled = true;
      reject(error);
      void worker.terminate();
    };
    worker.on('message', (m: ShardMessage) => {
      if (m.kind === 'progress') onProgress?.(m);
      else if (m.kind === 'error') fail(new KeygateError(m.code, m.message, m.hint !== undefined ? { hint: m.hint } : {}));
      else if (m.result.covered !== (m.result.claimed ?? taskSize(setup.task))) {
        fail(
          new KeygateError(
            'INTERNAL',
            `a scanning thread read ${m.result.covered} of its ${m.result.claimed ?? taskSize(setup.task)} ${setup.task.source === 'commits' ? 'commits' : 'files'}`,
          ),
        );
      } else if (!settled) {
        settled = true;
        resolve(m.result);
        void worker.terminate();
      }
    });
    worker.on('error', (error) => fail(new KeygateError('INTERNAL', `a scanning thread failed: ${error.message.split('\n')[0]}`)));
    worker.on('exit', (code) => fail(new KeygateError('INTERNAL', `a scanning thread stopped before it finished (exit ${code})`)));
  });
  return { result, stop: () => void worker.terminate() };
}

/**
 * Cuts items into `parts` shards of about equal size (largest first into the lightest), each
 * keeping the items' order.
 */
export function balance<T>(items: readonly T[], sizeOf: (item: T) => number, parts: number): T[][] {
  const shards: { item: T; i: number }[][] = Array.from({ length: parts }, () => []);
  const load = new Array<number>(parts).fill(0);
  const sized = items.map((item, i) => ({ item, i, size: sizeOf(item) })).sort((a, b) => b.size - a.size || a.i - b.i);
  for (const entry of sized) {
    const k = load.indexOf(Math.min(...load));
    (shards[k] as { item: T; i: number }[]).push(entry);
    load[k] = (load[k] as number) + entry.size;
  }
  return shards.map((shard) => shard.sort((a, b) => a.i - b.i).map((e) => e.item));
}

/** Adds a worker's counts to the main thread's. */
export function addStats(into: ScanStats, from: ScanStats): void {
  into.files += from.files;
  into.addedLines += from.addedLines;
  into.bytes += from.bytes;
  into.binarySkipped += from.binarySkipped;
  into.binaryFiles.push(...from.binaryFiles);
  into.submodulesSkipped += from.submodulesSkipped;
}
