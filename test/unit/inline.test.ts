import { describe, expect, it } from 'vitest';
import { inlineAllowVerdict, parseInlineAllow } from '../../src/allow/inline.js';
import { DETECTORS } from '../../src/detectors/index.js';

const KNOWN = new Set(DETECTORS.map((d) => d.id));
const allowed = (line: string, rule: string) => {
  const v = inlineAllowVerdict(line, rule, KNOWN);
  return v !== undefined && 'allowed' in v ? v.allowed : undefined;
};

describe('inline keygate:allow', () => {
  it('allows only on the line an editor shows: a \\r, U+2028 or U+2029 starts another (an adversarial trial)', () => {
    const at = (line: string, column: number) => {
      const v = inlineAllowVerdict(line, 'aws-access-key-id', KNOWN, column);
      return v !== undefined && 'allowed' in v;
    };
    for (const sep of ['\r', '\u2028', '\u2029']) {
      const line = `id = "AKIAxxxx"${sep}other = "v"${sep}# keygate:allow`;
      expect(at(line, 7), JSON.stringify(sep)).toBe(false);
      expect(at(`id = "AKIAxxxx"  # keygate:allow${sep}next = "v"`, 7), JSON.stringify(sep)).toBe(true);
      expect(at(`first = 1${sep}id = "AKIAxxxx"  # keygate:allow`, 10 + 7), JSON.stringify(sep)).toBe(true);
    }
    // Columns count code points: 40 emoji before the key are 40 columns and 80 UTF-16 units.
    const emoji = '\u{1F600}'.repeat(40);
    expect(at(`x = "${emoji}"  # keygate:allow\rk = "AKIAxxxx"`, [...`x = "${emoji}"  # keygate:allow\rk = "`].length + 1)).toBe(false);
    expect(at(`k = "${emoji}AKIAxxxx"  # keygate:allow`, 6 + 40)).toBe(true);
    expect(at(`x = "${emoji}"  # keygate:allow -- fixture AKIAxxxx`, [...`x = "${emoji}"  # keygate:allow -- fixture `].length + 1)).toBe(false);
    // CRLF: the \r ending the line changes nothing.
    expect(at('id = "AKIAxxxx"  # keygate:allow\r', 7)).toBe(true);
  });

  it('is read in every common comment syntax', () => {
    for (const line of [
      'x = "v"  # keygate:allow',
      'const x = "v"; // keygate:allow',
      'const x = "v"; /* keygate:allow */',
      '<key>v</key> <!-- keygate:allow -->',
      "SELECT 'v' -- keygate:allow",
      'key = v ; keygate:allow',
    ]) {
      expect(allowed(line, 'aws-secret-access-key'), line).toBeDefined();
    }
  });

  it('names rules and a reason, the reason kept as written (commas too)', () => {
    expect(parseInlineAllow('x # keygate:allow aws-secret-access-key, aws-access-key-id -- fixture, for tests: a, b', KNOWN)).toMatchObject({
      rules: ['aws-secret-access-key', 'aws-access-key-id'],
      reason: 'fixture, for tests: a, b',
    });
    expect(parseInlineAllow('x /* keygate:allow aws-session-token */', KNOWN)).toMatchObject({ rules: ['aws-session-token'], reason: '' });
    expect(parseInlineAllow('x # keygate:allow -- no rule named, every rule on the line', KNOWN)).toMatchObject({
      rules: [],
      reason: 'no rule named, every rule on the line',
    });
  });

  it('allows only the rules it names', () => {
    const line = 'x # keygate:allow aws-access-key-id -- id only';
    expect(allowed(line, 'aws-access-key-id')).toBe('inline keygate:allow (id only)');
    expect(allowed(line, 'aws-secret-access-key')).toBeUndefined();
  });

  it('a one-word rule id is a rule id: it allows that rule only, never the whole line', () => {
    expect(KNOWN.has('jwt')).toBe(true);
    const line = 'token = "x"  # keygate:allow jwt';
    expect(allowed(line, 'jwt')).toBe('inline keygate:allow');
    expect(allowed(line, 'aws-secret-access-key')).toBeUndefined();
  });

  it('an unknown or misspelt rule is reported and allows nothing, with a suggestion', () => {
    for (const [line, word] of [
      ['k = "v"  # keygate:allow jwtt', 'jwtt'],
      ['k = "v"  # keygate:allow aws-secret-acess-key -- typo', 'aws-secret-acess-key'],
      ['k = "v"  # keygate:allow test fixture', 'test'],
    ] as const) {
      const v = inlineAllowVerdict(line, 'aws-secret-access-key', KNOWN);
      expect(v && 'problem' in v ? v.problem : '', line).toContain(`unknown rule "${word}"`);
    }
    const v = inlineAllowVerdict('k # keygate:allow jwtt', 'jwt', KNOWN);
    expect(v && 'problem' in v ? v.problem : '').toMatch(/did you mean jwt\?/);
  });

  it('needs a comment marker: the word alone in a string is not an allow', () => {
    expect(inlineAllowVerdict('x = "keygate:allow"', 'aws-secret-access-key', KNOWN)).toBeUndefined();
    expect(inlineAllowVerdict('x = 1 # keygate:allowed', 'aws-secret-access-key', KNOWN)).toBeUndefined();
  });
});
