import { describe, expect, it } from 'vitest';
import { EMPTY_CONFIG } from '../../src/config/config.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { Scanner } from '../../src/scan/scanner.js';

/**
 * What a finding says its rule checked (facts.validated). A newcomer's trial saw a Basic
 * credential in a test reported "checksum verified": Basic has no checksum, and a finding
 * must not claim more than was checked.
 */
const CHECKSUMS = new Set(['github-token', 'npm-token', 'grafana-token', 'age-secret-key', 'matrix-synapse-token', 'packagist-token']);

describe('facts.validated says what was checked', () => {
  it("every rule's own positives: checksum verified only where the format has a checksum; Basic credentials decode to user:password", async () => {
    const said = new Map<string, Set<string>>();
    for (const d of DETECTORS) {
      for (const text of d.examples.positives) {
        const scanner = new Scanner(DETECTORS);
        scanner.scan({ path: 'config/settings.txt', startLine: 1, startColumn: 0, text });
        for (const f of (await scanner.result(EMPTY_CONFIG)).findings) {
          const v = f.facts?.['validated'];
          if (v !== undefined) said.set(f.ruleId, (said.get(f.ruleId) ?? new Set()).add(v));
        }
      }
    }
    const checksummed = [...said].filter(([, v]) => v.has('checksum verified')).map(([id]) => id);
    expect(checksummed.length).toBeGreaterThan(2);
    for (const id of checksummed) expect(CHECKSUMS, id).toContain(id);
    expect([...(said.get('http-authorization') ?? [])]).toEqual(['decodes to user:password']);
    expect([...(said.get('docker-config-auth') ?? [])]).toEqual(['decodes to user:password']);
    expect([...said.values()].some((v) => v.has('format verified'))).toBe(true);
  });
});
