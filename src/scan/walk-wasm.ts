/**
 * The keyword automaton's table walk (src/scan/keywords.ts) as one small WebAssembly function,
 * assembled here for the automaton's own table.
 *
 * Why: the walk is one table lookup per character, and each lookup needs the state the one
 * before it returned, so a single walk waits on memory at every character (~2.3 ns a character
 * in JavaScript on real code, the largest single cost of a large scan). Here the text is cut
 * into CHAINS pieces walked side by side in one loop: their lookups do not wait on each other,
 * and the CPU overlaps them. Measured on 60 MB of the real-code set in 32 KB fragments: 0.85 ns
 * a character with 4 chains (1.1 with 2, 1.9 with 1), against 2.3 for the JavaScript walk.
 *
 * Each piece starts (from the start state) the longest keyword's length less one before the
 * part it reports, so a keyword crossing the cut is found by the piece where it ends, and only
 * by it: a piece keeps the ends inside its own part. The hits come back in the order of their
 * ends, as the JavaScript walk gives them.
 */
import { HEADER, name, s, section, u } from '../wasm-binary.js';

/** Pieces walked side by side: 4 was fastest on the machines measured (3: 0.91 ns, 6: 0.91 ns). */
const CHAINS = 4;
/** Characters walked per call; longer text is walked in windows this long (memory stays ~1.5 MB). */
const WINDOW = 64 * 1024;

/** Memory layout: each chain's start address, then each chain's hit-list end (both i32). */
const STARTS = 0;
const OUTS = 16;
/** Byte -> class (u8). */
const CLASS_OF = 64;
/** The transition table (u32: the next state, as a byte offset into the table). */
const TABLE = 320;

export interface WalkTable {
  /** The transitions' count, and how to write them (by state * classes + class, each the next state * classes * 4: a byte offset into the table). */
  tableLength: number;
  writeTable(into: Uint32Array): void;
  classOf: Uint8Array;
  classes: number;
  /** States from this (premultiplied) number on accept. */
  firstAccepting: number;
  /** The longest keyword's length. */
  longest: number;
}

export class WasmWalk {
  private readonly walkFn: (steps: number) => void;
  private readonly bytes: Buffer;
  private readonly words: Int32Array;
  private readonly text: number;
  private readonly out: number;
  private readonly chainOut: number;
  private readonly overlap: number;

  constructor(t: WalkTable) {
    if (CHAINS * 4 > OUTS - STARTS || t.classes > 255) throw new Error('keyword walk: table does not fit');
    this.overlap = t.longest - 1;
    const tableBytes = t.tableLength * 4;
    this.text = align(TABLE + tableBytes, 8);
    const textRoom = WINDOW + 2 * t.longest + CHAINS + 64;
    this.out = align(this.text + textRoom, 8);
    // At most one hit per step, two i32 each; a chain takes at most WINDOW / CHAINS + overlap + 1 steps.
    this.chainOut = (Math.ceil(WINDOW / CHAINS) + t.longest + 8) * 8;
    const size = this.out + CHAINS * this.chainOut;
    const module = new WebAssembly.Module(assemble(Math.ceil(size / 65536), t.firstAccepting * 4));
    const instance = new WebAssembly.Instance(module, {});
    const memory = instance.exports['memory'] as WebAssembly.Memory;
    this.walkFn = instance.exports['walk'] as (steps: number) => void;
    this.bytes = Buffer.from(memory.buffer);
    this.words = new Int32Array(memory.buffer);
    this.bytes.set(t.classOf.subarray(0, 256), CLASS_OF);
    this.sumFn = instance.exports['sum'] as (from: number, to: number) => void;
    this.table = new Uint32Array(memory.buffer, TABLE, t.tableLength);
    t.writeTable(this.table);
  }

  /** The table as this walk holds it. */
  readonly table: Uint32Array;
  private readonly sumFn: (from: number, to: number) => void;

  /** sumWords over the table as held here: whole groups of four words in WebAssembly, the rest here. */
  tableSum(): number {
    const whole = this.table.length & ~3;
    // The lanes travel through the first 16 bytes (the chains' start addresses, set again at every walk).
    this.words.fill(FNV_OFFSET, 0, 4);
    this.sumFn(TABLE, TABLE + whole * 4);
    return sumWords(this.table, Array.from(this.words.subarray(0, 4)), whole);
  }

