import { isAscii } from 'node:buffer';
import { StringDecoder } from 'node:string_decoder';
import type { LineSink, TextEncoding } from './diff-parser.js';
import { type Encoding, SNIFF_BYTES, sniffEncoding, textDecoder } from './encoding.js';
import { LineFeeds } from './line-feeds.js';
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
 *
 * Content read as UTF-16 is also read as 8-bit text (UTF-8), at git's own line numbers: the
 * judgement is made on the first 8000 bytes, and a wrong one must not hide a key. Found by an
 * adversarial trial: UTF-8 text that starts with the bytes FF FE (accented text, below the
 * printable-ASCII share that says "8-bit") was decoded as UTF-16 and its AWS key committed;
 * so was a key appended in ASCII to a UTF-16 file (`echo ... >> profile.ps1`). UTF-16 read as
 * 8-bit text has a NUL in every ASCII character, so that reading finds nothing in real UTF-16.
 * The sink is told which reading each block is from (decodedText, again, before the other
 * reading's lines): the first one announced is the file's, the other is scanned alongside.
 */
export class ContentReader {
  private sniff: Buffer[] = [];
  private sniffed = 0;
  /** The readings of the content: one, or for UTF-16 two (UTF-16 and 8-bit). */
  private readings: Reading[] = [];
  /** How the content was read, once its first bytes are in. */
  encoding: Encoding | undefined;
  /** The reading whose lines the sink was last told of. */
  private announced: TextEncoding | undefined;

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
    } else {
      for (const r of this.readings) r.write(part);
    }
  }

  end(): void {
    if (this.sniff.length > 0 || this.sniffed < BINARY_SNIFF) this.decide();
    for (const r of this.readings) r.end();
  }

  /**
   * All of the content at once (a file read whole), instead of push() and end(): the same
   * lines, read with less work where it is 8-bit text (nearly every file of a large change).
   * Anything else (binary, UTF-16) goes through push() in blocks as before.
   */
  whole(bytes: Buffer): void {
    if (this.sniffed > 0 || sniffEncoding(bytes.subarray(0, BINARY_SNIFF)) !== 'utf8') {
      for (let at = 0; at < bytes.length; at += BLOCK) this.push(bytes.subarray(at, at + BLOCK));
      this.end();
      return;
    }
    this.sniffed = BINARY_SNIFF;
    this.encoding = 'utf8';
    this.announce('utf8');
    const reading = this.reading(textDecoder('utf8'), 'utf8');
    reading.wholeUtf8(bytes);
    reading.end();
  }

  private decide(): void {
    const head = Buffer.concat(this.sniff);
    this.sniff = [];
    this.sniffed = Math.max(this.sniffed, BINARY_SNIFF);
    const encoding = (this.encoding = sniffEncoding(head));
    if (encoding === 'binary') {
      this.sink.binaryFile();
      // Its text strings, if the sink takes them: a key in a binary file (a SQLite database, a
      // compiled file, a text file with a binary header put there to get past the hook).
      if (this.sink.binaryStrings?.() !== true) return;
      this.readings = [this.reading(printableStrings())];
      this.readings[0]?.write(head);
      return;
    }
    this.announce(encoding);
    this.readings = [encoding, ...(encoding === 'utf8' ? [] : (['utf8'] as const))].map((as) => this.reading(textDecoder(as), as));
    for (const r of this.readings) r.write(head);
  }

  /** A reading whose lines go to the sink; `as`: the decoded text's encoding, announced before its lines (not for a binary's strings). */
  private reading(decoder: { write(b: Buffer): string; end(): string }, as?: TextEncoding): Reading {
    const announce = (): void => {
      if (as !== undefined) this.announce(as);
    };
    const out: LineOut = {
      line: (line, column, text, complete) => (announce(), this.sink.addedLine(line, column, text, complete)),
      block: (startLine, text, lines, bytes) => (announce(), this.sink.addedBlock(startLine, text, lines, bytes)),
    };
    return new Reading(decoder, out, this.maxLine, this.overlap);
  }

  private announce(encoding: TextEncoding): void {
    if (this.announced === encoding) return;
    this.announced = encoding;
    this.sink.decodedText(encoding);
  }
}

/**
 * Binary content as text: printable ASCII, tabs and line feeds kept, every other byte a space,
 * so that each string stands alone, at its own column (one character per byte) and on git's
 * line (line feeds are kept).
 */
function printableStrings(): { write(b: Buffer): string; end(): string } {
  return {
    write: (b) => {
      const out = Buffer.allocUnsafe(b.length);
      for (let i = 0; i < b.length; i++) {
        const c = b[i] as number;
        out[i] = (c >= 0x20 && c < 0x7f) || c === 9 || c === 10 ? c : 0x20;
      }
      return out.toString('latin1');
    },
    end: () => '',
  };
}

/** Where a reading's lines go: LineSink's addedLine and addedBlock. */
interface LineOut {
  line(line: number, column: number, text: string, complete: boolean): void;
  block(startLine: number, text: string, lines: number, bytes?: number): void;
}

