import type { LineSink, TextEncoding } from '../git/diff-parser.js';
import type { Fragment, ScanStats, SourceFile } from '../types.js';

/** Fragments are flushed at about this many characters, so memory stays flat. */
export const FRAGMENT_CHARS = 64 * 1024;
/** Lines carried into the next fragment, so that nearby-line rules see across a flush. */
export const CARRY_LINES = 5;
/** Unchanged lines longer than this are not read as context. */
export const CONTEXT_MAX = 1024;

/** A file to read again whole by its blob, and the lines of it that were added (all, if unset). */
export interface Reread {
  file: SourceFile;
  lines?: Set<number>;
}

export function emptyStats(): ScanStats {
  return { files: 0, addedLines: 0, bytes: 0, binarySkipped: 0, binaryFiles: [], submodulesSkipped: 0 };
}

/** The statuses under which a path is new to the tree: added, renamed to, copied to. */
const NEW_PATH = new Set(['A', 'R', 'C']);

/**
 * A file's path as a fragment of its own, at line 0: a key ID or a token in a file's name is
 * committed as surely as one in its lines (a `AKIA….json` named after its key). Read as a
 * binary file's strings are, by the rules of a known, specific form only: a path is no
 * assignment. Findings in it are at line 0, and their secret is redacted from the path
 * wherever the path is shown (Scanner.result).
 */
export function pathFragment(path: string, commit?: string): Fragment {
  // One line, whatever the name holds: a newline in it would move what follows to line 1.
  const f: Fragment = { path, startLine: 0, startColumn: 0, text: path.replace(/[\n\r]/g, ' '), binary: true };
  if (commit !== undefined) f.commit = commit;
  return f;
}

/**
 * Turns the parser's added lines into Fragments: runs of consecutive added lines of one file,
 * bounded in size. A slice of a huge line becomes a fragment of its own.
 */
export class FragmentBuilder implements LineSink {
  private file: SourceFile | undefined;
  private skip = false;
  /**
   * Files whose diff showed a NUL or a UTF-16 byte-order mark (git diff runs with --text, so a
   * binary or a UTF-16 file shows its bytes, NULs and all). A diff line is not enough to tell
   * the two apart, so such a file is read again whole by its blob, where its first bytes
   * decide (src/git/encoding.ts, the one judgement of binary or UTF-16 for every reader):
   * skipped and counted as binary, or decoded, keeping only the lines git says were added
   * (`lines`; undefined for a new file: all of them). Taken by the scan (takeRereads), which
   * must read every one.
   */
  private rereads: Reread[] = [];
  private reread: Reread | undefined;
  /** Renamed and copied files, for the scans' check of moves to read whole (moveCheck in src/index.ts). */
  private moved: SourceFile[] = [];
  /** Added lines and bytes counted for the current file (taken back if it is read again or is binary). */
  private fileLines = 0;
  private fileBytes = 0;
  /** The reader judged the current file's bytes and decodes them (decodedText): its lines need no second look. */
  private judged = false;
  /** The file's reading (the first decodedText); lines of another reading of it are scanned, not counted. */
  private reading: TextEncoding | undefined;
  /** The lines coming now are the file's reading's, counted in the stats. */
  private counted = true;
  /** The other reading's lines and carries, kept while this one's lines come (ReadingState). */
  private other: ReadingState | undefined;
  /** The current file is binary (skipped as text, counted as binary). */
  private binary = false;
  /** Its lines now are a binary file's text strings (ContentReader): fragments say so. */
  private strings = false;
  /** The current file's added lines so far, as runs [first, end) (a modified file's, for its re-read). */
  private runs: number[] = [];
  private lines: string[] = [];
  /** Which of `lines` (by line number, ascending) are a diff's unchanged context. */
  private context: number[] = [];
  private chars = 0;
  private startLine = 0;
  private carried = 0;
  private sliceEnd = 0;
  /** Last lines of the previous block of this file, carried into the next fragment. */
  private blockCarry = '';
  private blockCarryLines = 0;
  private blockEnd = 0;

