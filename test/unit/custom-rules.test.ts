import { describe, expect, it } from 'vitest';
import { ALNUM, fakeString } from '../../src/detectors/fake.js';
import { customDetector } from '../../src/detectors/custom.js';

/** A team's own rule (.keygate.json) is judged as every built-in rule is (define.ts judgeMatch). */
const rule = customDetector({ id: 'acme-token', description: 'ACME token', keywords: ['acme_'], regex: 'acme_[A-Za-z0-9]{24}', severity: 'high' });
const run = (text: string) => rule.detect({ path: 'x.env', startLine: 1, startColumn: 0, text });

describe("a team's own rule", () => {
  it('finds a random token, at its place', () => {
    const token = `acme_${fakeString(ALNUM, 24, 5)}`;
    const [c] = run(`ACME=${token}\n`);
    expect(c).toMatchObject({ ruleId: 'acme-token', secret: token, start: 5, severity: 'high', confidence: 'medium' });
  });

  it.each(['acme_xxxxxxxxxxxxxxxxxxxxxxxx', 'acme_aaaaaaaaaaaaaaaaaaaaaaaa', 'acme_000000000000000000000000', 'acme_YOUR_TOKEN_HERE_XXXXXXXX'.slice(0, 29)])(
    'drops a placeholder in its format, as built-in rules do: %s',
    (value) => {
      expect(run(`ACME=${value}\n`)).toEqual([]);
    },
  );

  it('keeps to its entropy floor', () => {
    const strict = customDetector({
      id: 'acme-token',
      description: 'ACME token',
      keywords: ['acme_'],
      regex: 'acme_[A-Za-z0-9]{24}',
      severity: 'high',
      entropy: 5,
    });
    expect(strict.detect({ path: 'x.env', startLine: 1, startColumn: 0, text: `acme_${fakeString(ALNUM, 24, 5)}` })).toEqual([]);
  });
});
