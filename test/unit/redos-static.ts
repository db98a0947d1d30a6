import { check, type Diagnostics } from 'recheck';
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
 * sent it to the fuzzer instead: 427 of 439 patterns, ~570 s. With room to unroll them it
 * decides each pattern it supports in milliseconds. Unrolled, a bounded repeat is no loop, so
 * the exact check answers for unbounded input only: a repeated group of bounded repeats
 * ((?:\w{1,64}\s{0,3}){1,20}=, 8.6 s in V8 on 26 characters) is "safe" to it. Such patterns
 * (nestedRepeat), and those it does not support (look-arounds), go to the fuzzer, as all did
 * before. Two bounded repeats side by side ([a-z0-9]{1,500}[a-z0-9]{1,500}x) are caught by
 * neither: the hostile-text runs in redos.test.ts are their guard.
 */
const EXACT = { maxRepeatCount: 10_000, maxNFASize: 1_000_000, maxPatternSize: 100_000 } as const;

/** A quantifier's upper bound, if `text` starts with one: *, +, {n}, {n,}, {n,m}. */
function upperBound(text: string): number | undefined {
  const m = /^(?:[*+]|\{(\d+)(?:(,)(\d*))?\})/.exec(text);
  if (m === null) return undefined;
  if (m[0] === '*' || m[0] === '+') return Infinity;
  if (m[2] === undefined) return Number(m[1]);
  return m[3] === '' ? Infinity : Number(m[3]);
}

/** Whether a group that holds a repeat is itself repeated: (?:\w{1,64}\s?){1,20}. */
export function nestedRepeat(source: string): boolean {
  const opens: { at: number; repeats: boolean }[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      i++;
    } else if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
    } else if (c === '(') {
      opens.push({ at: i, repeats: false });
    } else if (c === ')') {
      const group = opens.pop();
      const outer = upperBound(source.slice(i + 1, i + 16));
      if (group?.repeats === true && outer !== undefined && outer > 1) return true;
      // A group repeated, or holding a repeat, is a repeat inside whatever group holds it.
      if (opens.length > 0 && (group?.repeats === true || (outer ?? 0) > 1)) opens[opens.length - 1]!.repeats = true;
      continue;
    }
    const bound = upperBound(source.slice(i + 1, i + 16));
    if (bound !== undefined && bound > 1 && opens.length > 0) opens[opens.length - 1]!.repeats = true;
  }
  return false;
}

/** recheck's verdict on a pattern: the exact check where it can decide, else the fuzzer. */
export async function staticVerdict(source: string, flags: string): Promise<Diagnostics> {
  if (!nestedRepeat(source)) {
    const exact = await check(source, flags, { timeout: 10_000, ...EXACT });
    if (exact.status !== 'unknown') return exact;
  }
  let result = await check(source, flags, { timeout: 20_000 });
  // The fuzzer is seeded, so the same on a quiet machine: on a busy one a CI run saw a bounded
  // pattern called vulnerable that is safe on a rerun. A fuzzer's verdict other than safe is
  // checked once more, with three times the time (a slow machine ran out of the 20 s and of
  // the test's 30 s); a real one repeats.
  if (result.status !== 'safe' && (result.checker === 'fuzz' || (result.status === 'unknown' && result.error.kind === 'timeout')))
    result = await check(source, flags, { timeout: 60_000 });
  return result;
}

export const PATTERNS = DETECTORS.flatMap((d) => (d.patterns?.() ?? []).map((re) => [d.id, re] as const));

export function staticShard(shard: number, shards: number): void {
  describe(`ReDoS: static check (recheck), shard ${shard + 1} of ${shards}`, () => {
    it('the shards together cover every detector', () => {
      expect(new Set(PATTERNS.map(([id]) => id))).toEqual(new Set(DETECTORS.map((d) => d.id)));
    });

    it.each(PATTERNS.filter((_, i) => i % shards === shard).map(([id, re]) => [id, re.source, re] as const))(
      '%s is safe: %s',
      async (id, _source, re) => {
        const result = await staticVerdict(re.source, re.flags.replace(/[dg]/g, ''));
        if (BOUNDED.has(id)) expect(result.status).not.toBe('unknown');
        else expect(result.status, JSON.stringify(result)).toBe('safe');
      },
      120_000,
    );
  });
}

/** The check itself, once: as configured here, it still calls vulnerable patterns vulnerable. */
export function staticControl(): void {
  it('calls known-vulnerable patterns vulnerable: exponential, polynomial, and a repeated group of bounded repeats', async () => {
    for (const source of ['^(a|a)*$', '^(\\w+\\s?)*$', '^[0-9a-z]{8,64}\\s*[0-9a-z]*\\s*=$', '(?:\\w{1,64}\\s{0,3}){1,20}=']) {
      const result = await staticVerdict(source, '');
      expect(result.status, source).toBe('vulnerable');
    }
  }, 120_000);

  it('tells a repeated group of repeats from repeats side by side', () => {
    expect(nestedRepeat('(?:\\w{1,64}\\s{0,3}){1,20}=')).toBe(true);
    expect(nestedRepeat('(?:(?:ab)+c)*')).toBe(true);
    expect(nestedRepeat('(a+)?b')).toBe(false);
    expect(nestedRepeat('[a-z]{1,500}(?:x|y){3}\\(z+\\){2}')).toBe(false);
    expect(nestedRepeat('(?<![A-Za-z0-9_])(?<secret>ghp_[A-Za-z0-9]{36})')).toBe(false);
  });
}
