import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../../src/detectors/index.js';
import { assertNoSecret } from '../helpers/secrets.js';
import { ROOT, scanJson, withRepo } from '../helpers/repo.js';

/**
 * Every rule's true positives (fake tokens generated at test time, in the rule's own examples),
 * each planted in the middle of a realistic file — the hard-negative fixtures: lock files,
 * minified code, CSS, Python, docs — staged in a real repository and scanned by the built CLI.
 * Each must be reported by its rule at the exact line, and the host file must add nothing else.
 */
const HOSTS_DIR = join(ROOT, 'test/fixtures/hard-negatives');
const HOSTS = readdirSync(HOSTS_DIR).filter((f) => f !== 'aws-docs.md');

interface Planted {
  file: string;
  rule: string;
  /** Where the rule must report it. */
  lines: number[];
  /** The lines the example occupies in the host file. */
  first: number;
  last: number;
  secrets: string[];
}

function plant(): { files: Map<string, string>; planted: Planted[] } {
  const files = new Map<string, string>();
  const planted: Planted[] = [];
  let n = 0;
  for (const d of DETECTORS) {
    d.examples.positives.forEach((example) => {
      // The next host whose kind of file the rule reads this example in (a shape of one file
      // family, an XML property or a Python default, is not looked for in a lock file): what
      // this test looks for is the host's text getting in the way, not a family's rules.
      const start = n++;
      const fits = (h: string) => d.detect({ path: h, startLine: 1, startColumn: 0, text: example }).length > 0;
      const host = HOSTS.map((_, k) => HOSTS[(start + k) % HOSTS.length] as string).find(fits) ?? (HOSTS[start % HOSTS.length] as string);
      const hostLines = readFileSync(join(HOSTS_DIR, host), 'utf8').split('\n');
      const at = Math.min(12, Math.floor(hostLines.length / 2)); // 0-based: the example starts on line at + 1
      const own = d.detect({ path: host, startLine: 1, startColumn: 0, text: example });
      const lines = [...new Set(own.map((c) => at + 1 + (example.slice(0, c.start).match(/\n/g)?.length ?? 0)))];
      hostLines.splice(at, 0, example);
      // By the running count: rules of one id (generic-secret has several detectors) number their examples alike.
      const file = `${d.id}/${start}/${host}`;
      files.set(file, hostLines.join('\n'));
      const first = at + 1;
      // A match with an identity is a marker (a PEM key's BEGIN line, an encoded key's encoded
      // header): what must not be shown is the key after it.
      const secrets = own.flatMap((c) =>
        c.identity === undefined ? [c.secret] : [example.slice(c.end, c.end + 24)].filter((t) => /^[A-Za-z0-9+/]{24}$/.test(t)),
      );
      planted.push({ file, rule: d.id, lines, first, last: first + example.split('\n').length - 1, secrets });
    });
  }
  return { files, planted };
}

describe('true positives in realistic files', () => {
  it('finds every rule example planted in a real-looking file, by its rule, at its line, and nothing else there', () =>
    withRepo((repo) => {
      const { files, planted } = plant();
      for (const [path, text] of files) repo.write(path, text);
      repo.git('add', '.');
      const { status, report } = scanJson(repo);
      expect(status).toBe(1);
      expect(report.stats.files).toBe(files.size);
      const found = new Set(report.findings.map((f) => `${f.rule} ${f.file}:${f.line}`));
      const missing = planted.flatMap((p) => p.lines.map((l) => `${p.rule} ${p.file}:${l}`)).filter((k) => !found.has(k));
      expect(missing).toEqual([]);
      // Other rules may also match a planted example (a key ID beside its secret), never the host.
      const byFile = new Map(planted.map((p) => [p.file, p]));
      const elsewhere = report.findings.filter((f) => {
        const p = byFile.get(f.file);
        return p === undefined || f.line < p.first || f.line > p.last;
      });
      expect(elsewhere.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual([]);
      expect(planted.length).toBeGreaterThanOrEqual(DETECTORS.length);
      // (A private key's match is its BEGIN line, which is no secret; its body lines are.)
      const pemBodies = planted
        .filter((p) => p.rule === 'private-key')
        .flatMap((p) => (files.get(p.file) ?? '').split('\n').filter((l) => /^[A-Za-z0-9+/=]{40,}$/.test(l)));
      expect(pemBodies.length).toBeGreaterThan(0);
      const secrets = planted.flatMap((p) => p.secrets).filter((s) => s.length >= 12 && !s.startsWith('-----BEGIN'));
      assertNoSecret([JSON.stringify(report)], [...secrets, ...pemBodies]);
    }));
});
