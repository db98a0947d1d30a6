import { chmodSync, mkdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { installHook, scanJson, where, withRepo } from '../helpers/repo.js';
import { assertNoSecret, fakeSecret, pick } from '../helpers/secrets.js';

/** Valid input that keygate once got wrong: each case as a real repository and scan. */
const URLSAFE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

function fakeJwt(): string {
  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({ sub: pick(URLSAFE, 12), iat: 1700000000 })}.${pick(URLSAFE, 43)}`;
}

describe('type changes (symlink <-> file)', () => {
  it('a clean type change passes; a secret in the new file is found at its line, both ways', () =>
    withRepo((repo) => {
      repo.write('target.txt', 'hello\n');
      symlinkSync('target.txt', join(repo.dir, 'link'));
      repo.write('was-file', 'plain\n');
      repo.git('add', '.');
      repo.git('commit', '-qm', 'init');
      // symlink -> file, file -> symlink, both clean.
      unlinkSync(join(repo.dir, 'link'));
      repo.write('link', 'now a regular file\n');
      unlinkSync(join(repo.dir, 'was-file'));
      symlinkSync('target.txt', join(repo.dir, 'was-file'));
      repo.git('add', '-A');
      const clean = scanJson(repo);
      expect(clean.status, clean.stderr).toBe(0);
      expect(clean.report.stats.files).toBe(2);
      // symlink -> file holding a secret.
      const secret = fakeSecret();
      repo.write('link', `region = eu\naws_secret_access_key = ${secret}\n`);
      repo.git('add', '-A');
      const found = scanJson(repo);
      expect(where(found.report)).toEqual(['aws-secret-access-key link:2:25']);
      assertNoSecret([JSON.stringify(found.report), found.stderr], [secret]);
    }));
});

describe('inline allows with one-word and unknown rule ids', () => {
  it('# keygate:allow jwt allows the JWT only, never the AWS secret key beside it', () =>
    withRepo((repo) => {
      const secret = fakeSecret();
      repo.write('conf.py', `AUTH = "${fakeJwt()}"; aws_secret_access_key = "${secret}"  # keygate:allow jwt\n`);
      repo.git('add', '.');
      const { status, report } = scanJson(repo);
      expect(status).toBe(1);
      expect(report.findings.map((f) => f.rule)).toEqual(['aws-secret-access-key']);
      expect(report.suppressed.map((s) => `${s.rule} ${s.reason}`)).toEqual(['jwt inline keygate:allow']);
    }));

  it('a misspelt rule id allows nothing and says so, with the id it probably meant', () =>
    withRepo((repo) => {
      const secret = fakeSecret();
      repo.write('conf.ini', `aws_secret_access_key = ${secret}  # keygate:allow aws-secret-acess-key -- fixture\n`);
      repo.git('add', '.');
      const json = scanJson(repo);
      expect(json.status).toBe(1);
      expect(json.report.suppressed).toEqual([]);
      expect(json.report.findings[0]?.notes?.[0]).toMatch(/not applied: unknown rule "aws-secret-acess-key" \(did you mean aws-secret-access-key\?\)/);
      const text = repo.keygate(['scan', '--staged', '--no-color']);
      expect(text.stdout).toMatch(/keygate:allow on this line is not applied/);
    }));
});

describe('keygate cannot write its own state', () => {
  const cases: [string, (gitDir: string) => void][] = [
    ['.git/keygate is a file', (g) => writeFileSync(join(g, 'keygate'), 'not a directory\n')],
    ['.git/keygate is read-only', (g) => (mkdirSync(join(g, 'keygate')), chmodSync(join(g, 'keygate'), 0o500))],
  ];
  for (const [name, breakIt] of cases) {
    it(`${name}: the report comes first, then a warning; the commit is blocked by its findings`, () =>
      withRepo((repo) => {
        installHook(repo);
        const secret = fakeSecret();
        repo.write('deploy.env', `AWS_SECRET_ACCESS_KEY=${secret}\n`);
        repo.git('add', '.');
        breakIt(join(repo.dir, '.git'));
        try {
          const r = repo.gitRun(['commit', '-m', 'x']);
          const out = r.stdout + r.stderr;
          // Root ignores permissions: the read-only case can then only show the report.
          expect(r.status, out).toBe(1);
          expect(out).toContain('deploy.env:1:23');
          expect(out).toMatch(/commit blocked: 1 secret/);
          expect(out).not.toMatch(/internal error/);
          if (process.getuid?.() !== 0 || name.includes('file')) expect(r.stderr).toMatch(/keygate: warning: this run could not be kept/);
          assertNoSecret([out], [secret]);
        } finally {
          chmodSync(join(repo.dir, '.git'), 0o755);
          rmSync(join(repo.dir, '.git', 'keygate'), { recursive: true, force: true });
        }
      }));
  }
});
