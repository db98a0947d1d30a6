/**
 * Bytes up to a delimiter, gathered across chunks and decoded as UTF-8: the NUL-ended raw
 * entries of `git diff -z`, the newline-ended object headers of `git cat-file --batch`.
 */
export class DelimitedReader {
  private parts: Buffer[] = [];

  constructor(private readonly delimiter: number) {}

  /** Bytes of an unfinished token are held (the stream must not end here). */
  get pending(): boolean {
    return this.parts.length > 0;
  }

  /**
   * Reads from `at`: the token and the index after its delimiter; or, when the chunk ends
   * first, no token and the chunk's length (the bytes are kept for the next chunk).
   */
  read(chunk: Buffer, at: number): { token: string | undefined; next: number } {
    const end = chunk.indexOf(this.delimiter, at);
    if (end === -1) {
      this.parts.push(chunk.subarray(at));
      return { token: undefined, next: chunk.length };
    }
    // Most tokens lie within one chunk: decoded in place, not copied first (reading the raw
    // listing of a 12,600-file change took ~75 ms with a Buffer.concat per token).
    if (this.parts.length === 0) return { token: chunk.toString('utf8', at, end), next: end + 1 };
    this.parts.push(chunk.subarray(at, end));
    const token = Buffer.concat(this.parts).toString('utf8');
    this.parts = [];
    return { token, next: end + 1 };
  }
}
