import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../../src/detectors/index.js';
import type { Detector } from '../../src/types.js';

/**
 * A rule whose keywords never occur in what its regex matches (Twilio's `SK` + hex, found only
 * where Twilio is named) depends on the keyword for its precision: detect() must hold to it
 * too (Detector.context), not only the prefilter, or any caller that runs the rule directly
 * (a decoded view, a test, a future stage) gets its false positives.
 */
const keywordsIn = (d: Detector, text: string): boolean => {
  const t = d.keywordsCaseSensitive ? text : text.toLowerCase();
  return d.keywords.some((k) => t.includes(d.keywordsCaseSensitive ? k : k.toLowerCase()));
};

function matches(d: Detector): string[] {
  const out: string[] = [];
  for (const p of d.examples.positives) {
    for (const re of d.patterns?.() ?? []) {
      re.lastIndex = 0;
      const m = re.exec(p);
      if (m) out.push(m[0]);
    }
  }
  return out;
}

const contextual = DETECTORS.filter((d) => d.keywords.length > 0 && matches(d).length > 0 && matches(d).every((m) => !keywordsIn(d, m)));

describe('rules whose keywords name the context', () => {
  it('are found from their own examples, and each says so (context)', () => {
    expect(contextual.length).toBeGreaterThan(5);
    expect(contextual.filter((d) => d.context !== true).map((d) => d.id)).toEqual([]);
  });

  it.each(contextual.map((d) => [d.id, d] as const))('%s finds nothing where its keywords are not', (_id, d) => {
    for (const m of matches(d)) {
      expect(d.detect({ path: 'x.env', startLine: 1, startColumn: 0, text: `value = ${m}\n` })).toEqual([]);
    }
  });
});
