/**
 * The pieces of the WebAssembly binary format keygate's two small hand-assembled modules use
 * (the keyword walk, src/scan/walk-wasm.ts; the line-feed count, src/git/line-feeds.ts): the
 * numbers as LEB128, sections and names, and the module header (core spec, binary format).
 */

/** Unsigned LEB128. */
export function u(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n & 0x7f;
    n >>>= 7;
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (an i32.const's operand). */
export function s(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const b = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (b & 0x40) === 0) || (n === -1 && (b & 0x40) !== 0)) return [...out, b];
    out.push(b | 0x80);
  }
}

export const section = (id: number, body: number[]): number[] => [id, ...u(body.length), ...body];
export const name = (text: string): number[] => [...u(text.length), ...[...text].map((c) => c.charCodeAt(0))];

/** The magic number and version 1. */
export const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