  /**
   * Walks `text` (each UTF-16 code unit as its low byte, as the JavaScript walk reads it) and
   * calls `hit(state, end)` for each accepting state reached, in order of `end` (the index
   * after the character that reached it); `state` premultiplied by the classes, as in the table.
   */
  walk(text: string, hit: (state: number, end: number) => void): void {
    const { bytes, words, overlap } = this;
    const length = text.length;
    for (let w = 0; w < length; w += WINDOW) {
      const from = Math.max(0, w - overlap);
      const to = Math.min(length, w + WINDOW);
      bytes.write(from === 0 && to === length ? text : text.slice(from, to), this.text, to - from, 'latin1');
      const quota = Math.ceil((to - w) / CHAINS);
      const steps = quota + overlap;
      // Chains run `steps` characters, past the window's end when it is short: zeros there (a
      // byte no keyword holds) walk back to the start state, and what they find is not kept.
      const reach = w - from + CHAINS * quota + overlap + 1;
      bytes.fill(0, this.text + (to - from), this.text + reach);
      for (let k = 0; k < CHAINS; k++) {
        const lo = w + k * quota;
        words[(STARTS >> 2) + k] = this.text + Math.max(from, lo - overlap) - from;
        words[(OUTS >> 2) + k] = this.out + k * this.chainOut;
      }
      this.walkFn(steps);
      for (let k = 0; k < CHAINS; k++) {
        const lo = w + k * quota;
        const hi = Math.min(to, lo + quota);
        const end = words[(OUTS >> 2) + k]! >> 2;
        // Each hit: the state (as a byte offset, so 4x) and the address of the character.
        for (let p = (this.out + k * this.chainOut) >> 2; p < end; p += 2) {
          const at = words[p + 1]! - this.text + from + 1;
          if (at > lo && at <= hi) hit(words[p]! >>> 2, at);
        }
      }
    }
  }
}

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}

// The opcodes used (WebAssembly core spec, binary format).
const I32 = 0x7f;
const [BLOCK, LOOP, IF, END, BR, BR_IF] = [0x02, 0x03, 0x04, 0x0b, 0x0c, 0x0d];
const [GET, SET, TEE] = [0x20, 0x21, 0x22];
const [LOAD, LOAD8_U, STORE, CONST] = [0x28, 0x2d, 0x36, 0x41];
const [GE_U, ADD, MUL, XOR, SHL] = [0x4f, 0x6a, 0x6c, 0x73, 0x74];
const VOID = 0x40;

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 16777619;

/**
 * A checksum of 32-bit words (for the prebuilt keyword table, src/scan/prebuilt.ts): FNV-1a in
 * four lanes, word i into lane i % 4, the lanes xored at the end. Four lanes, so that the
 * WebAssembly form (WasmWalk.tableSum) overlaps them as it does its walks.
 */
export function sumWords(words: Uint32Array, lanes: readonly number[] = [FNV_OFFSET, FNV_OFFSET, FNV_OFFSET, FNV_OFFSET], from = 0): number {
  // Four words a step, the lanes in locals: run cold (the prebuilt table's header, ~7,000
  // words at every start), this takes ~0.3 ms, a lane array indexed per word twice that.
  let [a, b, c, d] = lanes as [number, number, number, number];
  const whole = from + ((words.length - from) & ~3);
  for (let i = from; i < whole; i += 4) {
    a = Math.imul(a ^ words[i]!, FNV_PRIME);
    b = Math.imul(b ^ words[i + 1]!, FNV_PRIME);
    c = Math.imul(c ^ words[i + 2]!, FNV_PRIME);
    d = Math.imul(d ^ words[i + 3]!, FNV_PRIME);
  }
  if (whole < words.length) a = Math.imul(a ^ words[whole]!, FNV_PRIME);
  if (whole + 1 < words.length) b = Math.imul(b ^ words[whole + 1]!, FNV_PRIME);
  if (whole + 2 < words.length) c = Math.imul(c ^ words[whole + 2]!, FNV_PRIME);
  return (a ^ b ^ c ^ d) >>> 0;
}

