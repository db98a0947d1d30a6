import { createReadStream, statSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import { KeygateError } from '../errors.js';
import { ContentReader } from '../git/content.js';
import type { LineSink } from '../git/diff-parser.js';

/**
 * Files named on the command line (as the pre-commit framework passes them), read whole from
 * the work tree: every line counts as added. Streamed, so size does not matter.
 */
export async function streamFiles(cwd: string, root: string, paths: readonly string[], sink: LineSink): Promise<void> {
  for (const given of paths) {
    const abs = resolve(cwd, given);
    let size: number;
    try {
      const st = statSync(abs);
      if (!st.isFile()) throw new KeygateError('USAGE', `${given}: not a regular file`);
      size = st.size;
    } catch (error) {
      if (error instanceof KeygateError) throw error;
      throw new KeygateError('USAGE', `${given}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
    const path = relative(root, abs).split(sep).join('/');
    sink.startFile({ path, status: 'A', mode: '100644', oid: '' });
    const content = new ContentReader(sink);
    if (size > 0) {
      for await (const chunk of createReadStream(abs, { highWaterMark: 64 * 1024 })) content.push(chunk as Buffer);
    }
    content.end();
  }
}
