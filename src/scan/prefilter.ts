import type { Detector } from '../types.js';

/**
 * Keyword prefilter: one lower-casing of the fragment, then a substring search per distinct
 * keyword; a detector's regexes run only on fragments holding one of its keywords.
 */
export class Prefilter {
  private readonly keywords: string[];
  private readonly byKeyword = new Map<string, Detector[]>();

  constructor(private readonly detectors: readonly Detector[]) {
    for (const d of detectors) {
      for (const k of d.keywords) {
        const key = k.toLowerCase();
        const list = this.byKeyword.get(key) ?? [];
        list.push(d);
        this.byKeyword.set(key, list);
      }
    }
    this.keywords = [...this.byKeyword.keys()];
  }

  select(text: string): Detector[] {
    const lower = text.toLowerCase();
    const hit = new Set<Detector>();
    for (const k of this.keywords) {
      if (lower.includes(k)) for (const d of this.byKeyword.get(k) ?? []) hit.add(d);
    }
    return this.detectors.filter((d) => hit.has(d));
  }
}
