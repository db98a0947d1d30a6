import { StringDecoder } from 'node:string_decoder';

/**
 * What a file's first bytes say about how to read it. Git, and keygate before, call any file
 * with a NUL in its first 8000 bytes binary — which skips UTF-16 text, common on Windows
 * (.ps1, .reg, some .cs and .sql): an AWS key pair in a PowerShell profile went unscanned.
 */
export type Encoding = 'utf8' | 'utf16le' | 'utf16be' | 'binary';

/** Like git: a NUL in the first 8000 bytes makes content binary (unless it is UTF-16). */
export const SNIFF_BYTES = 8000;

export function sniffEncoding(head: Buffer): Encoding {
  const b = head.subarray(0, SNIFF_BYTES);
  if (b.length >= 2 && b[0] === 0xff && b[1] === 0xfe) {
    if (b.length >= 4 && b[2] === 0 && b[3] === 0) return 'binary';
    return looksLikeEightBitText(b.subarray(2)) ? 'utf8' : 'utf16le';
  }
  if (b.length >= 2 && b[0] === 0xfe && b[1] === 0xff) return looksLikeEightBitText(b.subarray(2)) ? 'utf8' : 'utf16be';
  if (!b.includes(0)) return 'utf8';
  return utf16WithoutBom(b) ?? (textWithNuls(b) ? 'utf8' : 'binary');
}

/**
 * Text with NULs in it: one NUL made a whole .env "binary" and skipped, its AWS key committed
 * (a NUL pasted, or put there to get past the hook). Real binary content has other control
 * bytes (lengths, offsets, opcodes: 0x01-0x1F) and bytes that are not UTF-8; this has NULs
 * and text only: no more than a quarter NULs, and of the rest at most 1 in 200 a control
 * byte other than tab, line feed, form feed and carriage return, or a byte that is not UTF-8.
 */
function textWithNuls(b: Buffer): boolean {
  let nuls = 0;
  let controls = 0;
  for (const c of b) {
    if (c === 0) nuls++;
    else if ((c < 0x20 && c !== 9 && c !== 10 && c !== 12 && c !== 13) || c === 0x7f) controls++;
  }
  const rest = b.length - nuls;
  if (nuls > b.length / 4 || controls > rest / 200) return false;
  let invalid = 0;
  // A UTF-8 sequence cut at the end of the sniffed bytes is not counted against it.
  const text = b.subarray(0, b.length - 3).toString('utf8');
  for (let i = text.indexOf('\uFFFD'); i !== -1; i = text.indexOf('\uFFFD', i + 1)) invalid++;
  return invalid <= rest / 200;
}

/**
 * Bytes after what looks like a UTF-16 byte-order mark that are plainly 8-bit text: no NUL
 * (UTF-16 has one in every ASCII character and every line break) and nearly all printable
 * ASCII or whitespace. A Latin-1 file that starts "ÿþ" is such text, and read as UTF-16 it
 * would hide every key in it; UTF-16 of any script reads far below this (CJK ~50%, Cyrillic
 * less: its high bytes are 0x04).
 */
function looksLikeEightBitText(rest: Buffer): boolean {
  if (rest.includes(0)) return false;
  let printable = 0;
  for (const c of rest) if ((c >= 0x20 && c < 0x7f) || c === 9 || c === 10 || c === 13) printable++;
  return printable >= rest.length * 0.85;
}

/**
 * UTF-16 without a byte-order mark: text that is mostly ASCII has a NUL in every other byte,
 * on one side only. Judged on the code units: nearly all NULs on one side, and what is left
 * is text (printable or whitespace) for nearly all of them.
 */
function utf16WithoutBom(b: Buffer): Encoding | undefined {
  const units = Math.floor(b.length / 2);
  if (units < 2) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i + 1 < b.length; i += 2) {
    if (b[i] === 0) evenNul++;
    if (b[i + 1] === 0) oddNul++;
  }
  const le = oddNul >= units * 0.6 && evenNul <= units * 0.02;
  const be = evenNul >= units * 0.6 && oddNul <= units * 0.02;
  if (!le && !be) return undefined;
  const text = new TextDecoder(le ? 'utf-16le' : 'utf-16be').decode(b.subarray(0, units * 2));
  let texty = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    if (c === 9 || c === 10 || c === 13 || (c >= 32 && c !== 0xfffd && !(c >= 0x7f && c < 0xa0))) texty++;
  }
  return texty >= text.length * 0.95 ? (le ? 'utf16le' : 'utf16be') : undefined;
}

/**
 * A streaming decoder for the encoding; a byte-order mark at the start is dropped. Node's
 * StringDecoder, not TextDecoder: ~7x faster on UTF-8 (TextDecoder cost 10% of a 200 MB scan).
 * UTF-16BE has its byte pairs swapped into UTF-16LE (an odd byte waits for its pair).
 */
export function textDecoder(encoding: Exclude<Encoding, 'binary'>): { write(b: Buffer): string; end(): string } {
  const d = new StringDecoder(encoding === 'utf8' ? 'utf8' : 'utf16le');
  let first = true;
  let odd: Buffer | undefined;
  const dropBom = (text: string): string => {
    if (!first || text === '') return text;
    first = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };
  const swap = (b: Buffer): Buffer => {
    const all = odd !== undefined ? Buffer.concat([odd, b]) : b;
    const even = all.length & ~1;
    odd = even < all.length ? all.subarray(even) : undefined;
    return Buffer.from(all.subarray(0, even)).swap16();
  };
  return {
    write: (b) => dropBom(d.write(encoding === 'utf16be' ? swap(b) : b)),
    end: () => dropBom(d.end(encoding === 'utf16be' && odd !== undefined ? odd : undefined)),
  };
}
