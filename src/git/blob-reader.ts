import { KeygateError } from '../errors.js';
import type { SourceFile } from '../types.js';
import { ContentReader } from './content.js';
import { DelimitedReader } from './delimited.js';
import type { LineSink } from './diff-parser.js';
import { LINE_OVERLAP, MAX_LINE } from './lines.js';

/**
 * A push parser for `git cat-file --batch` output, fed the object ids of added files in
 * order: `<oid> blob <size>\n<content>\n` per object. Every line of an added file is an added
 * line, so content goes to the sink as added lines 1..n — without git computing a diff, which
 * is what makes large new files fast.
 */
export class CatFileParser {
  private index = -1;
  private readonly header = new DelimitedReader(10);
  /** Content bytes still to come for the current object (then its trailing newline); -1 between objects. */
  private remaining = -1;
  private content: ContentReader | undefined;

  constructor(
    private readonly files: readonly SourceFile[],
    private readonly sink: LineSink,
    private readonly maxLine = MAX_LINE,
    private readonly overlap = LINE_OVERLAP,
  ) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining < 0) at = this.readHeader(chunk, at);
      else if (this.content !== undefined) at = this.readContent(chunk, at);
      else at = this.readTrailer(chunk, at);
    }
  }

  end(): void {
    if (this.remaining >= 0 || this.header.pending || this.index !== this.files.length - 1) {
      throw new KeygateError('DIFF_PARSE', `git cat-file ended early: ${this.index + 1} of ${this.files.length} files read`);
    }
  }

  private readHeader(chunk: Buffer, at: number): number {
    const { token, next } = this.header.read(chunk, at);
    if (token !== undefined) this.startObject(token);
    return next;
  }

  private startObject(header: string): void {
    this.index++;
    const file = this.files[this.index];
    const [oid, type, size] = header.split(' ');
    if (file === undefined || oid !== file.oid || type !== 'blob' || size === undefined) {
      throw new KeygateError('DIFF_PARSE', `unexpected git cat-file header: ${header.slice(0, 100)}`);
    }
    this.sink.startFile(file);
    this.remaining = Number(size);
    this.content = new ContentReader(this.sink, this.maxLine, this.overlap);
    if (this.remaining === 0) this.finishContent();
  }

  private readContent(chunk: Buffer, at: number): number {
    const take = Math.min(this.remaining, chunk.length - at);
    this.content?.push(chunk.subarray(at, at + take));
    this.remaining -= take;
    if (this.remaining === 0) this.finishContent();
    return at + take;
  }

  private finishContent(): void {
    this.content?.end();
    this.content = undefined;
  }

  private readTrailer(chunk: Buffer, at: number): number {
    if (chunk[at] !== 10) throw new KeygateError('DIFF_PARSE', 'git cat-file output out of step');
    this.remaining = -1;
    return at + 1;
  }
}
