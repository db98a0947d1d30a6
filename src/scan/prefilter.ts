import type { Detector } from '../types.js';

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Keyword prefilter: a detector's regexes run only on fragments holding one of its keywords.
 *
 * One pass per case mode of a single alternation of all keywords (irregexp compiles it to
 * native code). Each keyword only needs finding once per fragment, so when one is found the
 * pass goes on with an alternation that leaves the found ones out: text full of a common
 * keyword ("secret", "token", "://") costs one match for it, not thousands. The alternations
 * for the few combinations that occur are compiled once and kept.
 */
export class Prefilter {
  private readonly passes: Pass[] = [];
  private readonly always: Detector[];

  constructor(private readonly detectors: readonly Detector[]) {
    this.always = detectors.filter((d) => d.keywords.length === 0);
    for (const fold of [true, false]) {
      const byKeyword = new Map<string, Detector[]>();
      for (const d of detectors) {
        if ((d.keywordsCaseSensitive === true) === fold) continue;
        for (const k of d.keywords) {
          const key = fold ? k.toLowerCase() : k;
          byKeyword.set(key, [...(byKeyword.get(key) ?? []), d]);
        }
      }
      if (byKeyword.size > 0) this.passes.push(new Pass(byKeyword, fold));
    }
  }

  select(text: string): Detector[] {
    const hit = new Set<Detector>(this.always);
    for (const pass of this.passes) pass.run(text, hit);
    return this.detectors.filter((d) => hit.has(d));
  }
}

/** Fragments up to this size are searched keyword by keyword, without a regex. */
const SMALL = 4 * 1024;
/** Fragments shorter than this are searched with the full alternation only. */
const SHRINK_FROM = 16 * 1024;

class Pass {
  /** Alternations keyed by the found keywords they leave out. */
  private readonly cache = new Map<string, RegExp | null>();
  private readonly keys: string[];

  constructor(
    private readonly byKeyword: Map<string, Detector[]>,
    private readonly fold: boolean,
  ) {
    // Longest first, so that a keyword containing another is the one reported.
    this.keys = [...byKeyword.keys()].sort((a, b) => b.length - a.length);
  }

  private without(found: ReadonlySet<string>): RegExp | null {
    const id = [...found].sort().join('\0');
    let re = this.cache.get(id);
    if (re === undefined) {
      // Bounded: odd text could find many different combinations of keywords.
      if (this.cache.size >= 512) this.cache.clear();
      const rest = this.keys.filter((k) => !found.has(k));
      re = rest.length > 0 ? new RegExp(rest.map(escape).join('|'), this.fold ? 'gi' : 'g') : null;
      this.cache.set(id, re);
    }
    return re;
  }

  run(text: string, hit: Set<Detector>): void {
    if (text.length <= SMALL) {
      // A typical commit: a substring search per keyword costs less than compiling the
      // alternation (a regex of ~130 keywords takes milliseconds to compile, every run).
      const haystack = this.fold ? text.toLowerCase() : text;
      for (const key of this.keys) if (haystack.includes(key)) for (const d of this.byKeyword.get(key) ?? []) hit.add(d);
      return;
    }
    const found = new Set<string>();
    // Leaving found keywords out pays off on big fragments; on small ones (a typical commit)
    // compiling those alternations would cost more than visiting a few repeated matches.
    const shrink = text.length > SHRINK_FROM;
    let re = this.without(found);
    let from = 0;
    while (re !== null) {
      re.lastIndex = from;
      const m = re.exec(text);
      if (m === null) return;
      const key = this.fold ? m[0].toLowerCase() : m[0];
      from = m.index + 1;
      if (found.has(key)) continue;
      found.add(key);
      for (const d of this.byKeyword.get(key) ?? []) hit.add(d);
      if (shrink) re = this.without(found);
    }
  }
}
