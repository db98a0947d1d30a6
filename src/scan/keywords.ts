import { regexLiteral } from '../detectors/regex-parts.js';
import { sumWords, WasmWalk } from './walk-wasm.js';

/**
 * A multi-keyword search automaton (Aho–Corasick, compiled to a dense DFA): one pass over the
 * text finds every occurrence of every keyword, whatever their number.
 *
 * Why not one big regex alternation: irregexp tries each of ~150 keywords at every position
 * (measured 160-210 MB/s on code); this table walk is one lookup per character (300-400 MB/s)
 * and also yields where each keyword ends, which gates need.
 *
 * Keywords are ASCII. Letters are folded, so every keyword is found case-insensitively; a
 * keyword marked case-sensitive is checked against the text as written when it is found.
 * Characters outside the keywords' alphabet (all non-ASCII among them) share one class, which
 * keeps the table small enough for the CPU cache (~700 states x ~50 classes x 2 bytes).
 */
export interface Keyword {
  text: string;
  caseSensitive: boolean;
}

/** Calls `found(keywordIndex, end)` for every occurrence; true stops the search. */
export type OnKeyword = (keyword: number, end: number) => boolean | void;

export interface KeywordSearch {
  scan(text: string, found: OnKeyword): void;
}

/**
 * What a keyword automaton walks, built from its keywords (automatonTable) or read prebuilt
 * (src/scan/prebuilt.ts: the build writes the built-in keywords' table beside the bundle).
 */
export interface AutomatonTable {
  /** Byte (the text as latin1, see walk) -> class; 0 for bytes no keyword holds. */
  classOf: Uint8Array;
  classes: number;
  /** The transitions' count (states * classes). */
  tableLength: number;
  /**
   * Writes the transitions into `into` (tableLength long), by state * classes + class: the
   * next state * classes * 4 (the byte offset the WebAssembly walk reads). Straight into the
   * walk's memory: a prebuilt table (~0.9 MB) is read from its file there, with no copy.
   */
  writeTable(into: Uint32Array): void;
  /**
   * For a table read from a file: what sumWords must give for it as written (else it is not
   * used, and the automaton is built from the keywords), and who to tell when it did.
   */
  tableSum?: number;
  tableChecked?(table: Uint32Array): void;
  /** States from this (premultiplied, not by 4) number on end at least one keyword. */
  firstAccepting: number;
  /** Keywords (indices) ending at each accepting state, from firstAccepting / classes on. */
  outputs: number[][];
}

/** The automaton for these keywords: the trie, its failure links folded in, accepting states last. */
export function automatonTable(keywords: readonly Keyword[]): AutomatonTable {
  const classOf = new Uint8Array(256);
  let classes = 1;
  for (const k of keywords) {
    for (const ch of k.text.toLowerCase()) {
      const code = ch.charCodeAt(0);
      if (code >= 128) throw new Error(`keyword is not ASCII: ${k.text}`);
      if (classOf[code] === 0) {
        classOf[code] = classes;
        classOf[ch.toUpperCase().charCodeAt(0)] = classes;
        classes++;
      }
    }
  }
  const { next, outputs } = trie(keywords, classOf, classes);
  // Number the accepting states last, so "did a keyword end here" is one comparison.
  const order = outputs.map((_, s) => s).sort((a, b) => Number(outputs[a]!.length > 0) - Number(outputs[b]!.length > 0));
  const renumbered = new Array<number>(order.length);
  order.forEach((s, i) => (renumbered[s] = i));
  const table = new Uint32Array(order.length * classes);
  for (let s = 0; s < order.length; s++) {
    for (let c = 0; c < classes; c++) table[renumbered[s]! * classes + c] = renumbered[next[s]![c]!]! * classes * 4;
  }
  const found = order.findIndex((s) => outputs[s]!.length > 0);
  const firstAccepting = found === -1 ? order.length : found;
  // The start state (0 before renumbering) must stay 0: it is, as it accepts nothing.
  if (renumbered[0] !== 0) throw new Error('keyword automaton: start state moved');
  return {
    classOf,
    classes,
    tableLength: table.length,
    writeTable: (into) => into.set(table),
    firstAccepting: firstAccepting * classes,
    outputs: order.slice(firstAccepting).map((s) => outputs[s]!),
  };
}

