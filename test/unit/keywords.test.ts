import { describe, expect, it } from 'vitest';
import { assignmentWithin } from '../../src/detectors/gates.js';
import { genericSecretPairs } from '../../src/detectors/generic-pairs.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { realDetector } from '../../src/detectors/lazy.js';
import { KeywordAutomaton, KeywordRegex, type Keyword, type KeywordSearch } from '../../src/scan/keywords.js';
import { Prefilter } from '../../src/scan/prefilter.js';
import type { Detector } from '../../src/types.js';

/** Every (keyword, end) pair a naive search finds. */
function naive(keywords: readonly Keyword[], text: string): string[] {
  const out: string[] = [];
  const lower = text.toLowerCase();
  keywords.forEach((k, i) => {
    const hay = k.caseSensitive ? text : lower;
    const needle = k.caseSensitive ? k.text : k.text.toLowerCase();
    for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) out.push(`${i}@${at + needle.length}`);
  });
  return out.sort();
}

function via(search: KeywordSearch, text: string): string[] {
  const out: string[] = [];
  search.scan(text, (k, end) => void out.push(`${k}@${end}`));
  return out.sort();
}

const SEARCHES: [string, (keywords: readonly Keyword[]) => KeywordSearch][] = [
  ['KeywordAutomaton', (k) => new KeywordAutomaton(k)],
  ['KeywordAutomaton (JavaScript walk)', (k) => new KeywordAutomaton(k, false)],
  ['KeywordRegex', (k) => new KeywordRegex(k)],
];

let seed = 7;
function rand(n: number): number {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed % n;
}

describe.each(SEARCHES)('%s', (_name, make) => {
  it('finds every occurrence, overlapping and nested ones too', () => {
    const keywords: Keyword[] = ['he', 'she', 'his', 'hers', 'secret', 'secret_key', 'cret'].map((text) => ({ text, caseSensitive: false }));
    const text = 'ushers SECRET_KEY= hishe secretsecret';
    expect(via(make(keywords), text)).toEqual(naive(keywords, text));
    expect(via(make(keywords), text)).toContain('5@17'); // secret_key, upper case in the text
    expect(via(make(keywords), text)).toContain('4@13'); // secret, a prefix of secret_key there
  });

  it('matches case-sensitive keywords only as written', () => {
    const keywords: Keyword[] = [
      { text: 'SG.', caseSensitive: true },
      { text: 'eyJ', caseSensitive: true },
      { text: 'token', caseSensitive: false },
    ];
    expect(via(make(keywords), 'msg. sg. SG. eyj EYJ eyJ TOKEN')).toEqual(['0@12', '1@24', '2@30']);
  });

  it('agrees with a naive search on random text over every built-in keyword', () => {
    const keywords: Keyword[] = DETECTORS.flatMap((d) => d.keywords.map((text) => ({ text, caseSensitive: d.keywordsCaseSensitive === true })));
    // Text made of keyword pieces, their case flipped at random, and noise (non-ASCII too).
    const pieces = [...keywords.map((k) => k.text), 'é', '日本', '\n', ' ', '_', '=', 'x', '\u{1F511}'];
    for (let round = 0; round < 20; round++) {
      let text = '';
      while (text.length < 5000) {
        const p = pieces[rand(pieces.length)]!;
        const cut = p.slice(rand(2), p.length - rand(2));
        text += rand(3) === 0 ? cut.toUpperCase() : cut;
      }
      expect(via(make(keywords), text)).toEqual(naive(keywords, text));
    }
  });

  it('finds no keyword where a character above U+00FF has an ASCII low byte (the automaton reads bytes)', () => {
    const keywords: Keyword[] = [
      { text: 'token', caseSensitive: false },
      { text: 'SG.', caseSensitive: true },
    ];
    // U+016E and U+014E end in 0x6E ("n") and 0x4E ("N"), U+012E in 0x2E ("."), U+0153 in 0x53 ("S").
    const text = 'toke\u016E TOKE\u014E SG\u012E \u0153G. token SG.';
    expect(via(make(keywords), text)).toEqual(naive(keywords, text));
    expect(via(make(keywords), text)).toEqual(['0@25', '1@29']);
  });

  it('stops when asked', () => {
    const seen: number[] = [];
    make([{ text: 'a', caseSensitive: false }]).scan('aaaa', (_k, end) => (seen.push(end), end === 2));
    expect(seen).toEqual([1, 2]);
  });
});

it('the WebAssembly walk agrees with the JavaScript walk and a naive search across its windows and pieces', () => {
  // The WebAssembly walk cuts text into 64 KB windows of 4 pieces: keywords are placed across
  // every cut of texts of many lengths, and at random in between.
  const keywords: Keyword[] = DETECTORS.flatMap((d) => d.keywords.map((text) => ({ text, caseSensitive: d.keywordsCaseSensitive === true })));
  const wasm = new KeywordAutomaton(keywords);
  const js = new KeywordAutomaton(keywords, false);
  seed = 11;
  console.log('keyword walk test seed 11');
  for (const length of [1, 7, 100, 4096, 16383, 16384, 16385, 65535, 65536, 65537, 70000, 131072, 200001]) {
    const chars: string[] = [];
    while (chars.length < length) chars.push(rand(50) === 0 ? '\n' : String.fromCharCode(97 + rand(26)));
    const place = (at: number): void => {
      const k = keywords[rand(keywords.length)]!.text;
      for (let i = 0; i < k.length && at + i < length; i++) if (at + i >= 0) chars[at + i] = k[i]!;
    };
    for (let cut = 0; cut <= length; cut += 4096) for (let d = -12; d <= 2; d += 3) place(cut + d);
    for (let n = 0; n < length / 200; n++) place(rand(length));
    const text = chars.join('');
    const expected = naive(keywords, text);
    expect(via(wasm, text)).toEqual(expected);
    expect(via(js, text)).toEqual(expected);
  }
});

