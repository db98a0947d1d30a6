import { describe, expect, it } from 'vitest';
import { BARE_SECRET_MIN_ENTROPY, KEY_ID_MIN_ENTROPY, SECRET_MIN_ENTROPY } from '../../src/detectors/aws.js';
import { BASE32, BASE64, charset, shannonEntropy } from '../../src/detectors/entropy.js';
import { fakeString } from '../../src/detectors/fake.js';
import { testSeed } from '../helpers/seed.js';

describe('shannonEntropy', () => {
  it('matches known values', () => {
    expect(shannonEntropy('')).toBe(0);
    expect(shannonEntropy('aaaaaaaa')).toBe(0);
    expect(shannonEntropy('abababab')).toBeCloseTo(1, 10);
    expect(shannonEntropy('abcd')).toBeCloseTo(2, 10);
    expect(shannonEntropy('aab')).toBeCloseTo(0.9182958340544896, 10);
    const all64 = [...BASE64].join('');
    expect(shannonEntropy(all64)).toBeCloseTo(6, 10);
    expect(shannonEntropy('TESTTESTTESTTEST', BASE32)).toBeCloseTo(1.5, 10);
  });

  it('counts only characters of the stated charset', () => {
    expect(shannonEntropy('ab--cd..', charset('abcd'))).toBeCloseTo(2, 10);
    expect(shannonEntropy('----', charset('abcd'))).toBe(0);
  });

  it('counts code points, not UTF-16 halves', () => {
    expect(shannonEntropy('😀😀😀😀')).toBe(0);
  });

  it('gives, to the last bit, what a count of code points in a Map gives: ASCII, other text, charsets, and text after a count it left', () => {
    const reference = (s: string, set?: ReadonlySet<string>): number => {
      const counts = new Map<string, number>();
      let n = 0;
      for (const ch of s) {
        if (set !== undefined && !set.has(ch)) continue;
        counts.set(ch, (counts.get(ch) ?? 0) + 1);
        n++;
      }
      let h = 0;
      for (const c of counts.values()) h -= (c / n) * Math.log2(c / n);
      return n === 0 ? 0 : h;
    };
    const seed = testSeed();
    const B64 = [...BASE64].join('');
    const alphabets = [B64, 'ab', '0123456789abcdef', `${B64}é€😀\u00a0`, ' !"#$%&()*+,-./:;<=>?@[]^_{|}~'];
    const sets = [undefined, BASE64, BASE32, charset('abcdé')];
    for (let round = 0; round < 400; round++) {
      const alphabet = alphabets[round % alphabets.length]!;
      const chars = [...alphabet];
      const draw = fakeString(B64, 1 + (round % 90), seed + round);
      // Letters of the draw pick characters of the alphabet (so non-ASCII ones fall anywhere).
      const s = [...draw].map((c) => chars[B64.indexOf(c) % chars.length]).join('');
      for (const set of sets) expect(shannonEntropy(s, set), `seed ${seed + round}: ${JSON.stringify(s)}`).toBe(reference(s, set));
    }
  });
});

/** The measurement behind the thresholds in src/detectors/aws.ts. */
describe('entropy thresholds', () => {
  // Seeded (fake.ts's generator, one stream cut into draws), so that a run is repeatable: a
  // rare draw must not make the suite flaky. (The thresholds were chosen from 2,000,000
  // crypto-random draws; 5,000,000 more gave no key-ID body under 2.299 bits/char.)
  function draws(alphabet: string, n: number, count: number, seed: number): string[] {
    const stream = fakeString(alphabet, n * count, seed);
    return Array.from({ length: count }, (_, i) => stream.slice(i * n, (i + 1) * n));
  }
  const B32 = [...BASE32].join('');
  const B64 = [...BASE64].join('');

  it('keeps (almost) every random 40-char base64 secret and drops every 40-char hex hash', () => {
    let belowContext = 0;
    let belowBare = 0;
    for (const secret of draws(B64, 40, 20_000, 1)) {
      const h = shannonEntropy(secret, BASE64);
      if (h < SECRET_MIN_ENTROPY) belowContext++;
      if (h < BARE_SECRET_MIN_ENTROPY) belowBare++;
    }
    expect(belowContext).toBe(0);
    expect(belowBare).toBeLessThan(20);
    for (const hash of draws('0123456789abcdef', 40, 2_000, 2)) {
      expect(shannonEntropy(hash, BASE64)).toBeLessThan(SECRET_MIN_ENTROPY);
    }
  });

  it('keeps random key ID bodies and drops repeated ones', () => {
    for (const body of draws(B32, 16, 20_000, 3)) {
      expect(shannonEntropy(body, BASE32)).toBeGreaterThanOrEqual(KEY_ID_MIN_ENTROPY);
    }
    expect(shannonEntropy('TESTTESTTESTTEST', BASE32)).toBeLessThan(KEY_ID_MIN_ENTROPY);
  });
});
