import { chmodSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';

let counter = 0;

/**
 * Writes a file whole or not at all: a temp file beside it, then a rename. The temp name is
 * unique per process and call, so two keygate runs at once (two worktrees' commits, an editor's
 * background scan) never write into each other's temp file; a failed write leaves none behind.
 * A file that exists keeps its permissions (a hook stays executable) unless `mode` is given.
 */
export function writeFileAtomic(file: string, text: string, mode?: number): void {
  const tmp = `${file}.tmp-${process.pid}-${++counter}`;
  const keep = mode ?? statSync(file, { throwIfNoEntry: false })?.mode;
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    if (keep !== undefined) chmodSync(tmp, keep & 0o7777);
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
