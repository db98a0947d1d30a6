/**
 * Deterministic fake credentials, so that no key-shaped literal sits in keygate's own source
 * (keygate guards its own commits) while detectors and tests still get realistic values.
 * Every value here is generated from a seed; none was ever issued by a provider.
 */
/** RFC 4648 base32 (AWS key IDs encode their account in it). */
export const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Standard base64. */
export const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** xorshift32: tiny, seeded, and good enough to look random to an entropy gate. */
function* prng(seed: number): Generator<number> {
  let x = seed >>> 0 || 0x9e3779b9;
  for (;;) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    yield x;
  }
}

export function fakeString(alphabet: string, length: number, seed: number): string {
  const g = prng(seed);
  let s = '';
  while (s.length < length) s += alphabet[(g.next().value as number) % alphabet.length];
  return s;
}

/** A fake access key ID; the 5th character avoids I/J so an account ID can be decoded. */
export function fakeAwsKeyId(seed: number, prefix = 'AKIA'): string {
  return prefix + 'Q' + fakeString(B32, 15, seed);
}

export function fakeAwsSecret(seed: number): string {
  return fakeString(B64, 40, seed);
}

export function fakeBase64(length: number, seed: number): string {
  return fakeString(B64, length, seed);
}

export const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
export const HEX = '0123456789abcdef';
export const URLSAFE = ALNUM + '_-';
export const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
export const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';
export const DIGITS = '0123456789';

/** A fake version-4 UUID (RFC 4122 version and variant digits in place). */
export function fakeUuid(seed: number): string {
  const h = fakeString(HEX, 32, seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20)}`;
}

/** prefix + n characters of alphabet: the shape of most vendor tokens. */
export function fakeToken(prefix: string, alphabet: string, n: number, seed: number): string {
  return prefix + fakeString(alphabet, n, seed);
}
