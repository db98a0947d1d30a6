import { KeygateError } from '../errors.js';
import { displayPath } from '../report/display.js';
import type { SourceFile } from '../types.js';
import type { Encoding } from './encoding.js';

/** How a reader decoded a text file. */
export type TextEncoding = Exclude<Encoding, 'binary'>;
import { DelimitedReader } from './delimited.js';
import { LINE_OVERLAP, LineSplitter, MAX_LINE } from './lines.js';

/**
 * Where every reader of text (this parser for git's diffs, the cat-file reader for blobs, the
 * file reader for the work tree) hands the added lines it finds, file by file.
 */
export interface LineSink {
  /** A new file starts; every added line until the next call belongs to it. */
  startFile(file: SourceFile): void;
  /**
   * An added line (or a slice of a huge one). `column` is the 0-based offset of `text` in the
   * line; `complete` is false for every slice but the last.
   */
  addedLine(line: number, column: number, text: string, complete: boolean): void;
  /**
   * Many complete added lines at once (`text` holds `lines` lines, without the final newline),
   * starting at `startLine`. Readers of whole files use this to skip per-line work. `bytes`:
   * its length in UTF-8, when the reader knows it (else the sink measures the text).
   */
  addedBlock(startLine: number, text: string, lines: number, bytes?: number): void;
  /**
   * An unchanged line a diff shows around its added ones (git's context lines): read with them,
   * so that a value added under a name that stayed (a Kubernetes env's `value:` below its
   * `- name: DB_PASSWORD`) is judged with its name, and never reported itself. Only complete
   * lines; readers of whole files have none.
   */
  contextLine?(line: number, text: string): void;
  /** The content is binary (readers of whole files sniff it; git diff runs with --text). */
  binaryFile(): void;
  /**
   * Asked after binaryFile(): whether the sink takes the binary content's text strings. If so,
   * its lines follow as lines of printable ASCII, every other byte a space (columns and git's
   * line numbers kept), to be read for credentials of a known form only (Fragment.binary).
   */
  binaryStrings?(): boolean;
  /** The content is text, decoded as its first bytes say (readers of whole files; a diff's lines are not judged). */
  decodedText(encoding: TextEncoding): void;
}

const HUNK_RE = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

type State = 'raw' | 'patch-start' | 'header' | 'hunk' | 'between' | 'stopped';

/**
 * A push parser for `git diff --cached --raw -p -z -U5 --text` (and `git diff-tree`, which
 * writes the same for a commit): the raw section (NUL-separated, so paths need no unquoting)
 * names every file in order; the patch section that follows has one `diff --git` header per
 * raw entry, in the same order. Paths are taken from the raw section only, never from the
 * quoted patch headers.
 *
 * Memory stays bounded: bytes are consumed as they arrive, and a line longer than `maxLine`
 * is handed on in slices (overlapping by `overlap` characters) instead of being held whole.
 */
export class DiffParser {
  private state: State = 'raw';
  private readonly raw = new DelimitedReader(0);
  private rawTokens: string[] = [];
  private files: SourceFile[] = [];
  /**
   * The patch sections git will show, in order: one per file, but two for a type change
   * (symlink <-> file, file <-> submodule), which git shows as the old one deleted and the new
   * one created. The first of those two has only removed lines and is not a file of its own.
   */
  private sections: { file: SourceFile; shown: boolean }[] = [];
  private fileIndex = -1;
  private current: SourceFile | undefined;

  private readonly lines: LineSplitter;

  private newLine = 0;
  private remainingOld = 0;
  private remainingNew = 0;
  /** The marker of a huge line being delivered in slices. */
  private sliceMarker = '';
  /** In the removed half of a type change: an added line here means git said something else. */
  private removedOnly = false;

  constructor(
    private readonly sink: LineSink,
    maxLine = MAX_LINE,
    overlap = LINE_OVERLAP,
    /**
     * Called once the file list (raw section) has been read, before any patch line; returning
     * false stops the parser there (the caller will read the content another way).
     */
    private readonly onFileList?: (files: readonly SourceFile[]) => boolean,
  ) {
    this.lines = new LineSplitter((text, column, complete) => this.line(text, column, complete), maxLine, overlap);
  }

  /** Files named in the raw section, once it has been read. */
  get stagedFiles(): readonly SourceFile[] {
    return this.files;
  }

  push(chunk: Buffer): void {
    let rest = chunk;
    if (this.state === 'stopped') return;
    if (this.state === 'raw') {
      const consumed = this.pushRaw(rest);
      if (this.state === 'raw') return;
      rest = rest.subarray(consumed);
      if (this.onFileList?.(this.files) === false) {
        this.state = 'stopped';
        return;
      }
    }
    this.lines.push(rest);
  }

  get stopped(): boolean {
    return this.state === 'stopped';
  }

