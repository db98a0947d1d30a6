import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../../src/detectors/index.js';

/**
 * recheck's static ReDoS analysis of every built-in pattern. Its checker handles one pattern at
 * a time per process, so the patterns are split into shards, one test file each: vitest runs
 * the files in workers side by side, one checker each.
 */
// recheck calls these polynomial because of large bounded repetitions ({1,2048}, {60},
// {8,100}); their matches start only after a token boundary or a keyword, and the fuzz runs
// below bound their time on text built to exploit them.
const BOUNDED = new Set(['github-token', 'openai-api-key', 'heroku-api-key', 'generic-secret']);

/**
 * recheck's automaton checker decides ambiguity on the pattern's NFA exactly; with its default
 * limits (30 repeats, 35,000 NFA states) nearly every rule's bounded repeats ({40}, {60,100})
 * sent it to the fuzzer instead: 427 of 439 patterns, ~570 s. With room to expand them it
 * proves each pattern it supports in milliseconds (look-arounds it does not: those are fuzzed,
 * as before).
 */
const EXACT = { maxRepeatCount: 10_000, maxNFASize: 1_000_000, maxPatternSize: 100_000 } as const;

export const PATTERNS = DETECTORS.flatMap((d) => (d.patterns?.() ?? []).map((re) => [d.id, re] as const));

export function staticShard(shard: number, shards: number): void {
  describe(`ReDoS: static check (recheck), shard ${shard + 1} of ${shards}`, () => {
    it('the shards together cover every detector', () => {
      expect(new Set(PATTERNS.map(([id]) => id))).toEqual(new Set(DETECTORS.map((d) => d.id)));
    });

    it.each(PATTERNS.filter((_, i) => i % shards === shard).map(([id, re]) => [id, re.source, re] as const))(
      '%s is safe: %s',
      async (id, _source, re) => {
        const flags = re.flags.replace(/[dg]/g, '');
        // The exact check first; where it cannot decide (a look-around, or an NFA too large to
        // finish in 10 s), recheck's default: the fuzzer, within its time limits.
        let result = await check(re.source, flags, { timeout: 10_000, ...EXACT });
        const fuzz = (timeout: number) => check(re.source, flags, { timeout });
        if (result.status === 'unknown') result = await fuzz(20_000);
        // The fuzzer is seeded, so the same on a quiet machine: on a busy one a CI run saw a
        // bounded pattern called vulnerable that is safe on a rerun. A fuzzer's verdict other
        // than safe is checked once more, with three times the time (a slow machine ran out of
        // the 20 s and of the test's 30 s); a real one repeats.
        if (result.status !== 'safe' && (result.checker === 'fuzz' || (result.status === 'unknown' && result.error.kind === 'timeout')))
          result = await fuzz(60_000);
        if (BOUNDED.has(id)) expect(result.status).not.toBe('unknown');
        else expect(result.status, JSON.stringify(result)).toBe('safe');
      },
      120_000,
    );
  });
}

/** The check itself, once: as configured here, recheck still calls vulnerable patterns vulnerable. */
export function staticControl(): void {
  it('as configured here, recheck calls known-vulnerable patterns vulnerable (exponential and polynomial)', async () => {
    for (const source of ['^(a|a)*$', '^(\\w+\\s?)*$', '^[0-9a-z]{8,64}\\s*[0-9a-z]*\\s*=$']) {
      const result = await check(source, '', { timeout: 10_000, ...EXACT });
      expect(result.status, source).toBe('vulnerable');
    }
  });
}
