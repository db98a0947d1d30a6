import type { Detector } from '../types.js';
import { knownHeadStarts } from '../detectors/regex.js';
import { type AutomatonTable, KeywordAutomaton, KeywordRegex, type Keyword, type KeywordSearch } from './keywords.js';

/**
 * Text is searched with the regex until this many characters have been scanned in the run,
 * then with the automaton. With ~800 keywords the regex runs at ~27 ns a character on real
 * code, the automaton at ~3.6 ns, and the automaton costs ~13 ms to build (the regex ~0.6 ms):
 * past 1 MB the automaton has paid for itself (at 4 MB, a large scan lost ~100 ms per thread),
 * and a typical commit, far below it, never waits for it. With the built-in rules' automaton
 * prebuilt (src/scan/prebuilt.ts) there is nothing to build, and it serves from the start.
 */
const AUTOMATON_AFTER = 1024 * 1024;

/**
 * Every keyword of a list of detectors, each once, and which detectors (by their index in the
 * list) it selects; and the detectors' head sets (Detector.heads: plain words the prefilter
 * finds in the same search, for the detector to start its matches at).
 */
export interface KeywordIndex {
  keywords: Keyword[];
  /** By keyword index, the detectors it selects. */
  owners: number[][];
  /** By head set, the first detector whose Detector.heads it is. */
  headSets: number[];
  /** By keyword index, the head sets it is a word of. */
  headOf: (number[] | undefined)[];
}

export function keywordIndex(detectors: readonly Detector[]): KeywordIndex {
  const out: KeywordIndex = { keywords: [], owners: [], headSets: [], headOf: [] };
  const index = new Map<string, number>();
  const keyword = (text: string, caseSensitive: boolean): number => {
    const key = `${caseSensitive ? 's' : 'i'}${text}`;
    let i = index.get(key);
    if (i === undefined) {
      i = out.keywords.push({ text, caseSensitive }) - 1;
      index.set(key, i);
      out.owners.push([]);
      out.headOf.push(undefined);
    }
    return i;
  };
  detectors.forEach((d, at) => {
    const caseSensitive = d.keywordsCaseSensitive === true;
    for (const k of d.keywords) {
      const i = keyword(caseSensitive ? k : k.toLowerCase(), caseSensitive);
      if (!out.owners[i]!.includes(at)) out.owners[i]!.push(at);
    }
  });
  const seen = new Set<RegExp>();
  detectors.forEach((d, at) => {
    if (d.heads === undefined || seen.has(d.heads)) return;
    seen.add(d.heads);
    const words = d.heads.source.split('|');
    if (!words.every((w) => /^[a-z0-9_-]+$/.test(w))) return; // not plain literals: the detector searches itself
    const h = out.headSets.push(at) - 1;
    for (const w of words) {
      const i = keyword(w, false);
      out.headOf[i] = [...(out.headOf[i] ?? []), h];
    }
  });
  return out;
}

/** A keyword index made ahead of time for a list of detectors, with its automaton. */
export interface PrebuiltIndex extends KeywordIndex {
  /** The detectors' ids, in order: the index is for a list with exactly these. */
  ids: readonly string[];
  automaton: AutomatonTable;
}

/**
 * Keyword prefilter: a detector runs on a fragment only if one of its keywords occurs in it,
 * and, for a detector with a gate, only if the gate holds at one of those occurrences.
 *
 * One search finds every occurrence of every keyword: the automaton (src/scan/keywords.ts),
 * prebuilt for the built-in rules; else, when it must be built here (a team's own rules), a
 * regex alternation for the first MB of a run (a typical commit), then the automaton, each
 * built on first use.
 */
export class Prefilter {
  private readonly always: number[] = [];
  private readonly index: KeywordIndex;
  /** The detectors' head sets (Detector.heads), by head set. */
  private readonly heads: RegExp[];
  private scanned = 0;
  /** By keyword index, during a search: 1 once every detector owning it is selected. */
  private settled = new Uint8Array(0);
  /** By detector, during a selection: 1 once selected. */
  private readonly picked: Uint8Array;
  private small: Searcher | undefined;
  private big: (Searcher & { unfoldable: number[] }) | undefined;
  private readonly prebuilt: AutomatonTable | undefined;

  constructor(
    private readonly detectors: readonly Detector[],
    /** When to switch to the automaton (tests take either search from the start). */
    private readonly automatonAfter = AUTOMATON_AFTER,
    /** Used when made for exactly these detectors (same ids, same order); else the index is made here. */
    prebuilt?: PrebuiltIndex,
  ) {
    const fits = prebuilt !== undefined && prebuilt.ids.length === detectors.length && detectors.every((d, i) => d.id === prebuilt.ids[i]);
    this.index = fits ? prebuilt : keywordIndex(detectors);
    this.prebuilt = fits ? prebuilt.automaton : undefined;
    this.heads = this.index.headSets.map((at) => detectors[at]!.heads!);
    this.picked = new Uint8Array(detectors.length);
    detectors.forEach((d, i) => d.keywords.length === 0 && this.always.push(i));
  }

