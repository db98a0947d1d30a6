import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import type { KeygateConfig } from '../../src/config/config.js';
import { parseConfig } from '../../src/config/config.js';
import { formatConfig } from '../../src/config/write.js';

/** .keygate.json as keygate writes it is what prettier keeps (lint-staged runs it on *.json). */
const CONFIGS: KeygateConfig[] = [
  { defaults: true, allow: [], rules: [] },
  {
    defaults: false,
    allow: [
      {
        fingerprint: '0123456789abcdef',
        rule: 'aws-secret-access-key',
        seen: 'src/a.py:3 AKIA…Q7XZ',
        reason: 'fixture, with commas: "quoted"',
        added: '2026-01-01',
      },
      { path: 'test/fixtures/**', reason: 'test fixtures', added: '2026-02-03' },
      { pattern: '^sk_test_', rule: 'stripe-secret-key', reason: 'test-mode keys only', added: '2026-03-04' },
    ],
    rules: [
      { id: 'acme-token', description: 'ACME token', regex: 'acme_[a-z0-9]{32}', keywords: ['acme_'], entropy: 3.5, severity: 'high' },
      {
        id: 'corp-key',
        description: 'Corp key',
        regex: 'corp-[A-F0-9]{40}',
        keywords: ['corp-', 'corporate-key-with-a-long-name-one', 'corporate-key-with-a-long-name-two', 'another-keyword'],
        severity: 'critical',
      },
    ],
  },
];

describe('.keygate.json layout', () => {
  it.each(CONFIGS.map((c, i) => [i, c] as const))('config %i: prettier changes nothing, and it reads back the same', async (_i, config) => {
    const text = formatConfig(config);
    expect(await format(text, { parser: 'json', filepath: '.keygate.json' })).toBe(text);
    const back = await parseConfig(text, '.keygate.json', ['aws-secret-access-key', 'stripe-secret-key']);
    expect(formatConfig(back)).toBe(text);
  });
});
