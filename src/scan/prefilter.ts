import type { Detector } from '../types.js';
import { knownHeadStarts } from '../detectors/regex.js';
import { KeywordAutomaton, KeywordRegex, type Keyword, type KeywordSearch } from './keywords.js';

/**
 * Text is searched with the regex until this many characters have been scanned in the run,
 * then with the automaton. With ~800 keywords the regex runs at ~27 ns a character on real
 * code, the automaton at ~3.6 ns, and the automaton costs ~13 ms to build (the regex ~0.6 ms):
 * past 1 MB the automaton has paid for itself (at 4 MB, a large scan lost ~100 ms per thread),
 * and a typical commit, far below it, never waits for it.
 */
const AUTOMATON_AFTER = 1024 * 1024;

/**
 * Keyword prefilter: a detector runs on a fragment only if one of its keywords occurs in it,
 * and, for a detector with a gate, only if the gate holds at one of those occurrences.
 *
 * One search finds every occurrence of every keyword: a regex alternation for the first few
 * MB of a run (a typical commit), then the automaton (src/scan/keywords.ts). Each is built on
 * first use.
 */
export class Prefilter {
  private readonly always: Detector[];
  private readonly order: Map<Detector, number>;
  private readonly keywords: Keyword[] = [];
  /** Detectors by keyword index. */
  private readonly owners: Detector[][] = [];
  /** The detectors' head sets (Detector.heads), and by keyword index which of them it is a head of. */
  private readonly heads: RegExp[] = [];
  private readonly headOf: (number[] | undefined)[] = [];
  private scanned = 0;
  /** By keyword index, during a search: 1 once every detector owning it is selected. */
  private settled = new Uint8Array(0);
  private small: Searcher | undefined;
  private big: (Searcher & { unfoldable: number[] }) | undefined;

  constructor(
    private readonly detectors: readonly Detector[],
    /** When to switch to the automaton (tests take either search from the start). */
    private readonly automatonAfter = AUTOMATON_AFTER,
  ) {
    this.always = detectors.filter((d) => d.keywords.length === 0);
    this.order = new Map(detectors.map((d, i) => [d, i]));
    const index = new Map<string, number>();
    const keyword = (text: string, caseSensitive: boolean): number => {
      const key = `${caseSensitive ? 's' : 'i'}${text}`;
      let i = index.get(key);
      if (i === undefined) {
        i = this.keywords.push({ text, caseSensitive }) - 1;
        index.set(key, i);
        this.owners.push([]);
        this.headOf.push(undefined);
      }
      return i;
    };
    for (const d of detectors) {
      const caseSensitive = d.keywordsCaseSensitive === true;
      for (const k of d.keywords) {
        const i = keyword(caseSensitive ? k : k.toLowerCase(), caseSensitive);
        if (!this.owners[i]!.includes(d)) this.owners[i]!.push(d);
      }
    }
    // Where the heads of detectors that ask for them occur: found in the same search.
    for (const heads of new Set(detectors.flatMap((d) => (d.heads !== undefined ? [d.heads] : [])))) {
      const words = heads.source.split('|');
      if (!words.every((w) => /^[a-z0-9_]+$/.test(w))) continue; // not plain literals: the detector searches itself
      const h = this.heads.push(heads) - 1;
      for (const w of words) {
        const i = keyword(w, false);
        this.headOf[i] = [...(this.headOf[i] ?? []), h];
      }
    }
  }

  select(text: string): Detector[] {
    const hit = new Set<Detector>(this.always);
    this.scanned += text.length;
    const starts = this.heads.map((): number[] => []);
    if (this.scanned <= this.automatonAfter) {
      this.small ??= this.searcher(
        this.keywords.map((_, i) => i),
        (keywords) => new KeywordRegex(keywords),
      );
      this.search(this.small, text, hit, starts);
    } else {
      const big = (this.big ??= this.buildBig());
      const lower = big.unfoldable.length > 0 ? text.toLowerCase() : '';
      for (const i of big.unfoldable) {
        const k = this.keywords[i]!;
        if ((k.caseSensitive ? text : lower).includes(k.text)) for (const d of this.owners[i]!) hit.add(d);
      }
      this.search(big, text, hit, starts);
    }
    this.heads.forEach((heads, h) => knownHeadStarts(text, heads, ascendingOnce(starts[h]!)));
    // In the detectors' order (the reporting order); a fragment selects a few of hundreds.
    return hit.size === 0 ? [] : [...hit].sort((a, b) => (this.order.get(a) as number) - (this.order.get(b) as number));
  }

  private search({ search, owners, headOf, lengths }: Searcher, text: string, hit: Set<Detector>, starts: number[][]): void {
    let missing = this.detectors.length - hit.size;
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
        const d = of[i]!;
        if (hit.has(d)) continue;
        if (d.gate !== undefined && !d.gate(text, end)) {
          open = true;
          continue;
        }
        hit.add(d);
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
    return {
      search: build(picked.map((i) => this.keywords[i]!)),
      owners: picked.map((i) => this.owners[i]!),
      headOf: picked.map((i) => this.headOf[i]),
      lengths: picked.map((i) => this.keywords[i]!.text.length),
    };
  }

  /** The automaton takes ASCII keywords; a custom rule's others are searched one by one. */
  private buildBig(): Searcher & { unfoldable: number[] } {
    const ascii: number[] = [];
    const unfoldable: number[] = [];
    this.keywords.forEach((k, i) => (/^[\x00-\x7f]*$/.test(k.text) ? ascii : unfoldable).push(i));
    return { ...this.searcher(ascii, (keywords) => new KeywordAutomaton(keywords)), unfoldable };
  }
}

/** One keyword search and, by its keyword index, each keyword's owners, head sets and length. */
interface Searcher {
  search: KeywordSearch;
  owners: Detector[][];
  headOf: (number[] | undefined)[];
  lengths: number[];
}

/** Sorted, each once (keywords of different lengths are reported in order of their ends). */
function ascendingOnce(xs: number[]): number[] {
  xs.sort((a, b) => a - b);
  let n = 0;
  for (let i = 0; i < xs.length; i++) if (i === 0 || xs[i] !== xs[i - 1]) xs[n++] = xs[i]!;
  xs.length = n;
  return xs;
}
