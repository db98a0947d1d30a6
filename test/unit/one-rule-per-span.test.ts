import { describe, expect, it } from 'vitest';
import { EMPTY_CONFIG } from '../../src/config/config.js';
import { DETECTORS } from '../../src/detectors/index.js';
import { Scanner } from '../../src/scan/scanner.js';

/**
 * With every rule on, as in a real scan: each rule's own positives give one finding per
 * place, however many rules know that format (a JWT that is a Kubernetes token, an Azure key in
 * its identifiable form), and the rule that reports it is one that knows it.
 */
describe('one finding per secret, with every rule on', () => {
  it.each(DETECTORS.map((d) => [d.id, d] as const))('%s: its positives', async (_id, d) => {
    for (const text of d.examples.positives) {
      let found = 0;
      // Shapes that belong to one syntax (a Terraform default, a Markdown table) are found in theirs.
      for (const path of ['example', 'example.md', 'example.xml', 'Dockerfile', 'example.ts']) {
        const scanner = new Scanner(DETECTORS);
        scanner.scan({ path, startLine: 1, startColumn: 0, text });
        const { findings } = await scanner.result({ ...EMPTY_CONFIG, defaults: false });
        const places = findings.map((f) => `${f.line}:${f.column}`);
        expect(new Set(places).size, `${path}: ${text}: ${findings.map((f) => `${f.ruleId}@${f.line}:${f.column}`).join(', ')}`).toBe(places.length);
        found += findings.length;
      }
      expect(found, text).toBeGreaterThan(0);
    }
  });
});