/**
 * Content is handed to a reader in slices this long (what cat-file's pipe would hand over), and
 * a file read whole is cut into blocks ending at the last line feed before each multiple of it:
 * the same fragments either way.
 */
export const BLOCK = 32 * 1024;

/** One per thread, made on first use. */
let lineFeeds: LineFeeds | undefined;

/** One reading of a file's bytes: decoded one way, cut into blocks of whole lines and slices of huge ones. */
class Reading {
  private lineNo = 1;
  private pending = '';
  private pendingColumn = 0;

  constructor(
    private readonly decoder: { write(b: Buffer): string; end(): string },
    private readonly out: LineOut,
    private readonly maxLine: number,
    private readonly overlap: number,
  ) {}

  write(bytes: Buffer): void {
    this.text(this.decoder.write(bytes));
  }

  /**
   * A whole file's bytes as UTF-8, in place of write(): cut after a line feed into blocks of
   * about BLOCK bytes, each decoded in one call (as Latin-1 when it is ASCII: the same text,
   * made ~2x faster than by a UTF-8 decoder), its lines counted on the bytes (LineFeeds). A
   * block that ends inside a line (a line longer than BLOCK) goes through a streaming decoder,
   * which holds a character cut at its end for the next block, until a block ends a line again.
   * The byte-order mark is dropped, as textDecoder does.
   */
  wholeUtf8(bytes: Buffer): void {
    const feeds = (lineFeeds ??= new LineFeeds());
    let open: StringDecoder | undefined;
    // Blocks end at the last line feed before each multiple of BLOCK from the file's start, as
    // when the file is pushed in BLOCK slices: the same fragments, and a line longer than a
    // block grows (and is sliced past maxLine) in the same steps.
    for (let at = 0, target = BLOCK; at < bytes.length; target += BLOCK) {
      let end = Math.min(bytes.length, target);
      if (end <= at) continue;
      if (end < bytes.length) {
        const nl = bytes.lastIndexOf(10, end - 1);
        if (nl >= at) end = nl + 1;
      }
      const part = bytes.subarray(at, end);
      let text: string;
      let ascii = false;
      if (open !== undefined || part[part.length - 1] !== 10) {
        text = (open ??= new StringDecoder('utf8')).write(part);
        if (part[part.length - 1] === 10) open = undefined; // nothing held after a line feed
      } else {
        ascii = isAscii(part);
        text = part.toString(ascii ? 'latin1' : 'utf8');
      }
      if (at === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      // In UTF-8 no character but the line feed holds a 0x0A byte, and a decoder holds back only
      // bytes of a cut character. An ASCII block of whole lines, nothing held before it, is its
      // bytes less the last line feed long (the stats count it; others are measured).
      const known = ascii && this.pending === '' && this.pendingColumn === 0 ? part.length - 1 : undefined;
      this.text(text, feeds.count(part), known);
      at = end;
    }
    if (open !== undefined) this.text(open.end());
  }

  end(): void {
    this.text(this.decoder.end());
    if (this.pending.length > 0 || this.pendingColumn > 0) this.out.line(this.lineNo, this.pendingColumn, this.pending, true);
    this.pending = '';
    this.pendingColumn = 0;
  }

  /** `feeds`: how many line feeds `decoded` holds, and `bytes`: the block's length in UTF-8, when the caller knows them. */
  private text(decoded: string, feeds?: number, bytes?: number): void {
    let text = decoded;
    let known = feeds;
    if (this.pendingColumn > 0) {
      // The tail of a huge line being sliced: finish it as a slice of its own.
      const nl = text.indexOf('\n');
      if (nl === -1) {
        this.pending += text;
        this.sliceHugeLine();
        return;
      }
      this.out.line(this.lineNo++, this.pendingColumn, this.pending + text.slice(0, nl), true);
      this.pending = '';
      this.pendingColumn = 0;
      text = text.slice(nl + 1);
      if (known !== undefined) known--;
    }
    const last = text.lastIndexOf('\n');
    if (last === -1) {
      this.pending += text;
      this.sliceHugeLine();
      return;
    }
    const block = this.pending + text.slice(0, last);
    this.pending = text.slice(last + 1);
    // The block holds every line feed of the text but its last: one line more than it holds.
    let lines = known ?? 1;
    if (known === undefined) for (let i = block.indexOf('\n'); i !== -1; i = block.indexOf('\n', i + 1)) lines++;
    this.out.block(this.lineNo, block, lines, bytes);
    this.lineNo += lines;
    this.sliceHugeLine();
  }

  private sliceHugeLine(): void {
    const cut = cutOpenLine(this.pending, this.pendingColumn, this.maxLine, this.overlap);
    if (cut.slice !== undefined) this.out.line(this.lineNo, this.pendingColumn, cut.slice, false);
    this.pending = cut.keep;
    this.pendingColumn = cut.column;
  }
}
