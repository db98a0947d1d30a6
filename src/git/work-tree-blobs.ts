import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { requireBuiltin } from '../builtins.js';
import type { SourceFile } from '../types.js';
import { ContentReader } from './content.js';
import type { LineSink } from './diff-parser.js';

/**
 * Larger files are always streamed from git: a work-tree read holds the whole file in memory
 * (it is hashed before a byte of it is scanned).
 */
export const WORK_TREE_READ_MAX = 8 * 1024 * 1024;

/** Content goes to the reader in slices this long (what cat-file's pipe would hand over). */
const SLICE = 32 * 1024;

/**
 * Staged blobs, read from the work tree wherever it still holds them byte for byte. A file's
 * bytes are read, hashed as git hashes a blob (`blob <size>\0<bytes>`, SHA-1 or SHA-256 by the
 * object id's length) and scanned only if the hash is the staged object id: then they *are*
 * the staged content, whatever the file's stat data, filters, line-ending settings or
 * GIT_INDEX_FILE say. That takes git's inflating of every blob (most of cat-file's time) off
 * a large commit. A file that differs, is missing, is not a regular file (a link, a FIFO), or
 * is larger than WORK_TREE_READ_MAX is returned, for the caller to read from git.
 */
export async function readFromWorkTree(root: string, files: Iterable<SourceFile>, sink: LineSink): Promise<SourceFile[]> {
  const { createHash } = requireBuiltin<typeof import('node:crypto')>('node:crypto');
  const fromGit: SourceFile[] = [];
  let sinceYield = 0;
  for (const file of files) {
    const bytes = file.mode === '100644' || file.mode === '100755' ? readRegular(join(root, file.path)) : undefined;
    const algorithm = file.oid.length === 64 ? 'sha256' : 'sha1';
    const same = bytes !== undefined && createHash(algorithm).update(`blob ${bytes.length}\0`).update(bytes).digest('hex') === file.oid;
    if (!same) {
      fromGit.push(file);
      continue;
    }
    sink.startFile(file);
    const content = new ContentReader(sink);
    for (let at = 0; at < bytes.length; at += SLICE) content.push(bytes.subarray(at, at + SLICE));
    content.end();
    // Let git's other streams (and the workers' messages) drain now and then.
    sinceYield += bytes.length;
    if (sinceYield >= 4 * 1024 * 1024) {
      sinceYield = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return fromGit;
}

/**
 * One buffer, reused for every file (grown as needed): a buffer per file is memory outside
 * V8's heap that it frees only when a collection happens to run, and 12,000 of them grew a
 * large scan's RSS by 90 MB. Nothing keeps a view of it past its file: the reader copies what
 * it decodes.
 */
let shared = Buffer.alloc(0);
function room(size: number): Buffer {
  if (shared.length < size) shared = Buffer.allocUnsafe(Math.max(size, 256 * 1024));
  return shared;
}

/**
 * A regular file's bytes (a view of the shared buffer, good until the next file), or undefined when it is anything else or cannot be read. Opened
 * without following a link and without blocking (a FIFO would wait for a writer forever), then
 * checked to be a regular file of a readable size.
 */
function readRegular(path: string): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile() || st.size > WORK_TREE_READ_MAX) return undefined;
    const bytes = room(st.size);
    let got = 0;
    while (got < st.size) {
      const n = readSync(fd, bytes, got, st.size - got, got);
      if (n === 0) break;
      got += n;
    }
    // Whatever was read is what gets hashed: a file changed while being read passes only if
    // the bytes read are the staged ones.
    return bytes.subarray(0, got);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
