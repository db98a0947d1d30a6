/** Checksums some token formats carry, so a match can be told apart from a look-alike. */

let table: Uint32Array | undefined;

export function crc32(text: string): number {
  if (table === undefined) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const byte of Buffer.from(text, 'utf8')) crc = (table[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

export function base62(n: number, width: number): string {
  let s = '';
  let v = n;
  while (v > 0) {
    s = BASE62[v % 62] + s;
    v = Math.floor(v / 62);
  }
  return s.padStart(width, '0');
}

/**
 * GitHub's classic tokens (ghp_, gho_, ghu_, ghs_, ghr_) and npm's (npm_): 30 random base62
 * characters, then their CRC32 in 6 base62 digits (GitHub blog, 2021-04-05; npm, 2021-09-23).
 */
export function prefixedCrc32Valid(token: string, prefixLength = 4): boolean {
  const body = token.slice(prefixLength, -6);
  return base62(crc32(body), 6) === token.slice(-6);
}
