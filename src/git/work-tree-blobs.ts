import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { join } from 'node:path';
import { requireBuiltin } from '../builtins.js';
import { KeygateError } from '../errors.js';
import type { SourceFile } from '../types.js';
import { BLOCK, ContentReader } from './content.js';
import type { LineSink } from './diff-parser.js';

/**
 * Files up to this size are read whole, hashed, then scanned from memory. Larger ones are read
 * twice in slices: hashed first, then scanned as they are hashed again (memory stays flat).
 */
export const WORK_TREE_READ_MAX = 8 * 1024 * 1024;

/** A large file is read in chunks this long. */
const CHUNK = 1024 * 1024;

type Hasher = ReturnType<typeof import('node:crypto').createHash>;

/**
 * Staged blobs, read from the work tree wherever it still holds them byte for byte. A file's
 * bytes are read, hashed as git hashes a blob (`blob <size>\0<bytes>`, SHA-1 or SHA-256 by the
 * object id's length) and scanned only if the hash is the staged object id: then they *are*
 * the staged content, whatever the file's stat data, filters, line-ending settings or
 * GIT_INDEX_FILE say. That takes git's inflating of every blob (most of cat-file's time) off
 * a large commit. A file that differs, is missing, or is not a regular file (a link, a FIFO)
 * is returned, for the caller to read from git.
 *
 * A large file is scanned in a second read, hashed again as it goes: if it changed between the
 * two (saved by an editor mid-commit), what was scanned is not known to be what is staged, and
 * the scan fails (the commit is blocked; committing again reads it afresh).
 */
export async function readFromWorkTree(root: string, files: Iterable<SourceFile>, sink: LineSink): Promise<SourceFile[]> {
  const { createHash } = requireBuiltin<typeof import('node:crypto')>('node:crypto');
  const fromGit: SourceFile[] = [];
  const pause = pauseEvery(4 * CHUNK);
  for (const file of files) {
    const opened = file.mode === '100644' || file.mode === '100755' ? openRegular(join(root, file.path)) : undefined;
    if (opened === undefined) {
      fromGit.push(file);
      continue;
    }
    const hasher = (): Hasher => createHash(file.oid.length === 64 ? 'sha256' : 'sha1').update(`blob ${opened.size}\0`);
    try {
      if (opened.size <= WORK_TREE_READ_MAX) {
        const bytes = readWhole(opened.fd, opened.size);
        if (bytes === undefined || hasher().update(bytes).digest('hex') !== file.oid) {
          fromGit.push(file);
          continue;
        }
        sink.startFile(file);
        new ContentReader(sink).whole(bytes);
      } else {
        const first = hasher();
        if (!readChunks(opened.fd, opened.size, (chunk) => first.update(chunk)) || first.digest('hex') !== file.oid) {
          fromGit.push(file);
          continue;
        }
        const again = hasher();
        let whole = false;
        scanBytes(file, sink, (feed) => {
          whole = readChunks(opened.fd, opened.size, (chunk) => (again.update(chunk), feed(chunk)));
        });
        if (!whole || again.digest('hex') !== file.oid) {
          throw new KeygateError('GIT_FAILED', `${file.path} changed while keygate read it, so what was scanned may not be what is staged`, {
            hint: 'the commit is blocked; commit again',
          });
        }
      }
    } finally {
      closeSync(opened.fd);
    }
    await pause(opened.size);
  }
  return fromGit;
}

/**
 * For a long run of synchronous reads: awaited with each file's size, it lets the event loop
 * run (git's other streams, the workers' messages) once `bytes` have been read since it last did.
 */
export function pauseEvery(bytes: number): (read: number) => Promise<void> {
  let since = 0;
  return async (read) => {
    since += read;
    if (since < bytes) return;
    since = 0;
    await new Promise((resolve) => setImmediate(resolve));
  };
}

/** One file's content to the sink, as all added lines, in slices of what `read` feeds. */
export function scanBytes(file: SourceFile, sink: LineSink, read: (feed: (bytes: Buffer) => void) => void): void {
  sink.startFile(file);
  const content = new ContentReader(sink);
  read((bytes) => {
    for (let at = 0; at < bytes.length; at += BLOCK) content.push(bytes.subarray(at, at + BLOCK));
  });
  content.end();
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
 * A regular file, opened without following a link and without blocking (a FIFO would wait for
 * a writer forever), then checked to be a regular file; undefined when it is anything else or
 * cannot be opened.
 */
function openRegular(path: string): { fd: number; size: number } | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    const st = fstatSync(fd);
    if (st.isFile()) return { fd, size: st.size };
  } catch {
    // closed below
  }
  closeSync(fd);
  return undefined;
}

/**
 * The file's `size` bytes (a view of the shared buffer, good until the next file), or
 * undefined when it cannot be read or holds other than `size` bytes now: whatever was read is
 * what gets hashed, so a file changed while being read passes only if its bytes are the staged ones.
 */
function readWhole(fd: number, size: number): Buffer | undefined {
  const bytes = room(size);
  let got = 0;
  try {
    while (got < size) {
      const n = readSync(fd, bytes, got, size - got, got);
      if (n === 0) return undefined;
      got += n;
    }
  } catch {
    return undefined;
  }
  return bytes.subarray(0, size);
}

/** Reads `size` bytes from the start in chunks (views of one shared buffer); false when the file ends early or cannot be read. */
export function readChunks(fd: number, size: number, onChunk: (chunk: Buffer) => void): boolean {
  const buffer = room(CHUNK);
  let at = 0;
  try {
    while (at < size) {
      const n = readSync(fd, buffer, 0, Math.min(CHUNK, size - at), at);
      if (n === 0) return false;
      onChunk(buffer.subarray(0, n));
      at += n;
    }
  } catch {
    return false;
  }
  return true;
}
