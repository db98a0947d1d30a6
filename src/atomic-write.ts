import { renameSync, rmSync, writeFileSync } from 'node:fs';

let counter = 0;

/**
 * Writes a file whole or not at all: a temp file beside it, then a rename. The temp name is
 * unique per process and call, so two keygate runs at once (two worktrees' commits, an editor's
 * background scan) never write into each other's temp file; a failed write leaves none behind.
 */
export function writeFileAtomic(file: string, text: string): void {
  const tmp = `${file}.tmp-${process.pid}-${++counter}`;
  try {
    writeFileSync(tmp, text, { flag: 'wx' });
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
