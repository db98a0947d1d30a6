import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../../src/detectors/index.js';
import type { Detector } from '../../src/types.js';

/**
 * Issue 13's precision rule for every rule at once: a token of a rule's own format filled with
 * a placeholder (`sqp_xxxx…`, `AKIA0000…`: documentation's way of writing one) is no finding.
 * Each positive's secret keeps its prefix (up to its first _ - . or :) and has the rest of its
 * letters and digits replaced, by x and by 0.
 */
function placeholders(secret: string): string[] {
  const cut = secret.search(/[_\-.:]/);
  const keep = cut > 0 && cut <= 12 ? cut + 1 : Math.min(4, Math.floor(secret.length / 4));
  const head = secret.slice(0, keep);
  const body = secret.slice(keep);
  return [head + body.replace(/[A-Za-z0-9]/g, 'x'), head + body.replace(/[A-Za-z0-9]/g, '0')];
}

const found = (d: Detector, text: string) => d.detect({ path: 'example.env', startLine: 1, startColumn: 0, text });

describe('no rule finds a placeholder in its own format', () => {
  it.each(DETECTORS.map((d) => [d.id, d] as const))('%s', (_id, d) => {
    for (const text of d.examples.positives) {
      for (const c of found(d, text)) {
        for (const p of placeholders(c.secret)) {
          const planted = text.slice(0, c.start) + p + text.slice(c.end);
          expect(found(d, planted), `${d.id}: ${planted}`).toEqual([]);
        }
      }
    }
  });
});