  select(original: string): Detector[] {
    // U+212A (KELVIN SIGN) is the one character not ASCII whose lower case is an ASCII letter
    // ("k"), and the context rules' own checks lower-case the text: searched as written, a
    // provider name spelt with it ("\u212Alaviyo") selected no rule, while the rule would have
    // read it as its name. Replaced, the text keeps its length and every offset.
    const text = original.includes('\u212A') ? original.replaceAll('\u212A', 'k') : original;
    const picked = this.picked.fill(0);
    const hit = [...this.always];
    for (const i of hit) picked[i] = 1;
    this.scanned += text.length;
    const starts = this.heads.map((): number[] => []);
    if (this.prebuilt === undefined && this.scanned <= this.automatonAfter) {
      const all = this.index.keywords.map((_, i) => i);
      this.small ??= this.searcher(all, (keywords) => new KeywordRegex(keywords));
      this.search(this.small, text, hit, starts);
    } else {
      const big = (this.big ??= this.buildBig());
      const lower = big.unfoldable.length > 0 ? text.toLowerCase() : '';
      for (const i of big.unfoldable) {
        const k = this.index.keywords[i]!;
        if ((k.caseSensitive ? text : lower).includes(k.text)) {
          for (const d of this.index.owners[i]!) {
            if (picked[d] === 1) continue;
            picked[d] = 1;
            hit.push(d);
          }
        }
      }
      this.search(big, text, hit, starts);
    }
    // Recorded for the text the detectors are given (they look it up by the text itself).
    this.heads.forEach((heads, h) => knownHeadStarts(original, heads, ascendingOnce(starts[h]!)));
    // In the detectors' order (the reporting order); a fragment selects a few of hundreds.
    return hit.length === 0 ? [] : hit.sort((a, b) => a - b).map((i) => this.detectors[i]!);
  }

  private search({ search, owners, headOf, lengths }: Searcher, text: string, hit: number[], starts: number[][]): void {
    const { detectors, picked } = this;
    let missing = detectors.length - hit.length;
    // With heads to record, the whole text is searched; else it stops once every detector is in.
    const recording = starts.length > 0;
    // Keywords whose detectors are all in already: common ones (token, key, ://) occur
    // thousands of times in a fragment, and only their first occurrences can add a detector.
    const settled = (this.settled = this.settled.length >= owners.length ? this.settled.fill(0) : new Uint8Array(owners.length));
    search.scan(text, (keyword, end) => {
      const hs = headOf[keyword];
      if (hs !== undefined) for (let j = 0; j < hs.length; j++) starts[hs[j]!]!.push(end - lengths[keyword]!);
      if (settled[keyword] === 1) return false;
      const of = owners[keyword]!;
      let open = false;
      for (let i = 0; i < of.length; i++) {
        const at = of[i]!;
        if (picked[at] === 1) continue;
        const gate = detectors[at]!.gate;
        if (gate !== undefined && !gate(text, end)) {
          open = true;
          continue;
        }
        picked[at] = 1;
        hit.push(at);
        missing--;
      }
      if (!open) settled[keyword] = 1;
      return missing === 0 && !recording;
    });
  }

  /**
   * A search over some of the keywords (by their index here), with what the callback needs by
   * the search's own index: the keywords' owners, the head sets each is in, and its length.
   */
  private searcher(picked: readonly number[], build: (keywords: Keyword[]) => KeywordSearch): Searcher {
    const { keywords, owners, headOf } = this.index;
    return {
      search: build(picked.map((i) => keywords[i]!)),
      owners: picked.map((i) => owners[i]!),
      headOf: picked.map((i) => headOf[i]),
      lengths: picked.map((i) => keywords[i]!.text.length),
    };
  }

  /** The automaton takes ASCII keywords; a custom rule's others are searched one by one. */
  private buildBig(): Searcher & { unfoldable: number[] } {
    const { keywords, owners, headOf } = this.index;
    if (this.prebuilt !== undefined) {
      // Made for every keyword, in order (the build checks they are all ASCII).
      const search = new KeywordAutomaton(keywords, true, this.prebuilt);
      return { search, owners, headOf, lengths: keywords.map((k) => k.text.length), unfoldable: [] };
    }
    const ascii: number[] = [];
    const unfoldable: number[] = [];
    keywords.forEach((k, i) => (/^[\x00-\x7f]*$/.test(k.text) ? ascii : unfoldable).push(i));
    return { ...this.searcher(ascii, (picked) => new KeywordAutomaton(picked)), unfoldable };
  }
}

/** One keyword search and, by its keyword index, each keyword's owners (detector indices), head sets and length. */
interface Searcher {
  search: KeywordSearch;
  owners: number[][];
  headOf: (number[] | undefined)[];
  lengths: number[];
}

/** Sorted, each once (keywords of different lengths are reported in order of their ends). */
function ascendingOnce(xs: number[]): number[] {
  // Mostly ascending already (one pass to see it), where sorting with a comparator was ~1% of a history scan.
  let sorted = true;
  for (let i = 1; i < xs.length && sorted; i++) sorted = xs[i - 1]! < xs[i]!;
  if (sorted) return xs;
  xs.sort((a, b) => a - b);
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (i === 0 || xs[i] !== xs[i - 1]) xs[n++] = xs[i]!;
  xs.length = n;
  return xs;
}
