import type { Detector } from '../types.js';
import { KeywordAutomaton, KeywordRegex, type Keyword, type KeywordSearch } from './keywords.js';

/** Up to this size a fragment is searched with the regex, above it with the automaton. */
const SMALL = 4 * 1024;

/**
 * Keyword prefilter: a detector runs on a fragment only if one of its keywords occurs in it,
 * and, for a detector with a gate, only if the gate holds at one of those occurrences.
 *
 * One search finds every occurrence of every keyword. Big fragments go through the automaton
 * (src/scan/keywords.ts), small ones — a typical commit — through a regex alternation, which is
 * slower per byte but ready in ~1 ms where the automaton takes several to build. Each is built
 * on first use.
 */
export class Prefilter {
  private readonly always: Detector[];
  private readonly keywords: Keyword[] = [];
  /** Detectors by keyword index. */
  private readonly owners: Detector[][] = [];
  private small: KeywordRegex | undefined;
  private big: { search: KeywordAutomaton; owners: Detector[][]; unfoldable: number[] } | undefined;

  constructor(private readonly detectors: readonly Detector[]) {
    this.always = detectors.filter((d) => d.keywords.length === 0);
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
    if (text.length <= SMALL) {
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
    return this.detectors.filter((d) => hit.has(d));
  }

  private search(search: KeywordSearch, owners: Detector[][], text: string, hit: Set<Detector>): void {
    let missing = this.detectors.length - hit.size;
    search.scan(text, (keyword, end) => {
      for (const d of owners[keyword]!) {
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
