import { describe, expect, it } from 'vitest';
import { fakeString } from '../../src/detectors/fake.js';
import { isMostlyOneCharacter, isMostlyPlaceholderRun, isPlaceholder, longestRun } from '../../src/detectors/heuristics.js';
import { identifierAround } from '../../src/detectors/names.js';
import { genericSecretPairs, quoteThenComma } from '../../src/detectors/generic-pairs.js';
import { testSeed } from '../helpers/seed.js';

/** The predicates as first written (regexes and Maps of characters), to check the faster forms against. */
const reference = {
  mostlyOne(value: string): boolean {
    const alnum = value.replace(/[^A-Za-z0-9]/g, '');
    if (alnum.length < 12) return false;
    const counts = new Map<string, number>();
    let most = 0;
    for (const ch of alnum) most = Math.max(most, counts.set(ch, (counts.get(ch) ?? 0) + 1).get(ch) as number);
    return most >= alnum.length * 0.7;
  },
  run(value: string, only?: RegExp): number {
    let best = 0;
    let run = 0;
    for (let i = 0; i < value.length; i++) {
      const c = value[i] as string;
      if (only !== undefined && !only.test(c)) {
        run = 0;
        continue;
      }
      run = i > 0 && c === value[i - 1] ? run + 1 : 1;
      if (run > best) best = run;
    }
    return best;
  },
};

describe('placeholder heuristics', () => {
  it('judge as their first, regex-based forms did, on values built of runs of placeholder and other characters', () => {
    const seed = testSeed();
    const pieces = ['x', 'X', '*', '#', '0', '.', 'a', 'A', '7', '_', '-', 'é', '😀'];
    for (let round = 0; round < 600; round++) {
      const draw = fakeString('abcdefghijklm', 4 + (round % 40), seed + round);
      const value = [...draw].map((c, i) => pieces[(c.charCodeAt(0) - 97 + (i % 3 === 0 ? 0 : round)) % pieces.length]!.repeat(1 + (i % 4))).join('');
      const why = `seed ${seed + round}: ${JSON.stringify(value)}`;
      expect(isMostlyOneCharacter(value), why).toBe(reference.mostlyOne(value));
      expect(longestRun(value), why).toBe(reference.run(value));
      const placeholderRun = reference.run(value, /[xX*#0.]/) >= Math.max(6, value.length * 0.4);
      expect(isMostlyPlaceholderRun(value), why).toBe(value.length > 0 && placeholderRun);
      const placeholder =
        (value.length >= 8 && reference.run(value) >= value.length * 0.75) ||
        placeholderRun ||
        /x{4,}|\*{3,}|\.{3,}|your|placeholder|redacted|changeme|dummy/i.test(value);
      expect(isPlaceholder(value), why).toBe(placeholder);
    }
  });

  it('know the placeholders they were written for', () => {
    expect(isMostlyOneCharacter('glpat-0000_0000.00000000')).toBe(true);
    expect(isMostlyOneCharacter('aB3dE5fG7hJ9kL1m')).toBe(false);
    expect(isMostlyPlaceholderRun('sk_live_xxxxxxxxxxxxxxxxxxxxxxxx')).toBe(true);
    expect(isMostlyPlaceholderRun('sk_live_AAAAAAAAAAAAAAAAAAAAAAAA')).toBe(false);
  });
});

describe('identifierAround', () => {
  it('finds the identifier its first, regex-based form found, around every span of random code', () => {
    const first = (text: string, start: number, end: number): string => {
      let from = start;
      while (from > 0 && /[A-Za-z0-9_.\-]/.test(text[from - 1] as string)) from--;
      let to = end;
      while (to < text.length && /[A-Za-z0-9_\-]/.test(text[to] as string)) to++;
      return text.slice(from, to).replace(/^[.\-]+/, '');
    };
    const seed = testSeed();
    const pieces = ['a', 'Z', '9', '_', '-', '.', ' ', '=', '"', '..', '-.', 'é', '😀', '\n', 'DB_PASSWORD'];
    for (let round = 0; round < 300; round++) {
      const draw = fakeString('abcdefghijklmno', 5 + (round % 30), seed + round);
      const text = [...draw].map((c) => pieces[(c.charCodeAt(0) - 97) % pieces.length]).join('');
      for (let start = 0; start <= text.length; start += 1 + (round % 3)) {
        const end = Math.min(text.length, start + (round % 4));
        expect(identifierAround(text, start, end), `seed ${seed + round}: ${JSON.stringify(text)} at ${start}`).toBe(first(text, start, end));
      }
    }
  });
});

describe("the generic pair shape's start test", () => {
  it('keeps every secret word the pair regex matches at, in random code (and drops most others)', () => {
    const pair = genericSecretPairs.patterns!()[0]!;
    const sticky = new RegExp(pair.source, pair.flags.replace('g', '') + 'y');
    const seed = testSeed();
    const pieces = [
      'token',
      'api_key',
      'PASSWORD',
      'private-key',
      'x',
      '_',
      '.',
      ' ',
      '\t',
      '\n',
      '"',
      "'",
      ',',
      ', ',
      ',\n',
      '\u00a0',
      '(',
      'abcdefghij',
      'Zx8kQ2mN5pR7',
      '\u2028',
    ];
    let matched = 0;
    let tried = 0;
    let kept = 0;
    for (let round = 0; round < 400; round++) {
      // A pair (word, name, quote, blanks, comma, blanks, quote, value, quote) with up to three of
      // its parts swapped for random pieces, in random code.
      const draw = fakeString('abcdefghijklmnopqrst', 24, seed + round);
      const pick = (i: number): string => pieces[(draw.charCodeAt(i) - 97) % pieces.length]!;
      const parts = [
        pick(0),
        'token',
        ['', '_v2', 'X'.repeat(35)][round % 3]!,
        '"',
        ['', ' ', '\n', '\t ', '    '][round % 5]!,
        ',',
        ' ',
        "'",
        'Zx8kQ2mN5pR7',
        "'",
        pick(1),
      ];
      for (let k = 0; k < round % 4; k++) parts[1 + ((draw.charCodeAt(2 + k) - 97) % 9)] = pick(6 + k);
      const text = parts.join('');
      const starts: number[] = [];
      for (let m = /token|api|pass|private/gi.exec(text), re = /token|api|pass|private/gi; m !== null; m = re.exec(text)) starts.push(m.index);
      const gated = new Set(quoteThenComma(text, starts));
      for (const at of starts) {
        tried++;
        if (gated.has(at)) kept++;
        sticky.lastIndex = at;
        if (sticky.exec(text) === null) continue;
        matched++;
        expect(gated.has(at), `seed ${seed + round}: ${JSON.stringify(text)} at ${at}`).toBe(true);
      }
    }
    expect(matched).toBeGreaterThan(20);
    expect(kept).toBeLessThan(tried);
  });
});
