import type { Detector } from '../types.js';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Keywords common in ordinary code. Iterating every occurrence of them in one combined regex
 * is what made the prefilter slow on real code; a detector with one of them gets a test of
 * its own that stops at the first occurrence.
 */
const COMMON = new Set(['secret', 'token', 'password', 'passwd', 'pwd', '://', '_auth', '_authtoken', '_password', 'key-', 'api_key', 'apikey', 'api-key', 'access_key', 'accesskey', 'auth_key', 'private_key', 'private key']);

/**
 * Keyword prefilter: one pass of a single case-insensitive alternation of every detector's
 * keywords over the fragment (irregexp compiles it to native code), collecting which keywords
 * occur; a detector's regexes run only where one of its keywords does. A keyword already seen
 * is skipped past cheaply, so text full of a common keyword ("secret") costs little more.
 */
export class Prefilter {
  private readonly passes: { re: RegExp; byKeyword: Map<string, Detector[]>; fold: boolean }[] = [];
  private readonly always: Detector[];
  /** Detectors with a keyword that is everywhere in code: each tested on its own, stopping at the first hit. */
  private readonly tests: { detector: Detector; re: RegExp }[] = [];

  constructor(private readonly detectors: readonly Detector[]) {
    this.always = detectors.filter((d) => d.keywords.length === 0);
    const common = (d: Detector) => d.keywords.some((k) => COMMON.has(k.toLowerCase()));
    for (const d of detectors.filter(common)) {
      const keys = [...d.keywords].sort((a, b) => b.length - a.length).map(escape);
      this.tests.push({ detector: d, re: new RegExp(keys.join('|'), d.keywordsCaseSensitive ? '' : 'i') });
    }
    for (const fold of [true, false]) {
      const byKeyword = new Map<string, Detector[]>();
      for (const d of detectors) {
        if (common(d) || (d.keywordsCaseSensitive === true) === fold) continue;
        for (const k of d.keywords) {
          const key = fold ? k.toLowerCase() : k;
          byKeyword.set(key, [...(byKeyword.get(key) ?? []), d]);
        }
      }
      // Longest first, so that a keyword containing another is the one reported.
      const keys = [...byKeyword.keys()].sort((a, b) => b.length - a.length);
      if (keys.length > 0) this.passes.push({ re: new RegExp(keys.map(escape).join('|'), fold ? 'gi' : 'g'), byKeyword, fold });
    }
  }

  select(text: string): Detector[] {
    const hit = new Set<Detector>(this.always);
    for (const { detector, re } of this.tests) if (re.test(text)) hit.add(detector);
    for (const { re, byKeyword, fold } of this.passes) {
      const seen = new Set<string>();
      re.lastIndex = 0;
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        const key = fold ? m[0].toLowerCase() : m[0];
        if (seen.has(key)) continue;
        seen.add(key);
        for (const d of byKeyword.get(key) ?? []) hit.add(d);
        if (seen.size === byKeyword.size) break;
      }
    }
    return this.detectors.filter((d) => hit.has(d));
  }
}
