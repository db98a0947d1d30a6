import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../../src/detectors/index.js';
import { Scanner } from '../../src/scan/scanner.js';
import type { Fragment } from '../../src/types.js';

/**
 * Safety of the rules themselves: a regex that backtracks catastrophically would hang every
 * commit. Each pattern goes through recheck's static analysis (redos-static.ts, in shards that
 * run side by side); every detector then runs on adversarial text built from its own keywords,
 * and the whole scanner on a 4 MB single line.
 */

function fragment(text: string): Fragment {
  return { path: 'fuzz.txt', startLine: 1, startColumn: 0, text };
}

/** Text built to make a rule's regex work hard: its keywords glued to long runs of its alphabet. */
function adversarial(keyword: string, size: number): string[] {
  const runs = ['a', 'A1', 'x-', '0', '=', ':', '/', '.', '_', ' a', 'eyJ', 'ghs_1_', 'T3BlbkFJ'];
  return runs.map((r) => {
    const unit = keyword + r.repeat(40) + '=';
    return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  });
}

describe('ReDoS: adversarial text', () => {
  it.each(DETECTORS.map((d) => [d.id, d] as const))(
    '%s stays linear on 256 KB built from its keywords',
    (_id, d) => {
      for (const keyword of d.keywords.length > 0 ? d.keywords : ['x']) {
        for (const text of adversarial(keyword, 256 * 1024)) {
          const t0 = performance.now();
          d.detect(fragment(text));
          // A linear scan of 256 KB takes about a millisecond; a quadratic one, minutes.
          expect(performance.now() - t0, `${d.id} on ${JSON.stringify(text.slice(0, 40))}`).toBeLessThan(2_000);
        }
      }
    },
    120_000,
  );

  // Validators and heuristics run on what a regex captured: hostile values of the longest
  // length the rules take, assigned in the usual syntaxes (an exponential check on 95
  // characters would never return).
  it.each(DETECTORS.map((d) => [d.id, d] as const))(
    '%s judges hostile values in bounded time',
    (_id, d) => {
      // Letter runs that pass the entropy and placeholder checks, so that the validators see them.
      const letters = 'qwErtYuiOpasDfgHjkLzxCvbNmQWeRTyUIoPASdFGhJKlZXcVBnM'.repeat(2);
      const shapes = [
        '1' + letters.slice(0, 92) + '!',
        '1' + letters.slice(0, 92).replace(/(.{7})/g, '$1.'),
        'a1'.repeat(47),
        '1' + '.a'.repeat(46),
        'v1' + '-rc'.repeat(31),
        'A'.repeat(60) + '==',
        'a.'.repeat(47),
      ];
      for (const keyword of d.keywords.length > 0 ? d.keywords : ['x']) {
        const text = shapes.flatMap((v) => [`${keyword} = "${v}"`, `${keyword}: ${v}`, `${keyword}=${v}&a=b`, `//h/:_${keyword}=${v}`]).join('\n');
        const t0 = performance.now();
        d.detect(fragment(text));
        expect(performance.now() - t0, `${d.id} with ${keyword}`).toBeLessThan(2_000);
      }
    },
    120_000,
  );

  it('scans a 4 MB single line of mixed keywords with every rule on, in time linear in its length', async () => {
    const keywords = DETECTORS.flatMap((d) => d.keywords);
    let line = '';
    for (let i = 0; line.length < 4 * 1024 * 1024; i++) line += `${keywords[i % keywords.length]}${'aZ09+/=_-.:'.repeat(3)} `;
    const scanner = new Scanner(DETECTORS);
    const timed = (length: number, slice: number): number => {
      const t0 = performance.now();
      for (let at = 0; at < length; at += slice) scanner.scan({ ...fragment(line.slice(at, at + slice + 4096)), startColumn: at });
      return performance.now() - t0;
    };
    timed(256 * 1024, 64 * 1024); // every rule compiled and warm
    // The first 512 KiB in slices of 128 KiB, then the whole line as the scanner gets a huge
    // one (1 MiB slices): 8 times the text in slices 8 times as long. Linear, that takes 8 to
    // 16 times as long (11 measured); a rule whose time grows with the square of its input,
    // ~64 times. A ratio, not a deadline: a slow or busy machine slows both alike (a fixed 30 s
    // for 10 MB once failed at 37 s under coverage on a slow machine, with nothing wrong).
    const small = timed(512 * 1024, 128 * 1024);
    const whole = timed(line.length, 1 << 20);
    await scanner.result({ defaults: true, allow: [], rules: [] });
    expect(whole / small, `512 KiB in ${small.toFixed(0)} ms, 4 MiB in ${whole.toFixed(0)} ms`).toBeLessThan(32);
  }, 240_000);
});
