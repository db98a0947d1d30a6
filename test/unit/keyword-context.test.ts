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

describe('a context rule with a gate (the name as a word)', () => {
  const ably = DETECTORS.find((d) => d.id === 'ably-api-key') as Detector;
  const key = ably.examples.positives[0]!.split('=')[1]!;
  const at = (text: string) => ably.detect({ path: 'x.js', startLine: 1, startColumn: 0, text }).length;

  it('finds the key where its name is a word or a camelCase part, not inside another word', () => {
    expect(at(`const client = new Ably.Realtime({ key: '${key}' });\n`)).toBe(1);
    expect(at(`const myAblyKey = '${key}';\n`)).toBe(1);
    expect(at(`// probably the cache key\nconst k = '${key}';\n`)).toBe(0);
  });

  it('still finds it after letters whose lower case is longer (U+0130), which shift offsets in the lower-cased text', () => {
    expect(at(`// \u0130stanbul office\nconst client = new Ably.Realtime({ key: '${key}' });\n`)).toBe(1);
    expect(at(`// \u0130stanbul, probably\nconst k = '${key}';\n`)).toBe(0);
  });
});
