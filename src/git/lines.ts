import { StringDecoder } from 'node:string_decoder';

/** Lines longer than this are handed on in slices instead of being held whole. */
export const MAX_LINE = 1 << 20;
/** Characters each slice repeats from the one before, so no match is cut in two. */
export const LINE_OVERLAP = 4096;

/**
 * Splits a UTF-8 byte stream into lines. A line longer than `maxLine` is emitted in slices
 * that overlap by `overlap` characters: `column` is the slice's 0-based offset in its line,
 * `complete` is false for all but the last slice. Memory is bounded by maxLine + one chunk.
 */
export class LineSplitter {
  private readonly decoder = new StringDecoder('utf8');
  private partial = '';
  private partialColumn = 0;

  constructor(
    private readonly onLine: (text: string, column: number, complete: boolean) => void,
    private readonly maxLine = MAX_LINE,
    private readonly overlap = LINE_OVERLAP,
  ) {}

  push(bytes: Buffer): void {
    this.pushText(this.decoder.write(bytes));
  }

  /** Flushes a last line without a newline. */
  end(): void {
    this.pushText(this.decoder.end());
    if (this.partial.length > 0 || this.partialColumn > 0) this.onLine(this.partial, this.partialColumn, true);
    this.partial = '';
    this.partialColumn = 0;
  }

  private pushText(text: string): void {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      if (this.partial.length > 0 || this.partialColumn > 0) {
        const line = this.partial + text.slice(start, nl);
        const column = this.partialColumn;
        this.partial = '';
        this.partialColumn = 0;
        this.onLine(line, column, true);
      } else {
        this.onLine(text.slice(start, nl), 0, true);
      }
      start = nl + 1;
    }
    if (start < text.length) this.partial += text.slice(start);
    if (this.partial.length > this.maxLine) {
      this.onLine(this.partial, this.partialColumn, false);
      const keep = this.partial.slice(this.partial.length - this.overlap);
      this.partialColumn += this.partial.length - keep.length;
      this.partial = keep;
    }
  }
}
