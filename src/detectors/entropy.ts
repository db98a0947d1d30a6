import { B32, B64 } from './fake.js';

/**
 * Shannon entropy, in bits per character, of the characters of `s` that belong to `charset`
 * (all of them when no charset is given). Detectors gate on the secret alone, never on the
 * surrounding line, and each states the charset its secret is drawn from.
 */
export function shannonEntropy(s: string, charset?: Charset): number {
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