/** The trie with failure links folded into full transitions (breadth first). */
function trie(keywords: readonly Keyword[], classOf: Uint8Array, classes: number): { next: number[][]; outputs: number[][] } {
  const next: number[][] = [new Array<number>(classes).fill(-1)];
  const outputs: number[][] = [[]];
  keywords.forEach((k, index) => {
    let s = 0;
    for (const ch of k.text.toLowerCase()) {
      const c = classOf[ch.charCodeAt(0)]!;
      if (next[s]![c] === -1) {
        next[s]![c] = next.length;
        next.push(new Array<number>(classes).fill(-1));
        outputs.push([]);
      }
      s = next[s]![c]!;
    }
    outputs[s]!.push(index);
  });
  const fail = new Array<number>(next.length).fill(0);
  const queue: number[] = [];
  for (let c = 0; c < classes; c++) {
    const t = next[0]![c]!;
    if (t === -1) next[0]![c] = 0;
    else queue.push(t);
  }
  for (let head = 0; head < queue.length; head++) {
    const s = queue[head]!;
    outputs[s] = [...outputs[s]!, ...outputs[fail[s]!]!];
    for (let c = 0; c < classes; c++) {
      const t = next[s]![c]!;
      if (t === -1) {
        next[s]![c] = next[fail[s]!]![c]!;
      } else {
        fail[t] = next[fail[s]!]![c]!;
        queue.push(t);
      }
    }
  }
  return { next, outputs };
}

function longest(keywords: readonly Keyword[]): number {
  return Math.max(1, ...keywords.map((k) => k.text.length));
}

/** A prebuilt table with the walk it was read into and checked in, if WebAssembly walks it. */
type CheckedTable = AutomatonTable & { walk?: WasmWalk };

/**
 * The prebuilt table, if it reads and sums right (with the walk it was read into); undefined
 * if not: the automaton is then built from the keywords, as if there were no prebuilt one.
 */
function checked(t: AutomatonTable, useWasm: boolean, longestKeyword: number): CheckedTable | undefined {
  try {
    if (useWasm && typeof WebAssembly === 'object') {
      const walk = new WasmWalk({ ...t, longest: longestKeyword });
      if (t.tableSum !== undefined && walk.tableSum() !== t.tableSum) return undefined;
      t.tableChecked?.(walk.table);
      return { ...t, walk };
    }
    const table = new Uint32Array(t.tableLength);
    t.writeTable(table);
    if (t.tableSum !== undefined && sumWords(table) !== t.tableSum) return undefined;
    t.tableChecked?.(table);
    return { ...t, writeTable: (into) => into.set(table) };
  } catch {
    return undefined; // a table that cannot be read (the file gone, cut short)
  }
}

export class KeywordAutomaton implements KeywordSearch {
  private readonly classOf: Uint8Array;
  private readonly classes: number;
  /** The JavaScript walk's table: the next state premultiplied by the classes (not by 4). */
  private table: Uint16Array | Uint32Array = new Uint16Array(0);
  private readonly firstAccepting: number;
  /** Keywords ending at each accepting state, by state / classes - firstAccepting / classes. */
  private readonly outputs: number[][];
  private readonly firstOutput: number;

  /** The walk in WebAssembly (src/scan/walk-wasm.ts), where the runtime has it (not under --jitless). */
  private readonly wasm: WasmWalk | undefined;

