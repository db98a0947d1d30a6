import type { Colors } from 'picocolors/types.js';

/** What a command may touch of the outside world; cli.ts supplies it from process.*. */
export interface Io {
  cwd: string;
  out(text: string): void;
  /** A warning: what went wrong that does not change the outcome (stderr). */
  warn(text: string): void;
  colors: Colors;
  /** Today, as YYYY-MM-DD (the date allowlist entries are stamped with). */
  today(): string;
  now(): Date;
  /** Reads one line from the user, or undefined when there is no terminal. */
  ask?(question: string): Promise<string | undefined>;
  /** Rewrites one status line on a terminal's stderr; absent when stderr is no terminal. */
  progress?(line: string): void;
  /** The worker thread script beside the running bundle, for large scans (ScanOptions.workerScript). */
  workerScript?: string;
  /** At most this many threads for a large scan (KEYGATE_THREADS); one per core when absent. */
  maxThreads?: number;
}

/** The scan options for threads that the process side gave (none from the sources). */
export function threadOptions(io: Io): { workerScript?: string; maxThreads?: number } {
  return { ...(io.workerScript !== undefined ? { workerScript: io.workerScript } : {}), ...(io.maxThreads !== undefined ? { maxThreads: io.maxThreads } : {}) };
}

export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_ERROR = 2;
