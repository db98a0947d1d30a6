/**
 * FNV-1a, 32 bits, of a string's UTF-16 code units: a quick hash for telling strings apart in
 * memory or naming a cache file. No security in it (fingerprints use SHA-256); no node:crypto
 * either, which costs ~5 ms to load at a commit.
 */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
