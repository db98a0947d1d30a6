import type { Detector } from '../types.js';
import { KeywordAutomaton, type Keyword } from './keywords.js';

/** Fragments up to this size are searched keyword by keyword, without the automaton. */
const SMALL = 4 * 1024;

/**
 * Keyword prefilter: a detector runs on a fragment only if one of its keywords occurs in it
 * (and, for a detector with a gate, only if the gate holds at one of those occurrences).
 *
 * Big fragments go through one automaton pass for all keywords (src/scan/keywords.ts). A
 * typical commit's fragments are small: there a substring search per keyword costs less than
 * building the automaton (a few milliseconds, paid only when a big fragment comes).
 */
export class Prefilter {
  private readonly always: Detector[];
  private readonly keywords: Keyword[] = [];
  /** Detectors by keyword index. */
  private readonly owners: Detector[][] = [];
  private automaton: KeywordAutomaton | undefined;
  /** Detectors by the automaton's keyword index. */
  private readonly automatonOwners: Detector[][] = [];
  /** Keywords the automaton cannot fold (a custom rule's non-ASCII ones): searched one by one. */
  private readonly unfoldable: number[] = [];

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
      // Gates are skipped here: they save time on big text, and a small fragment is cheap anyway.
      this.searchEach(text, this.keywords.keys(), hit);
    } else {
      this.automaton ??= this.buildAutomaton();
      if (this.unfoldable.length > 0) this.searchEach(text, this.unfoldable, hit);
      this.searchAll(this.automaton, text, hit);
    }
    return this.detectors.filter((d) => hit.has(d));
  }

  private searchEach(text: string, indices: Iterable<number>, hit: Set<Detector>): void {
    const lower = text.toLowerCase();
    for (const i of indices) {
      const k = this.keywords[i]!;
      if ((k.caseSensitive ? text : lower).includes(k.text)) for (const d of this.owners[i]!) hit.add(d);
    }
  }

  private searchAll(automaton: KeywordAutomaton, text: string, hit: Set<Detector>): void {
    let missing = this.detectors.length - hit.size;
    const owners = this.automatonOwners;
    automaton.scan(text, (keyword, end) => {
      for (const d of owners[keyword]!) {
        if (hit.has(d) || (d.gate !== undefined && !d.gate(text, end))) continue;
        hit.add(d);
        missing--;
      }
      return missing === 0;
    });
  }

  private buildAutomaton(): KeywordAutomaton {
    const ascii: Keyword[] = [];
    this.keywords.forEach((k, i) => {
      if (/^[\x00-\x7f]*$/.test(k.text)) {
        ascii.push(k);
        this.automatonOwners.push(this.owners[i]!);
      } else {
        this.unfoldable.push(i);
      }
    });
    return new KeywordAutomaton(ascii);
  }
}