  constructor(
    private readonly keywords: readonly Keyword[],
    /** false: the JavaScript walk, which the WebAssembly one must agree with (tests). */
    useWasm = true,
    /** The automaton for exactly these keywords, in this order (prebuilt); else built here. */
    prebuilt?: AutomatonTable,
  ) {
    const t: CheckedTable = (prebuilt !== undefined ? checked(prebuilt, useWasm, longest(keywords)) : undefined) ?? automatonTable(keywords);
    this.classOf = t.classOf;
    this.classes = t.classes;
    this.firstAccepting = t.firstAccepting;
    this.firstOutput = t.firstAccepting / t.classes;
    this.outputs = t.outputs;
    this.wasm = t.walk ?? (useWasm && typeof WebAssembly === 'object' ? new WasmWalk({ ...t, longest: longest(keywords) }) : undefined);
    if (this.wasm === undefined) {
      // The WebAssembly walk keeps its own copy of the table (~0.9 MB with every built-in rule, per thread).
      const size = t.tableLength;
      const read = new Uint32Array(size);
      t.writeTable(read);
      const table = size <= 0x10000 ? new Uint16Array(size) : new Uint32Array(size);
      for (let i = 0; i < size; i++) table[i] = read[i]! >>> 2;
      this.table = table;
    }
  }

  /**
   * Calls `found(keywordIndex, end)` for every occurrence (end is the index after its last
   * character); stops early when `found` returns true.
   */
  scan(text: string, found: OnKeyword): void {
    const count = this.walk(text);
    const { ends, classes } = this;
    for (let j = 0; j < count; j += 2) if (this.report(text, ends[j]! / classes, ends[j + 1]!, found)) return;
  }

  /** Accepting states and where they were reached, two numbers a hit: kept across scans. */
  private ends = new Int32Array(1024);
  /** The text being walked, one byte a UTF-16 code unit: kept across scans (the JavaScript walk's only). */
  private bytes = Buffer.alloc(0);

  /** `ends` twice as long, holding what it held. */
  private growEnds(): Int32Array<ArrayBuffer> {
    const grown = new Int32Array(this.ends.length * 2);
    grown.set(this.ends);
    return (this.ends = grown);
  }

  /**
   * The table walk alone, over the text written as latin1 (one byte per UTF-16 code unit, so
   * offsets are the text's; a code unit above 0xFF keeps its low byte, which can only add a
   * keyword the case check or the rule itself then drops, never hide one: every keyword is
   * ASCII), noting each accepting state and its end. The hot loop reads a byte array and calls
   * nothing, so it runs at one speed whatever the string's representation (V8 reads a sliced
   * string's characters ~40% slower, and code that has seen both kinds slower still) and
   * whatever callback a scan has. Before, the real-code scan ran at ~3.6 or ~6 ns a character
   * from one run to the next.
   */
  private walk(text: string): number {
    if (this.wasm !== undefined) return this.walkWasm(this.wasm, text);
    const length = text.length;
    if (length > this.bytes.length) this.bytes = Buffer.allocUnsafe(Math.max(length, 64 * 1024, this.bytes.length * 2));
    const bytes = this.bytes;
    bytes.write(text, 0, length, 'latin1');
    const { table, classOf, firstAccepting } = this;
    let ends = this.ends;
    let state = 0;
    let count = 0;
    for (let i = 0; i < length; i++) {
      state = table[state + classOf[bytes[i]!]!]!;
      if (state >= firstAccepting) {
        if (count === ends.length) ends = this.growEnds();
        ends[count++] = state;
        ends[count++] = i + 1;
      }
    }
    return count;
  }

  /** The same walk in WebAssembly, its hits gathered as the JavaScript walk gathers them. */
  private walkWasm(wasm: WasmWalk, text: string): number {
    let count = 0;
    wasm.walk(text, (state, end) => {
      const ends = count === this.ends.length ? this.growEnds() : this.ends;
      ends[count++] = state;
      ends[count++] = end;
    });
    return count;
  }

  private report(text: string, state: number, end: number, found: OnKeyword): boolean {
    const outputs = this.outputs[state - this.firstOutput]!;
    // The longest keyword ending here spans the others: a code unit above 0x7F in it was read
    // by its low byte (see walk), so the text there is not what the walk saw.
    const longest = this.keywords[outputs[0]!]!.text.length;
    for (let i = end - longest; i < end; i++) if (text.charCodeAt(i) > 0x7f) return this.reportChecked(text, outputs, end, found);
    for (const index of outputs) {
      const k = this.keywords[index]!;
      if (k.caseSensitive && !text.startsWith(k.text, end - k.text.length)) continue;
      if (found(index, end) === true) return true;
    }
    return false;
  }

