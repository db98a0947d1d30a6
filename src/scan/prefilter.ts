import type { Detector } from '../types.js';
import { KeywordAutomaton, KeywordRegex, type Keyword, type KeywordSearch } from './keywords.js';

/**
 * Text is searched with the regex until this many characters have been scanned in the run,
 * then with the automaton. The automaton is ~1.5-2x faster per byte but costs ~10 ms to build
 * (the regex ~0.5 ms): it pays for itself after a few MB, so a commit never waits for it.
 */
const AUTOMATON_AFTER = 4 * 1024 * 1024;

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
  private scanned = 0;
  private small: KeywordRegex | undefined;
  private big: { search: KeywordAutomaton; owners: Detector[][]; unfoldable: number[] } | undefined;

  constructor(
    private readonly detectors: readonly Detector[],
    /** When to switch to the automaton (tests take either search from the start). */
    private readonly automatonAfter = AUTOMATON_AFTER,
  ) {
    this.always = detectors.filter((d) => d.keywords.length === 0);
    this.order = new Map(detectors.map((d, i) => [d, i]));
    const index = new Map<string, number>();
    for (const d of detectors) {
      const caseSensitive = d.keywordsCaseSensitive === true;
      for (const k of d.keywords) {
        const text = caseSensitive ? k : k.toLowerCase();
        const key = `${caseSensitive ? 's' : 'i'}${text}`;
        let i = index.get(key);
        if (i === undefined) {
          i = this.keywords.push({ text, caseSensitive }) - 1;
          index.set(key, i);
          this.owners.push([]);
        }
        if (!this.owners[i]!.includes(d)) this.owners[i]!.push(d);
      }
    }
  }

  select(text: string): Detector[] {
    const hit = new Set<Detector>(this.always);
    this.scanned += text.length;
    if (this.scanned <= this.automatonAfter) {
      this.small ??= new KeywordRegex(this.keywords);
      this.search(this.small, this.owners, text, hit);
    } else {
      const big = (this.big ??= this.buildBig());
      const lower = big.unfoldable.length > 0 ? text.toLowerCase() : '';
      for (const i of big.unfoldable) {
        const k = this.keywords[i]!;
        if ((k.caseSensitive ? text : lower).includes(k.text)) for (const d of this.owners[i]!) hit.add(d);
      }
      this.search(big.search, big.owners, text, hit);
    }
    // In the detectors' order (the reporting order); a fragment selects a few of hundreds.
    return hit.size === 0 ? [] : [...hit].sort((a, b) => (this.order.get(a) as number) - (this.order.get(b) as number));
  }

  private search(search: KeywordSearch, owners: Detector[][], text: string, hit: Set<Detector>): void {
    let missing = this.detectors.length - hit.size;
    search.scan(text, (keyword, end) => {
      const of = owners[keyword]!;
      for (let i = 0; i < of.length; i++) {
        const d = of[i]!;
        if (hit.has(d) || (d.gate !== undefined && !d.gate(text, end))) continue;
        hit.add(d);
        missing--;
      }
      return missing === 0;
    });
  }

  /** The automaton takes ASCII keywords; a custom rule's others are searched one by one. */
  private buildBig(): { search: KeywordAutomaton; owners: Detector[][]; unfoldable: number[] } {
    const ascii: Keyword[] = [];
    const owners: Detector[][] = [];
    const unfoldable: number[] = [];
    this.keywords.forEach((k, i) => {
      if (/^[\x00-\x7f]*$/.test(k.text)) {
        ascii.push(k);
        owners.push(this.owners[i]!);
      } else {
        unfoldable.push(i);
      }
    });
    return { search: new KeywordAutomaton(ascii), owners, unfoldable };
  }
}