  constructor(
    private readonly emit: (fragment: Fragment) => void,
    /** May be shared by builders fed side by side from different git streams. */
    readonly stats: ScanStats = emptyStats(),
    /** Set on every fragment, when the lines come from a commit. */
    private readonly commit?: string,
  ) {}

  private fragment(startLine: number, startColumn: number, text: string, context?: readonly number[]): Fragment {
    const f: Fragment = { path: (this.file as SourceFile).path, startLine, startColumn, text };
    if (this.commit !== undefined) f.commit = this.commit;
    if (context !== undefined && context.length > 0) f.context = context;
    if (this.strings) f.binary = true;
    return f;
  }

  startFile(file: SourceFile): void {
    this.flush(0);
    this.file = file;
    this.judged = false;
    this.reading = undefined;
    this.counted = true;
    this.other = undefined;
    this.runs = [];
    this.fileLines = 0;
    this.fileBytes = 0;
    this.reread = undefined;
    this.binary = false;
    this.strings = false;
    this.blockCarry = '';
    this.blockCarryLines = 0;
    this.skip = false;
    if (NEW_PATH.has(file.status)) this.emit(pathFragment(file.path, this.commit));
    if (file.status === 'D') {
      this.skip = true;
    } else if (file.mode === '160000') {
      this.skip = true;
      this.stats.submodulesSkipped++;
    } else {
      this.stats.files++;
      if (file.oldPath !== undefined) this.moved.push(file);
    }
  }

  /** The renamed and copied files seen, handed to the caller. */
  takeMoved(): SourceFile[] {
    const taken = this.moved;
    this.moved = [];
    return taken;
  }

  binaryFile(): void {
    if (this.file === undefined || this.skip) return;
    this.markBinary();
  }

  /**
   * A binary file's text strings are read (still counted as binary, not as added lines): for
   * credentials of a known form only (Fragment.binary). A NUL or a few control bytes at the
   * start of a .env made it binary, and its AWS key was committed.
   */
  binaryStrings(): boolean {
    if (!this.binary || this.strings) return false;
    this.skip = false;
    this.judged = true;
    this.counted = false;
    this.strings = true;
    return true;
  }

  /**
   * The reader decodes the file's bytes as `encoding`. Said again with another encoding (a
   * UTF-16 file is also read as 8-bit text, src/git/content.ts): the lines that follow are that
   * reading's, scanned with pending lines and carries of their own (ReadingState) and not
   * counted a second time.
   */
  decodedText(encoding: TextEncoding): void {
    this.judged = true;
    if (this.reading === undefined) {
      this.reading = encoding;
      return;
    }
    const counted = encoding === this.reading;
    if (counted === this.counted) return;
    // Each reading keeps its own pending lines and carries: a switch flushed them before, and a
    // PEM header that ended one 64 KB read of a modified UTF-16 file lost its body to the next
    // fragment (found by a review; the private key was committed).
    const mine = this.readingState();
    this.setReading(
      this.other ?? { lines: [], context: [], chars: 0, startLine: 0, carried: 0, sliceEnd: 0, blockCarry: '', blockCarryLines: 0, blockEnd: 0, counted },
    );
    this.other = mine;
  }

  private readingState(): ReadingState {
    const { lines, context, chars, startLine, carried, sliceEnd, blockCarry, blockCarryLines, blockEnd, counted } = this;
    return { lines, context, chars, startLine, carried, sliceEnd, blockCarry, blockCarryLines, blockEnd, counted };
  }

  private setReading(r: ReadingState): void {
    ({
      lines: this.lines,
      context: this.context,
      chars: this.chars,
      startLine: this.startLine,
      carried: this.carried,
      sliceEnd: this.sliceEnd,
      blockCarry: this.blockCarry,
      blockCarryLines: this.blockCarryLines,
      blockEnd: this.blockEnd,
      counted: this.counted,
    } = r);
  }

  /** The files set aside to be read again, handed to the caller (which must read them all). */
  takeRereads(): Reread[] {
    const taken = this.rereads;
    this.rereads = [];
    return taken;
  }

  /** Files set aside and not yet taken: none may be left when a scan ends (it would be unscanned). */
  get pendingRereads(): number {
    return this.rereads.length;
  }

