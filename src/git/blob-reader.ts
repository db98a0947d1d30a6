import { KeygateError } from '../errors.js';
import type { StagedFile } from '../types.js';
import type { DiffSink } from './diff-parser.js';
import { StringDecoder } from 'node:string_decoder';
import { LINE_OVERLAP, MAX_LINE } from './lines.js';

/** Like git: a NUL in the first 8000 bytes makes content binary. */
const BINARY_SNIFF = 8000;

/**
 * A push parser for `git cat-file --batch` output, fed the object ids of added files in
 * order: `<oid> blob <size>\n<content>\n` per object. Every line of an added file is an added
 * line, so content goes to the sink as added lines 1..n — without git computing a diff, which
 * is what makes large new files fast. Binary blobs are recognised from their first bytes and
 * skipped without decoding.
 */
export class CatFileParser {
  private index = -1;
  private header: Buffer[] = [];
  /** Content bytes still to come for the current object, then its trailing newline. */
  private remaining = -1;
  private sniff: Buffer[] = [];
  private sniffed = 0;
  private binary = false;
  private lineNo = 1;
  private decoder = new StringDecoder('utf8');
  /** The incomplete last line so far; `pendingColumn` is its offset when it is a slice. */
  private pending = '';
  private pendingColumn = 0;

  constructor(
    private readonly files: readonly StagedFile[],
    private readonly sink: DiffSink,
    private readonly maxLine = MAX_LINE,
    private readonly overlap = LINE_OVERLAP,
  ) {}

  push(chunk: Buffer): void {
    let at = 0;
    while (at < chunk.length) {
      if (this.remaining < 0) at = this.readHeader(chunk, at);
      else if (this.remaining > 0) at = this.readContent(chunk, at);
      else at = this.readTrailer(chunk, at);
    }
  }

  end(): void {
    if (this.remaining >= 0 || this.header.length > 0 || this.index !== this.files.length - 1) {
      throw new KeygateError(
        'DIFF_PARSE',
        `git cat-file ended early: ${this.index + 1} of ${this.files.length} added files read`,
      );
    }
  }

  private readHeader(chunk: Buffer, at: number): number {
    const nl = chunk.indexOf(10, at);
    if (nl === -1) {
      this.header.push(chunk.subarray(at));
      return chunk.length;
    }
    this.header.push(chunk.subarray(at, nl));
    const line = Buffer.concat(this.header).toString('utf8');
    this.header = [];
    this.startObject(line);
    return nl + 1;
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
    this.sniff = [];
    this.sniffed = 0;
    this.binary = false;
    this.lineNo = 1;
    this.decoder = new StringDecoder('utf8');
    this.pending = '';
    this.pendingColumn = 0;
    if (this.remaining === 0) this.finishContent();
  }

  private readContent(chunk: Buffer, at: number): number {
    const take = Math.min(this.remaining, chunk.length - at);
    const part = chunk.subarray(at, at + take);
    this.remaining -= take;
    if (this.sniffed < BINARY_SNIFF) {
      // Hold the first bytes back until we know whether the blob is text.
      this.sniff.push(part);
      this.sniffed += part.length;
      if (this.sniffed >= BINARY_SNIFF || this.remaining === 0) this.decide();
    } else if (!this.binary) {
      this.text(this.decoder.write(part));
    }
    if (this.remaining === 0) this.finishContent();
    return at + take;
  }

  private decide(): void {
    const head = Buffer.concat(this.sniff);
    this.sniff = [];
    this.sniffed = Math.max(this.sniffed, BINARY_SNIFF);
    if (head.subarray(0, BINARY_SNIFF).includes(0)) {
      this.binary = true;
      this.sink.binaryFile();
    } else {
      this.text(this.decoder.write(head));
    }
  }

  private finishContent(): void {
    if (this.sniff.length > 0) this.decide();
    if (!this.binary) {
      this.text(this.decoder.end());
      if (this.pending.length > 0 || this.pendingColumn > 0) {
        this.sink.addedLine(this.lineNo, this.pendingColumn, this.pending, true);
      }
    }
    this.pending = '';
    this.pendingColumn = 0;
    this.remaining = 0;
  }

  /**
   * Decoded content: complete lines go on as one block (no string per line); the incomplete
   * last line waits for the next chunk, and is handed on in slices if it grows past maxLine.
   */
  private text(decoded: string): void {
    let text = decoded;
    if (this.pendingColumn > 0) {
      // The tail of a huge line being sliced: finish it as a slice of its own.
      const nl = text.indexOf('\n');
      if (nl === -1) {
        this.pending += text;
        this.sliceHugeLine();
        return;
      }
      this.sink.addedLine(this.lineNo++, this.pendingColumn, this.pending + text.slice(0, nl), true);
      this.pending = '';
      this.pendingColumn = 0;
      text = text.slice(nl + 1);
    }
    const last = text.lastIndexOf('\n');
    if (last === -1) {
      this.pending += text;
      this.sliceHugeLine();
      return;
    }
    const block = this.pending + text.slice(0, last);
    this.pending = text.slice(last + 1);
    let lines = 1;
    for (let i = block.indexOf('\n'); i !== -1; i = block.indexOf('\n', i + 1)) lines++;
    this.sink.addedBlock(this.lineNo, block, lines);
    this.lineNo += lines;
    this.sliceHugeLine();
  }

  private sliceHugeLine(): void {
    if (this.pending.length <= this.maxLine) return;
    this.sink.addedLine(this.lineNo, this.pendingColumn, this.pending, false);
    const keep = this.pending.slice(this.pending.length - this.overlap);
    this.pendingColumn += this.pending.length - keep.length;
    this.pending = keep;
  }

  private readTrailer(chunk: Buffer, at: number): number {
    if (chunk[at] !== 10) throw new KeygateError('DIFF_PARSE', 'git cat-file output out of step');
    this.remaining = -1;
    return at + 1;
  }
}