/**
 * The module: one memory of `pages`, exported, and `walk(steps)`, which walks CHAINS pieces
 * `steps` characters each, from the addresses at STARTS, appending (state, address) for each
 * accepting state to the hit lists whose ends are at OUTS, and storing those ends back.
 * Locals: per chain its address, state and hit-list end; then the first chain's last address.
 */
function assemble(pages: number, firstAccepting: number): Uint8Array {
  const at = (k: number): number => 1 + 3 * k;
  const state = (k: number): number => 2 + 3 * k;
  const out = (k: number): number => 3 + 3 * k;
  const last = 1 + 3 * CHAINS;
  const code: number[] = [1, ...u(3 * CHAINS + 1), I32];
  for (let k = 0; k < CHAINS; k++) {
    code.push(CONST, 0, LOAD, 2, ...u(STARTS + 4 * k), SET, at(k));
    code.push(CONST, 0, LOAD, 2, ...u(OUTS + 4 * k), SET, out(k));
  }
  code.push(GET, 0, GET, at(0), ADD, SET, last);
  code.push(BLOCK, VOID, LOOP, VOID, GET, at(0), GET, last, GE_U, BR_IF, 1);
  for (let k = 0; k < CHAINS; k++) {
    // prettier-ignore
    code.push(
      // state = table[state + classOf[text[at]] * 4]
      GET, at(k), LOAD8_U, 0, 0,
      LOAD8_U, 0, ...u(CLASS_OF),
      CONST, 2, SHL,
      GET, state(k), ADD,
      LOAD, 2, ...u(TABLE),
      TEE, state(k),
      // an accepting state: (state, at) onto this chain's hit list
      CONST, ...s(firstAccepting), GE_U,
      IF, VOID,
      GET, out(k), GET, state(k), STORE, 2, 0,
      GET, out(k), GET, at(k), STORE, 2, 4,
      GET, out(k), CONST, 8, ADD, SET, out(k),
      END,
      GET, at(k), CONST, 1, ADD, SET, at(k),
    );
  }
  code.push(BR, 0, END, END);
  for (let k = 0; k < CHAINS; k++) code.push(CONST, 0, GET, out(k), STORE, 2, ...u(OUTS + 4 * k));
  code.push(END);
  const sum = assembleSum();
  return new Uint8Array([
    ...HEADER,
    ...section(1, [2, 0x60, 1, I32, 0, 0x60, 2, I32, I32, 0]), // type 0: (i32) -> (); type 1: (i32, i32) -> ()
    ...section(3, [2, 0, 1]), // function 0 (walk) has type 0, function 1 (sum) type 1
    ...section(5, [1, 0, ...u(pages)]), // one memory, `pages` at least
    ...section(7, [3, ...name('walk'), 0, 0, ...name('sum'), 0, 1, ...name('memory'), 2, 0]),
    ...section(10, [2, ...u(code.length), ...code, ...u(sum.length), ...sum]),
  ]);
}

/**
 * `sum(from, to)`: sumWords' four lanes, carried on from memory[0..16) over the words from..to
 * (to - from a multiple of 16), and stored back there.
 */
function assembleSum(): number[] {
  const [from, to] = [0, 1];
  const lane = (k: number): number => 2 + k;
  const code: number[] = [1, 4, I32];
  for (let k = 0; k < 4; k++) code.push(CONST, 0, LOAD, 2, ...u(4 * k), SET, lane(k));
  code.push(BLOCK, VOID, LOOP, VOID, GET, from, GET, to, GE_U, BR_IF, 1);
  for (let k = 0; k < 4; k++) code.push(GET, lane(k), GET, from, LOAD, 2, ...u(4 * k), XOR, CONST, ...s(FNV_PRIME), MUL, SET, lane(k));
  code.push(GET, from, CONST, 16, ADD, SET, from, BR, 0, END, END);
  for (let k = 0; k < 4; k++) code.push(CONST, 0, GET, lane(k), STORE, 2, ...u(4 * k));
  code.push(END);
  return code;
}