  addedLine(line: number, column: number, text: string, complete: boolean): void {
    if (this.reread?.lines !== undefined && column === 0) this.reread.lines.add(line);
    if (this.skip || this.file === undefined) return;
    if (!this.judged) {
      // A diff's line (a reader of whole files judged its bytes already): a NUL anywhere in
      // it, or line 1 starting as a UTF-16 byte-order mark decodes (FF FE, FE FF: bytes UTF-8
      // cannot start with), and the file's own bytes must decide how to read it.
      if (text.indexOf('\0') !== -1 || (line === 1 && column === 0 && text.startsWith('\uFFFD\uFFFD'))) {
        this.markReread(line);
        return;
      }
      if (column === 0 && this.file.status !== 'A') this.noteLine(line);
    }
    // A byte-order mark is not part of the first line's text (nor of its columns).
    if (line === 1 && column === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (column > 0 || !complete) {
      this.sliceOfHugeLine(line, column, text, complete);
      return;
    }
    this.countLines(1);
    this.pending(line, text);
  }

  /** A complete line joins the pending ones (a gap in line numbers flushes them first); a full fragment is flushed, keeping a carry. */
  private pending(line: number, text: string): void {
    if (this.lines.length > 0 && line !== this.startLine + this.lines.length) this.flushReading(0);
    if (this.lines.length === 0) this.startLine = line;
    this.lines.push(text);
    this.chars += text.length + 1;
    if (this.chars >= FRAGMENT_CHARS) this.flushReading(CARRY_LINES);
  }

  /**
   * An unchanged line shown around added ones: pending with them, so rules that read nearby
   * lines see it, but not counted and never reported (Fragment.context). A line that would
   * make the file's bytes need a second look (a NUL, a UTF-16 mark) is left out: the added
   * lines decide that.
   */
  contextLine(line: number, text: string): void {
    if (this.skip || this.file === undefined || this.judged) return;
    // Only lines a name can be on: a long unchanged line (minified code, a 64 KB one) would
    // fill fragments and cut them short (a review saw a PEM key's body cut, its fingerprint
    // changed, beside an unchanged 70 KB line).
    if (text.length > CONTEXT_MAX) {
      if (this.lines.length > 0) this.flushReading(0);
      return;
    }
    if (text.indexOf('\0') !== -1 || (line === 1 && text.startsWith('\uFFFD\uFFFD'))) return;
    if (line === 1 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (this.lines.length > 0 && line !== this.startLine + this.lines.length) this.flushReading(0);
    this.context.push(line);
    this.pending(line, text);
  }

  addedBlock(startLine: number, text: string, lines: number, bytes?: number): void {
    if (this.skip || this.file === undefined) return;
    this.flushReading(0);
    this.countLines(lines);
    if (this.counted) this.countBytes((bytes ?? Buffer.byteLength(text)) + 1);
    const contiguous = this.blockCarryLines > 0 && this.blockEnd === startLine;
    this.emit(this.fragment(contiguous ? startLine - this.blockCarryLines : startLine, 0, contiguous ? `${this.blockCarry}\n${text}` : text));
    // Keep the last CARRY_LINES lines for the next block, as flush() does for lines.
    let cut = text.length;
    let kept = 0;
    while (kept < CARRY_LINES && cut > 0) {
      const nl = text.lastIndexOf('\n', cut - 1);
      kept++;
      cut = nl;
      if (nl === -1) break;
    }
    this.blockCarry = text.slice(cut + 1);
    this.blockCarryLines = kept;
    this.blockEnd = startLine + lines;
  }

  /** Emits what is pending (all of it, of both readings of a file read twice, when `carry` is 0); keeps the last `carry` lines as the start of the next fragment. */
  flush(carry: number): void {
    this.flushReading(carry);
    if (carry > 0 || this.other === undefined || this.other.lines.length === this.other.carried) return;
    const mine = this.readingState();
    this.setReading(this.other);
    this.flushReading(0);
    this.other = this.readingState();
    this.setReading(mine);
  }

  private flushReading(carry: number): void {
    if (this.file === undefined || this.lines.length === this.carried) {
      if (carry === 0) this.reset();
      return;
    }
    // Context lines not carried in from the fragment before: not counted, and a fragment of
    // nothing new but context is not scanned (nothing in it could be reported).
    const firstFresh = this.startLine + this.carried;
    let freshContext = 0;
    let contextBytes = 0;
    for (const n of this.context) {
      if (n < firstFresh) continue;
      freshContext++;
      if (this.counted) contextBytes += Buffer.byteLength(this.lines[n - this.startLine] as string) + 1;
    }
    if (freshContext < this.lines.length - this.carried) {
      const text = this.lines.join('\n');
      if (this.counted) this.countBytes(Buffer.byteLength(text) + 1 - this.carriedBytes() - contextBytes);
      this.emit(this.fragment(this.startLine, 0, text, this.context.length > 0 ? this.context.slice() : undefined));
    }
    if (carry > 0 && this.lines.length > carry) {
      const kept = this.lines.slice(-carry);
      this.startLine += this.lines.length - kept.length;
      this.lines = kept;
      this.carried = kept.length;
      this.chars = kept.reduce((n, l) => n + l.length + 1, 0);
      if (this.context.length > 0) this.context = this.context.filter((n) => n >= this.startLine);
    } else if (carry > 0) {
      // Few, long lines: all of them are the carry. Emitted and counted already, so marked as
      // carried (before, the next flush counted their bytes a second time).
      this.carried = this.lines.length;
    } else {
      this.reset();
    }
  }

  private carriedBytes(): number {
    if (this.carried === 0) return 0;
    return Buffer.byteLength(this.lines.slice(0, this.carried).join('\n')) + 1;
  }

  private reset(): void {
    this.lines = [];
    if (this.context.length > 0) this.context = [];
    this.chars = 0;
    this.carried = 0;
  }

  private sliceOfHugeLine(line: number, column: number, text: string, complete: boolean): void {
    if (column === 0) {
      this.flushReading(0);
      this.countLines(1);
    }
    // Slices overlap; count only the part not counted with the slice before.
    const fresh = column === 0 ? text : text.slice(Math.max(0, this.sliceEnd - column));
    if (this.counted) this.countBytes(Buffer.byteLength(fresh) + (complete ? 1 : 0));
    this.sliceEnd = complete ? 0 : column + text.length;
    this.emit(this.fragment(line, column, text));
  }

  /** Lines of the file's own reading (another reading of the same bytes is not counted again). */
  private countLines(n: number): void {
    if (!this.counted) return;
    this.stats.addedLines += n;
    this.fileLines += n;
  }

  private countBytes(n: number): void {
    this.stats.bytes += n;
    this.fileBytes += n;
  }

  /** The current file's counts taken back: it is read again, or skipped as binary. */
  private uncount(): void {
    this.stats.files--;
    this.stats.addedLines -= this.fileLines;
    this.stats.bytes -= this.fileBytes;
    this.fileLines = 0;
    this.fileBytes = 0;
  }

  private noteLine(line: number): void {
    const last = this.runs.length - 1;
    if (last > 0 && this.runs[last] === line) this.runs[last] = line + 1;
    else this.runs.push(line, line + 1);
  }

  /** Every added line of the file so far and from here on is read again, decoded (a new file: all of it). */
  private markReread(line: number): void {
    const file = this.file as SourceFile;
    this.skip = true;
    this.reset();
    this.uncount();
    if (file.status === 'A') {
      this.reread = { file };
    } else {
      const lines = new Set<number>([line]);
      for (let r = 0; r < this.runs.length; r += 2) for (let n = this.runs[r]!; n < this.runs[r + 1]!; n++) lines.add(n);
      this.reread = { file, lines };
    }
    this.rereads.push(this.reread);
  }

  private markBinary(): void {
    this.binary = true;
    this.skip = true;
    this.reset();
    this.uncount();
    this.stats.binarySkipped++;
    this.stats.binaryFiles.push((this.file as SourceFile).path);
  }
}

/** What one reading of a file (FragmentBuilder.decodedText) has pending and carries. */
interface ReadingState {
  lines: string[];
  context: number[];
  chars: number;
  startLine: number;
  carried: number;
  sliceEnd: number;
  blockCarry: string;
  blockCarryLines: number;
  blockEnd: number;
  counted: boolean;
}