  end(): void {
    if (this.state === 'stopped') return;
    if (this.state === 'raw') {
      if (this.raw.pending || this.rawTokens.length > 0) {
        throw new KeygateError('DIFF_PARSE', 'git diff output ended inside its file list');
      }
      return;
    }
    this.lines.end();
    if (this.state === 'hunk') {
      throw new KeygateError('DIFF_PARSE', `git diff output ended inside a hunk of ${displayPath(this.current?.path ?? '')}`);
    }
    if (this.fileIndex !== this.sections.length - 1) {
      throw new KeygateError(
        'DIFF_PARSE',
        `git diff listed ${this.files.length} files but showed ${this.sections.slice(0, this.fileIndex + 1).filter((x) => x.shown).length}`,
      );
    }
  }

  /** Reads NUL-terminated raw tokens; returns how many bytes of `chunk` it used. */
  private pushRaw(chunk: Buffer): number {
    let start = 0;
    for (;;) {
      const { token, next } = this.raw.read(chunk, start);
      if (token === undefined) return next;
      start = next;
      if (token === '' && this.rawTokens.length === 0) {
        this.state = 'patch-start';
        return start;
      }
      this.rawToken(token);
    }
  }

  private rawToken(token: string): void {
    this.rawTokens.push(token);
    const meta = this.rawTokens[0] ?? '';
    if (!meta.startsWith(':')) {
      throw new KeygateError('DIFF_PARSE', `unexpected git raw diff entry: ${meta.slice(0, 80)}`);
    }
    const fields = meta.slice(1).split(' ');
    const status = fields[4] ?? '';
    const letter = status.charAt(0);
    const paths = letter === 'R' || letter === 'C' ? 2 : 1;
    if (this.rawTokens.length < 1 + paths) return;
    const path = this.rawTokens[paths] as string;
    const file: SourceFile = { path, status: letter, mode: fields[1] ?? '', oid: fields[3] ?? '' };
    if (paths === 2) file.oldPath = this.rawTokens[1] as string;
    this.files.push(file);
    if (letter === 'T') this.sections.push({ file, shown: false });
    this.sections.push({ file, shown: true });
    this.rawTokens = [];
  }

  /** One line of the patch section, or a slice of one (column > 0 or !complete). */
  private line(text: string, column: number, complete: boolean): void {
    if (column > 0) {
      this.sliceOf(text, column, complete);
      return;
    }
    if (this.state === 'hunk') {
      this.hunkLine(text, complete);
      return;
    }
    if (text.startsWith('diff --git ') || text.startsWith('diff --cc ')) {
      this.nextFile();
    } else if (text.startsWith('@@ ')) {
      this.hunkHeader(text);
    } else if (text.startsWith('Binary files ') && this.state === 'header') {
      // Asked for --text, git shows every file's lines: a file it did not show is one not scanned.
      throw new KeygateError('DIFF_PARSE', 'git showed a file as binary though asked for its text');
    } else if (this.state === 'patch-start') {
      throw new KeygateError('DIFF_PARSE', `unexpected line before the first diff header`);
    }
  }

  private nextFile(): void {
    this.fileIndex++;
    const section = this.sections[this.fileIndex];
    if (section === undefined) {
      throw new KeygateError('DIFF_PARSE', 'git diff showed more files than it listed');
    }
    this.current = section.file;
    this.state = 'header';
    this.removedOnly = !section.shown;
    if (section.shown) this.sink.startFile(section.file);
  }

  private hunkHeader(text: string): void {
    const m = HUNK_RE.exec(text);
    if (m === null || this.current === undefined) {
      throw new KeygateError('DIFF_PARSE', `malformed hunk header: ${text.slice(0, 80)}`);
    }
    this.remainingOld = m[1] === undefined ? 1 : Number(m[1]);
    this.newLine = Number(m[2]);
    this.remainingNew = m[3] === undefined ? 1 : Number(m[3]);
    this.state = this.remainingOld + this.remainingNew > 0 ? 'hunk' : 'between';
  }

  private hunkLine(text: string, complete: boolean): void {
    const marker = text.charAt(0);
    if (marker === '+' && this.removedOnly) {
      throw new KeygateError('DIFF_PARSE', `git diff showed added lines in the old half of the type change of ${displayPath(this.current?.path ?? '')}`);
    }
    if (marker === '+') {
      this.sink.addedLine(this.newLine, 0, text.slice(1), complete);
    } else if (marker === ' ' && complete) {
      this.sink.contextLine?.(this.newLine, text.slice(1));
    } else if (marker !== '-' && marker !== ' ' && marker !== '\\') {
      throw new KeygateError('DIFF_PARSE', `unexpected line in a hunk of ${displayPath(this.current?.path ?? '')}`);
    }
    if (complete) this.endOfLine(marker);
    else this.sliceMarker = marker;
  }

  private sliceOf(text: string, column: number, complete: boolean): void {
    if (this.state !== 'hunk') return;
    if (this.sliceMarker === '+') this.sink.addedLine(this.newLine, column - 1, text, complete);
    if (complete) this.endOfLine(this.sliceMarker);
  }

  private endOfLine(marker: string): void {
    if (marker === '+') {
      this.newLine++;
      this.remainingNew--;
    } else if (marker === '-') {
      this.remainingOld--;
    } else if (marker === ' ') {
      this.newLine++;
      this.remainingNew--;
      this.remainingOld--;
    }
    if (this.remainingOld <= 0 && this.remainingNew <= 0) this.state = 'between';
  }
}