it('KeywordAutomaton refuses a keyword it cannot fold', () => {
  expect(() => new KeywordAutomaton([{ text: 'clé', caseSensitive: false }])).toThrow(/not ASCII/);
});

describe.each([
  ['regex', Infinity],
  ['automaton', 0],
])('Prefilter searching with the %s', (_name, automatonAfter) => {
  const rule = (id: string, keywords: string[], gate?: Detector['gate']): Detector => ({
    id,
    description: id,
    keywords,
    detect: () => [],
    examples: { positives: [], negatives: [] },
    ...(gate ? { gate } : {}),
  });

  it('selects a rule by a non-ASCII keyword (a custom rule may have one)', () => {
    const d = rule('custom', ['contraseña']);
    const p = new Prefilter([d, rule('other', ['token'])], automatonAfter);
    expect(p.select('x\nCONTRASEÑA = x')).toEqual([d]);
    expect(p.select('contrasena = x')).toEqual([]);
  });

  it('runs a gated rule only where its gate holds at a keyword', () => {
    const gated = rule('gated', ['token'], (text, end) => text[end] === '=');
    const p = new Prefilter([gated], automatonAfter);
    expect(p.select('token + token - token;')).toEqual([]);
    expect(p.select('token + TOKEN=')).toEqual([gated]);
  });
});

it('Prefilter switches from the regex to the automaton after a few MB, with the same result', () => {
  const d = DETECTORS.find((x) => x.id === 'generic-secret') as Detector;
  const p = new Prefilter(DETECTORS, 2000);
  const text = 'filler line;\n'.repeat(100) + 'password = "hunter2hunter2x9"\n'; // keygate:allow generic-secret -- a made-up value the prefilter must select
  const automaton = () => (p as unknown as { big?: unknown }).big;
  expect(p.select(text)).toContain(d);
  expect(automaton()).toBeUndefined();
  for (let i = 0; i < 2; i++) expect(p.select(text)).toContain(d);
  expect(automaton()).toBeDefined();
  expect(p.select('filler line;\n'.repeat(100))).toEqual([]);
});

it('a rule named with U+212A (KELVIN SIGN) for "k" is selected as if written with "k", by either search', () => {
  // Its lower case is "k": the context rules' own checks lower-case the text, and read the name.
  const examples = DETECTORS.flatMap((d) => realDetector(d).examples.positives).filter((e) => e.includes('k'));
  expect(examples.length).toBeGreaterThan(100);
  for (const automatonAfter of [0, Infinity]) {
    const p = new Prefilter(DETECTORS, automatonAfter);
    for (const e of examples)
      expect(
        p.select(e.replaceAll('k', '\u212A')).map((d) => d.id),
        e,
      ).toEqual(p.select(e).map((d) => d.id));
  }
  const klaviyo = 'headers: { Authorization: "\u212Alaviyo-API-Key pk_" }';
  expect(new Prefilter(DETECTORS, 0).select(klaviyo).map((d) => d.id)).toContain('klaviyo-private-api-key');
});

describe('assignmentWithin', () => {
  /** The gate's meaning, spelled out: = or : within n characters, before the line ends. */
  const plain = (n: number) => (text: string, end: number) => /^[^\n=:]*[=:]/.test(text.slice(end, end + n + 1));

  it('agrees with its plain meaning at every position, in order and out of order', () => {
    const text = 'token x = 1\ntoken\n=\npassword_of_the_admin_user_here: x\nsecret  => y\nkey:=z\n\ntoken  ';
    for (const n of [0, 3, 25]) {
      const gate = assignmentWithin(n);
      const ends = [...Array(text.length + 1).keys()];
      for (const order of [ends, [...ends].reverse(), ends.filter((e) => e % 3 === 0).concat(ends.filter((e) => e % 3 !== 0))]) {
        for (const end of order) expect(gate(text, end), `n=${n} end=${end}`).toBe(plain(n)(text, end));
      }
      // Another text, then back: nothing carried over wrongly.
      expect(gate('no assignment here', 0)).toBe(false);
      expect(gate(text, 5)).toBe(plain(n)(text, 5));
    }
  });
});

describe("the generic pair rule's gate (a quote, then a comma)", () => {
  /** Its meaning, spelled out: the next " or ' at or after the end, within 31, then a comma after spaces and tabs, within 4. */
  const plain = (text: string, end: number): boolean =>
    ['"', "'"].some((q) => {
      const at = text.indexOf(q, end);
      return at !== -1 && at - end <= 31 && /^[ \t]{0,3},/.test(text.slice(at + 1, at + 5));
    });
  const gate = genericSecretPairs.gate;

  it('agrees with its plain meaning at every position, in order and out of order', () => {
    expect(gate).toBeDefined();
    const text = `f("password", "x"),\nset('token',  'v' ,y)\n"a" ,'b',\t,"${'x'.repeat(40)}",\n'q'\t\t\t,"r"    ,end"`;
    const ends = [...Array(text.length + 1).keys()];
    let yes = 0;
    for (const order of [ends, [...ends].reverse(), ends.filter((e) => e % 3 === 0).concat(ends.filter((e) => e % 3 !== 0))]) {
      for (const end of order) {
        expect(gate!(text, end), `end=${end}`).toBe(plain(text, end));
        if (plain(text, end)) yes++;
      }
    }
    expect(yes).toBeGreaterThan(30);
    expect(yes).toBeLessThan(3 * ends.length);
    // Another text, then back: nothing carried over wrongly.
    expect(gate!('no quotes here', 0)).toBe(false);
    expect(gate!(text, 3)).toBe(plain(text, 3));
  });
});
