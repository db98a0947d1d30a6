import { StringDecoder } from 'node:string_decoder';

/** Lines longer than this are handed on in slices instead of being held whole. */
export const MAX_LINE = 1 << 20;
/** Characters each slice repeats from the one before, so no match is cut in two. */
export const LINE_OVERLAP = 4096;

/**
 * A line still open (no newline yet), held as `text` from `column` on: when it is longer than
 * `maxLine`, the slice to hand on now (all of it, `complete` false), and what is kept of it for
 * the next slice (its last `overlap` characters, so no match is cut in two) at its new column.
 * The one place huge lines are cut: LineSplitter (diffs) and ContentReader (whole files) ask it.
 */
export function cutOpenLine(text: string, column: number, maxLine: number, overlap: number): { slice?: string; keep: string; column: number } {
  if (text.length <= maxLine) return { keep: text, column };
  const keep = text.slice(text.length - overlap);
  return { slice: text, keep, column: column + text.length - keep.length };
}

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
    const cut = cutOpenLine(this.partial, this.partialColumn, this.maxLine, this.overlap);
    if (cut.slice !== undefined) this.onLine(cut.slice, this.partialColumn, false);
    this.partial = cut.keep;
    this.partialColumn = cut.column;
  }
}
