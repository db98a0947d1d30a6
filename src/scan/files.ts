import { closeSync, constants, fstatSync, openSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { KeygateError } from '../errors.js';
import type { LineSink } from '../git/diff-parser.js';
import { pauseEvery, readChunks, scanBytes } from '../git/work-tree-blobs.js';

/**
 * Files named on the command line (as the pre-commit framework passes them) or the work tree's
 * files, read whole: every line counts as added. Read in chunks into one reused buffer, so size
 * does not matter, and synchronously (a stream per file cost more than the scan of a small
 * one), with a pause every few MB for the other threads' messages.
 */
export async function streamFiles(cwd: string, root: string, paths: readonly string[], sink: LineSink): Promise<void> {
  const pause = pauseEvery(4 * 1024 * 1024);
  for (const given of paths) {
    const abs = resolve(cwd, given);
    const cannot = (why: string) => new KeygateError('USAGE', `${given}: cannot read: ${why}`);
    let fd: number;
    let size: number;
    try {
      // Not blocking: a FIFO put in its place after it was listed must not wait for a writer.
      fd = openSync(abs, constants.O_RDONLY | constants.O_NONBLOCK);
    } catch (error) {
      throw cannot((error as NodeJS.ErrnoException).code ?? (error as Error).message);
    }
    try {
      const st = fstatSync(fd);
      if (!st.isFile()) throw new KeygateError('USAGE', `${given}: not a regular file`);
      const path = relative(root, abs).split(sep).join('/');
      let whole = true;
      scanBytes({ path, status: 'A', mode: '100644', oid: '' }, sink, (feed) => {
        whole = readChunks(fd, st.size, feed);
      });
      if (!whole) throw cannot('it ended early or could not be read');
      size = st.size;
    } finally {
      closeSync(fd);
    }
    await pause(size);
  }
}
