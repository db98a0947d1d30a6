import { describe, expect, it } from 'vitest';
import { randomChance, readsAsText, TEXT_TAIL } from '../../src/detectors/randomness.js';
import { interleavedSequenceShare } from '../../src/detectors/heuristics.js';
import { pick } from '../helpers/secrets.js';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const URLSAFE = `${ALNUM}_-`;
const HEX = '0123456789abcdef';
const PASSWORDISH = `${ALNUM}!#%&*^~@$`;

describe('readsAsText: letter pairs tell text from generated values', () => {
  it.each([
    'NonEmptyMaxLength64String',
    'SensitiveString2048',
    'S3StagingLocation',
    'ExpiredTokenException',
    'my-database-password-here',
    'ThisIsNotARealTokenButAVeryLongSentence12',
    'application_configuration_value',
    'DefaultEndpointsProtocol',
  ])('text: %s', (value) => {
    expect(readsAsText(value), `${value}: ${randomChance(value)}`).toBe(true);
  });

  it.each(['fZSC%90y4kq2Lm!', 'ajy#D9DKw8Rz7Pq~', 'Qx7mK2pL9vB4nR8t', 'wJ5vXq8Lz3Ty1Mb', 'Summer2024!Lake'])('not text: %s', (value) => {
    expect(readsAsText(value), `${value}: ${randomChance(value)}`).toBe(false);
  });

  it(`misjudges at most ${TEXT_TAIL * 100}% (+ sampling slack) of 100,000 seeded random values of common alphabets and lengths`, () => {
    // The seed is the suite's (printed at the start of every run).
    let text = 0;
    let n = 0;
    for (const alphabet of [ALNUM, URLSAFE, HEX, PASSWORDISH]) {
      for (const length of [12, 16, 20, 24, 32, 40, 64]) {
        for (let i = 0; i < 3_600; i++, n++) if (readsAsText(pick(alphabet, length))) text++;
      }
    }
    expect(n).toBeGreaterThan(100_000);
    // TEXT_TAIL bounds each value's chance; 5x leaves room for the binomial's discreteness.
    expect(text / n).toBeLessThan(5 * TEXT_TAIL);
  });
});

describe('interleavedSequenceShare: typed placeholders under bare key names', () => {
  it.each(['a1b2c3d4e5f6g7h8i9j0k1l2m3n4o5p6', 'abc123def456ghi789jkl0123456', 'AbC12345Def67890Ghi0', 'A1B2C3D4E5F6G7H8I9J0K1L2M3N4O5P6'])(
    'typed: %s',
    (value) => {
      expect(interleavedSequenceShare(value)).toBeGreaterThanOrEqual(0.75);
    },
  );

  it('reads at most 0.1% of 20,000 seeded random letter-and-digit values of 20-64 characters as typed', () => {
    // The seed is the suite's (printed at the start of every run).
    let typed = 0;
    let n = 0;
    for (const alphabet of [ALNUM, URLSAFE, HEX]) {
      for (const length of [20, 32, 40, 64]) {
        for (let i = 0; i < 1_700; i++, n++) if (interleavedSequenceShare(pick(alphabet, length)) >= 0.75) typed++;
      }
    }
    expect(n).toBeGreaterThan(20_000);
    expect(typed / n).toBeLessThan(0.001);
  });
});
