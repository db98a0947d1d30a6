import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { base62, crc32 } from '../../src/detectors/checksums.js';
import { ALNUM } from '../../src/detectors/fake.js';
import { ROOT, scanJson, withRepo } from '../helpers/repo.js';
import { pick } from '../helpers/secrets.js';

/**
 * test/fixtures/hard-negatives: the near-misses real repositories are full of — lock files'
 * integrity hashes and checksums (npm, yarn, pnpm, Cargo, poetry, go.sum), UUIDs and hashes in
 * code, base64 images, minified code, placeholders, AWS documentation examples; in the lock
 * files, packages named like secrets (tokenizers, password-hash, js-tokens) with pre-release
 * versions. None may be a finding; a real token pasted among them still is.
 */
const DIR = join(ROOT, 'test/fixtures/hard-negatives');
const FILES = readdirSync(DIR);

function githubToken(): string {
  const body = pick(ALNUM, 30);
  return `ghp_${body}${base62(crc32(body), 6)}`;
}

describe('hard negatives', () => {
  it('stage every fixture: no finding; documentation examples shown as allowed', () =>
    withRepo((repo) => {
      for (const f of FILES) repo.write(f, readFileSync(join(DIR, f)));
      repo.git('add', '.');
      const { status, report } = scanJson(repo);
      expect(report.findings.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual([]);
      expect(status).toBe(0);
      expect(report.stats.files).toBe(FILES.length);
      expect(report.suppressed.every((s) => s.reason.startsWith('default: AWS documentation example'))).toBe(true);
    }));

  it('catches a password pasted among the versions of packages named like secrets in poetry.lock', () =>
    withRepo((repo) => {
      // tokenizers = "0.15.0rc1-beta2" and its kin are versions; the pasted value is not one.
      const password = pick(ALNUM, 24);
      const text = readFileSync(join(DIR, 'poetry.lock'), 'utf8').replace('tokenizers = ', `db_password = "${password}"\ntokenizers = `);
      repo.write('poetry.lock', text);
      repo.git('add', '.');
      const line = text.split('\n').findIndex((l) => l.startsWith('db_password')) + 1;
      const { report } = scanJson(repo);
      expect(report.findings.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual([`generic-secret poetry.lock:${line}`]);
    }));

  it.each(['package-lock.json', 'yarn.lock', 'pnpm-lock.yaml'])('catches a real token pasted into %s, and only that', (name) =>
    withRepo((repo) => {
      const token = githubToken();
      const lines = readFileSync(join(DIR, name), 'utf8').split('\n');
      const at = 8;
      lines.splice(at - 1, 0, `      "_token": "${token}",`);
      repo.write(name, lines.join('\n'));
      repo.git('add', '.');
      const { report } = scanJson(repo);
      expect(report.findings.map((f) => `${f.rule} ${f.file}:${f.line}`)).toEqual([`github-token ${name}:${at}`]);
      expect(report.findings[0]?.confidence).toBe('high');
      expect(report.findings[0]?.facts['validated']).toBe('checksum verified');
    }),
  );
});
