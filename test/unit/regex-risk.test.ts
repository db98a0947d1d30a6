import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
import { regexRisk } from '../../src/config/regex-risk.js';
import { boundedMatches } from '../../src/detectors/bounded-regex.js';
import { KeygateError } from '../../src/errors.js';

/**
 * The load-time check of a team's own regexes against recheck, a full ReDoS checker: every
 * pattern recheck finds exponential must be refused; the safe shapes teams write must pass.
 */
const EXPONENTIAL = [
  '(a+)+$',
  '(a*)*b',
  '^(\\w+\\s?)*$',
  '(x+x+)+y',
  '(?:[a-z]+)+@',
  '(a|aa)+$',
  '(\\d|\\w)+!',
  '(.*,)+$',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
  'token=(?<secret>([A-Za-z0-9]+)+)$',
  '(\\s*,?)+$',
];

const SAFE = [
  'acme_[a-z0-9]{32}',
  '(?<secret>ACME[0-9A-F]{28})',
  '([a-z0-9-]+\\.)+[a-z]{2,}',
  '(?:\\.[a-z]+)+',
  'sk_(?:live|test)_[0-9a-zA-Z]{24}',
  '(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==)?',
  'corp-[a-f0-9]{8}-[a-f0-9]{4}',
  '^test_',
  'EXAMPLE$',
  '(?:ab|cd)+',
  'key-(?<secret>[A-Za-z0-9]{20,40})(?![A-Za-z0-9])',
];

describe('regexRisk: the exponential shapes of a user regex', () => {
  it.each(EXPONENTIAL)(
    'recheck finds %s exponential, and so does regexRisk',
    async (source) => {
      const result = await check(source, '', { timeout: 20_000 });
      expect(result.status).toBe('vulnerable');
      expect(result.status === 'vulnerable' ? result.complexity.type : '').toBe('exponential');
      expect(regexRisk(source), source).toBeDefined();
    },
    30_000,
  );

  it.each(SAFE)(
    'recheck finds %s safe or at most polynomial, and regexRisk lets it through',
    async (source) => {
      // Polynomial ones are left to the time bound below: refusing them would refuse most
      // domain and path patterns teams write.
      const result = await check(source, '', { timeout: 20_000 });
      expect(result.status === 'safe' || (result.status === 'vulnerable' && result.complexity.type === 'polynomial'), JSON.stringify(result)).toBe(true);
      expect(regexRisk(source)).toBeUndefined();
    },
    30_000,
  );
});

describe('a user regex runs under a time bound', () => {
  it('a catastrophic one is stopped with a clear error, not a hang', () => {
    // Built so that regexRisk would refuse it at load: here it runs anyway, as if unchecked.
    const re = new RegExp('(?<secret>(a+)+)$', 'dg');
    const started = Date.now();
    let error: unknown;
    try {
      boundedMatches(re, `${'a'.repeat(40)}!`, "rule acme's regex", 200);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KeygateError);
    expect((error as Error).message).toMatch(/rule acme's regex took over 0.2 s/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('finds what the regex finds, with the secret group’s offsets', () => {
    const text = 'a = acme_0123456789abcdef\nb = acme_fedcba9876543210\n';
    const re = /acme_(?<secret>[0-9a-f]{16})/dg;
    expect(boundedMatches(re, text, 'rule')).toEqual([
      [9, 25],
      [35, 51],
    ]);
  });
});
