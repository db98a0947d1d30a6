import { B32, B64 } from './fake.js';

/**
 * Shannon entropy, in bits per character, of the characters of `s` that belong to `charset`
 * (all of them when no charset is given). Detectors gate on the secret alone, never on the
 * surrounding line, and each states the charset its secret is drawn from.
 */
export function shannonEntropy(s: string, charset?: Charset): number {
  // Counted in a typed array by character code while the text is ASCII (every candidate of
  // every rule is measured: a Map of one-character strings cost ~4 us a value), else as
  // before. The sum runs over the characters in the order they first occur, as a Map's
  // does, so the result is the same to the last bit.
  const mask = charset === undefined ? undefined : asciiMask(charset);
  let n = 0;
  let distinct = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || mask === null) {
      for (let k = 0; k < distinct; k++) COUNTS[ORDER[k]!] = 0;
      return entropyOfAny(s, charset);
    }
    if (mask !== undefined && mask[c] === 0) continue;
    const seen = COUNTS[c]!;
    COUNTS[c] = seen + 1;
    if (seen === 0) ORDER[distinct++] = c;
    n++;
  }
  let h = 0;
  for (let k = 0; k < distinct; k++) {
    const c = ORDER[k]!;
    const p = COUNTS[c]! / n;
    h -= p * Math.log2(p);
    COUNTS[c] = 0;
  }
  return h;
}

/** By ASCII code, how often it occurs (zero between calls); and the codes in order of first occurrence. */
const COUNTS = new Uint32Array(128);
const ORDER = new Uint8Array(128);

/** By ASCII code, 1 if the charset holds it; null for a charset with other characters. */
const MASKS = new WeakMap<Charset, Uint8Array | null>();
function asciiMask(charset: Charset): Uint8Array | null {
  let mask = MASKS.get(charset);
  if (mask !== undefined) return mask;
  mask = new Uint8Array(128);
  for (const ch of charset) {
    const c = ch.charCodeAt(0);
    if (ch.length !== 1 || c >= 128) {
      mask = null;
      break;
    }
    mask[c] = 1;
  }
  MASKS.set(charset, mask);
  return mask;
}

/** shannonEntropy of any text, by code point. */
function entropyOfAny(s: string, charset?: Charset): number {
  const counts = new Map<string, number>();
  let n = 0;
  for (const ch of s) {
    if (charset !== undefined && !charset.has(ch)) continue;
    counts.set(ch, (counts.get(ch) ?? 0) + 1);
    n++;
  }
  if (n === 0) return 0;
  let h = 0;
  for (const c of counts.values()) {
    const p = c / n;
    h -= p * Math.log2(p);
  }
  return h;
}

export type Charset = ReadonlySet<string>;

export function charset(chars: string): Charset {
  return new Set(chars);
}

export const BASE64 = charset(B64);
export const BASE32 = charset(B32);
