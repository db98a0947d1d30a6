import type { LineSink } from './diff-parser.js';
import { type Encoding, SNIFF_BYTES, sniffEncoding, textDecoder } from './encoding.js';
import { cutOpenLine, LINE_OVERLAP, MAX_LINE } from './lines.js';

/** Like git: a NUL in the first 8000 bytes makes content binary (UTF-16 aside). */
export const BINARY_SNIFF = SNIFF_BYTES;

/**
 * The whole content of one file, all of it added: lines 1..n go to the sink in blocks (no
 * string per line); the incomplete last line waits for the next chunk and is handed on in
 * overlapping slices if it grows past maxLine. The first bytes say how to read it
 * (src/git/encoding.ts): binary content is skipped without decoding, UTF-16 is decoded, and a
 * byte-order mark is dropped (editors do not count it in columns). Used for blobs (cat-file)
 * and for work-tree files.
 */
export class ContentReader {
  private sniff: Buffer[] = [];
  private sniffed = 0;
  private binary = false;
  private lineNo = 1;
  private decoder = textDecoder('utf8');
  /** How the content was read, once its first bytes are in. */
  encoding: Encoding | undefined;
  private pending = '';
  private pendingColumn = 0;

  constructor(
    private readonly sink: LineSink,
    private readonly maxLine = MAX_LINE,
    private readonly overlap = LINE_OVERLAP,
  ) {}

  push(part: Buffer): void {
    if (this.sniffed < BINARY_SNIFF) {
      // Hold the first bytes back until we know whether the content is text.
      this.sniff.push(part);
      this.sniffed += part.length;
      if (this.sniffed >= BINARY_SNIFF) this.decide();
    } else if (!this.binary) {
      this.text(this.decoder.write(part));
    }
  }

  end(): void {
    if (this.sniff.length > 0 || this.sniffed < BINARY_SNIFF) this.decide();
    if (this.binary) return;
    this.text(this.decoder.end());
    if (this.pending.length > 0 || this.pendingColumn > 0) {
      this.sink.addedLine(this.lineNo, this.pendingColumn, this.pending, true);
    }
    this.pending = '';
    this.pendingColumn = 0;
  }

  private decide(): void {
    const head = Buffer.concat(this.sniff);
    this.sniff = [];
    this.sniffed = Math.max(this.sniffed, BINARY_SNIFF);
    this.encoding = sniffEncoding(head);
    if (this.encoding === 'binary') {
      this.binary = true;
      this.sink.binaryFile();
    } else {
      this.decoder = textDecoder(this.encoding);
      this.sink.decodedText(this.encoding);
      this.text(this.decoder.write(head));
    }
  }

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
    const cut = cutOpenLine(this.pending, this.pendingColumn, this.maxLine, this.overlap);
    if (cut.slice !== undefined) this.sink.addedLine(this.lineNo, this.pendingColumn, cut.slice, false);
    this.pending = cut.keep;
    this.pendingColumn = cut.column;
  }
}
