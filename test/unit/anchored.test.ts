import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../../src/detectors/index.js';
import { anchoredHits, headStarts, regexHits, stickyOf } from '../../src/detectors/regex.js';
import { SECRET_WORD_HEADS } from '../../src/detectors/regex-parts.js';
import { testSeed } from '../helpers/seed.js';

/**
 * The generic rule's shapes that start at a secret word are tried only where one starts
 * (anchoredHits). That is only right if every match of theirs starts at one of the heads: this
 * checks it from each pattern's own source, and compares both searches on generated text.
 */
const HEADS = SECRET_WORD_HEADS.source.split('|');
const anchored = DETECTORS.filter((d) => d.id === 'generic-secret')
  .flatMap((d) => d.patterns?.() ?? [])
  .filter((re) => re.source.startsWith('(?:password'));

/** A seeded draw of 0..n-1 (a linear congruential generator: the run's seed gives the same texts). */
function seeded(start: number): (n: number) => number {
  let seed = start;
  return (n) => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed % n;
  };
}

/** The branches of the alternation a pattern starts with. */
function leadingBranches(source: string): string[] {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return source.slice(3, i).split('|');
  }
  throw new Error(`no leading group in ${source}`);
}

describe('anchored search (generic-secret shapes that start at a secret word)', () => {
  it('covers the six shapes (assignment, pair, || default, #define, setter, Gradle call), and every branch each starts with begins with a head', () => {
    expect(anchored.length).toBe(6);
    for (const re of anchored) {
      for (const branch of leadingBranches(re.source)) {
        const literal = /^[a-z_-]+/.exec(branch)?.[0] ?? '';
        expect(
          HEADS.some((h) => literal.startsWith(h)),
          `${branch} in ${re.source.slice(0, 60)}`,
        ).toBe(true);
      }
    }
  });

  it('finds exactly what a whole search finds, on generated text (seeded)', () => {
    const rand = seeded(testSeed());
    const pieces = [
      'password',
      'PASSWD',
      'Pwd',
      'passphrase',
      'secret',
      'client_secret',
      'clientSecret',
      'token',
      'TOKEN',
      'credential',
      'api_key',
      'API-KEY',
      'BRANDFETCH_KEY',
      'bitbucket-key',
      'apikey',
      'access_key',
      'AccessKey',
      'auth_key',
      'private_key',
      'passsecret',
      'tokentoken',
      'db_',
      '_v2',
      '.',
      '-',
      ' ',
      '\t',
      '\n',
      '"',
      "'",
      '`',
      ']',
      ')',
      '=',
      ':',
      ': string ',
      '=>',
      ':=',
      ',',
      ' || ',
      ' ?? ',
      ' or ',
      'Zq8xW3mK9pL2vN7r',
      'aB3dE5gH7jK9mN1p',
      '${X}',
      'İ',
      'é',
      'K',
    ];
    let compared = 0;
    for (let t = 0; t < 3000; t++) {
      let text = '';
      const n = 5 + rand(60);
      for (let i = 0; i < n; i++) text += pieces[rand(pieces.length)];
      for (const re of anchored) {
        const whole = [...regexHits(re, text)].map((h) => `${h.match.index}:${h.start}:${h.end}`);
        const fast = [...anchoredHits(re, stickyOf(re), text, headStarts(text, SECRET_WORD_HEADS))].map((h) => `${h.match.index}:${h.start}:${h.end}`);
        expect(fast, JSON.stringify(text)).toEqual(whole);
        compared += whole.length;
      }
    }
    // The text must hold matches for the comparison to mean anything.
    expect(compared).toBeGreaterThan(1000);
  });

  it('text whose case folding changes its length is searched whole', () => {
    expect(headStarts('İ token = "x"', SECRET_WORD_HEADS)).toBeUndefined();
    expect(headStarts('a token, a secret', SECRET_WORD_HEADS)).toEqual([2, 11]);
  });
});

describe('head starts recorded by the prefilter', () => {
  it('are the starts the heads search finds, with either keyword search (seeded text)', async () => {
    const { Prefilter } = await import('../../src/scan/prefilter.js');
    const { findHeadStarts, recordedHeadStarts } = await import('../../src/detectors/regex.js');
    const rand = seeded(testSeed() + 1);
    const pieces = [
      'pass',
      'PASSWORD',
      'passwd',
      'pwd',
      'secretsecret',
      'client_secret',
      'tokentoken',
      'Api',
      'api_key',
      '_KEY',
      '-key',
      'ACCESS',
      'auth',
      'oauth',
      'private',
      'credential',
      'x',
      ' ',
      '\n',
      '=',
      '"',
      'é',
      'K',
    ];
    let compared = 0;
    for (const prefilter of [new Prefilter(DETECTORS, Infinity), new Prefilter(DETECTORS, 0)]) {
      for (let t = 0; t < 500; t++) {
        let text = '';
        for (let i = 0, n = 1 + rand(40); i < n; i++) text += pieces[rand(pieces.length)];
        prefilter.select(text);
        const recorded = recordedHeadStarts(text, SECRET_WORD_HEADS);
        const expected = findHeadStarts(text, SECRET_WORD_HEADS);
        if (expected === undefined) continue;
        expect(recorded, JSON.stringify(text)).toEqual(expected);
        compared += expected.length;
      }
    }
    expect(compared).toBeGreaterThan(1000);
  });
});
