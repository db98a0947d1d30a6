import { describe, expect, it } from 'vitest';
import { randomChance, readsAsText, TEXT_TAIL } from '../../src/detectors/randomness.js';
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