  /** Each keyword ending here checked against the text itself, ignoring ASCII case. */
  private reportChecked(text: string, outputs: readonly number[], end: number, found: OnKeyword): boolean {
    for (const index of outputs) {
      const k = this.keywords[index]!;
      const at = end - k.text.length;
      const written = text.slice(at, end);
      if (k.caseSensitive ? written !== k.text : asciiLower(written) !== k.text.toLowerCase()) continue;
      if (found(index, end) === true) return true;
    }
    return false;
  }
}

/**
 * The same search as one case-insensitive regex alternation: slower per byte than the
 * automaton, but compiled in ~1 ms where the automaton takes several to build, so it serves
 * small text (a typical commit). Every occurrence is found: the search resumes one character
 * after each match, and the keywords that are prefixes of a match are reported with it.
 */
export class KeywordRegex implements KeywordSearch {
  private readonly regex: RegExp;
  /** Lower-cased match -> the keywords starting there (it and its prefixes). */
  private readonly starting = new Map<string, number[]>();

  /** Lower-cased keyword -> the keywords (indices) that are it, ignoring case. */
  private readonly byText = new Map<string, number[]>();

  constructor(private readonly keywords: readonly Keyword[]) {
    for (let i = 0; i < keywords.length; i++) {
      const lower = (keywords[i] as Keyword).text.toLowerCase();
      const known = this.byText.get(lower);
      if (known === undefined) this.byText.set(lower, [i]);
      else known.push(i);
    }
    const texts = [...this.byText.keys()].sort((a, b) => b.length - a.length);
    this.source = texts.map(regexLiteral).join('|');
    this.regex = new RegExp(this.source, 'g');
  }

  private readonly source: string;
  /** For text whose lower case changes its length (a few non-ASCII letters): the case-insensitive form. */
  private folding: RegExp | undefined;

  /**
   * Worked out when first matched (most keywords never are, in a commit), kept as written: the
   * match's prefixes that are keywords, looked up (a pass over every keyword for each new match
   * was most of a typical commit's keyword search, ~2 ms of 815 keywords in code not yet compiled).
   */
  private startingWith(match: string): number[] {
    let found = this.starting.get(match);
    if (found === undefined) {
      const lower = match.toLowerCase();
      found = [];
      for (let end = 1; end <= lower.length; end++) {
        const of = this.byText.get(lower.slice(0, end));
        if (of !== undefined) for (let j = 0; j < of.length; j++) found.push(of[j] as number);
      }
      found.sort((a, b) => a - b);
      this.starting.set(match, found);
    }
    return found;
  }

  // Indexed loops, not for-of: this runs cold (interpreted) at every commit, where each for-of
  // step allocates, and keyword-dense text has hundreds of matches per fragment.
  scan(text: string, found: OnKeyword): void {
    // A case-sensitive search of the lower-cased text: ~1,000 literal alternatives run faster
    // so than as one case-insensitive regex. Offsets hold only if lower-casing keeps the length.
    const lower = text.toLowerCase();
    const same = lower.length === text.length;
    const re = same ? this.regex : (this.folding ??= new RegExp(this.source, 'gi'));
    const subject = same ? lower : text;
    re.lastIndex = 0;
    for (let m = re.exec(subject); m !== null; m = re.exec(subject)) {
      const starting = this.startingWith(m[0]);
      for (let i = 0; i < starting.length; i++) {
        const index = starting[i]!;
        const k = this.keywords[index]!;
        if (k.caseSensitive && !text.startsWith(k.text, m.index)) continue;
        if (found(index, m.index + k.text.length) === true) return;
      }
      re.lastIndex = m.index + 1;
    }
  }
}

/** Lower case for ASCII letters only (toLowerCase would fold İ to i and a Kelvin sign to k). */
function asciiLower(s: string): string {
  return s.replace(/[A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 32));
}
