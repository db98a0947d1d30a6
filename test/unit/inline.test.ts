import { describe, expect, it } from 'vitest';
import { inlineAllowReason, parseInlineAllow } from '../../src/allow/inline.js';

describe('inline keygate:allow', () => {
  it('is read in every common comment syntax', () => {
    for (const line of [
      'x = "v"  # keygate:allow',
      'const x = "v"; // keygate:allow',
      'const x = "v"; /* keygate:allow */',
      '<key>v</key> <!-- keygate:allow -->',
      "SELECT 'v' -- keygate:allow",
      'key = v ; keygate:allow',
    ]) {
      expect(inlineAllowReason(line, 'aws-secret-access-key'), line).toBeDefined();
    }
  });

  it('names rules and a reason', () => {
    expect(parseInlineAllow('x # keygate:allow aws-secret-access-key, aws-access-key-id -- fixture for tests')).toEqual({
      rules: ['aws-secret-access-key', 'aws-access-key-id'],
      reason: 'fixture for tests',
    });
    expect(parseInlineAllow('x /* keygate:allow aws-session-token */')).toEqual({ rules: ['aws-session-token'], reason: '' });
  });

  it('allows only the rules it names', () => {
    const line = 'x # keygate:allow aws-access-key-id -- id only';
    expect(inlineAllowReason(line, 'aws-access-key-id')).toBe('inline keygate:allow (id only)');
    expect(inlineAllowReason(line, 'aws-secret-access-key')).toBeUndefined();
  });

  it('needs a comment marker: the word alone in a string is not an allow', () => {
    expect(inlineAllowReason('x = "keygate:allow"', 'aws-secret-access-key')).toBeUndefined();
    expect(inlineAllowReason('x = 1 # keygate:allowed', 'aws-secret-access-key')).toBeUndefined();
  });
});
