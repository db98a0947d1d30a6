import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Repo, withRepo } from '../helpers/repo.js';
import { assertNoSecret, fakeKeyId, fakeSecret, pick } from '../helpers/secrets.js';

/**
 * No full secret in any output or any file keygate writes: every command's stdout and stderr,
 * .keygate.json, and everything under .git/keygate, grepped for every secret of the repo.
 */
function writtenFiles(repo: Repo): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    if (!existsSync(d)) return;
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(join(repo.dir, '.git', 'keygate'));
  if (existsSync(join(repo.dir, '.keygate.json'))) out.push(readFileSync(join(repo.dir, '.keygate.json'), 'utf8'));
  return out;
}

const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

describe('keygate allow --pattern never writes or prints a secret', () => {
  it('refuses the secret whatever its regex syntax, with --dry-run too; shapes are accepted', () =>
    withRepo((repo) => {
      // An AWS secret with + and / in it (the regex characters that slipped through before).
      let secret = fakeSecret();
      while (!/[+/]/.test(secret)) secret = fakeSecret();
      const id = fakeKeyId();
      const token = `acme_${pick('abcdefghijklmnopqrstuvwxyz0123456789', 32)}`;
      repo.write(
        '.keygate.json',
        JSON.stringify({ rules: [{ id: 'acme-token', description: 'ACME', regex: 'acme_[a-z0-9]{32}', keywords: ['acme_'], severity: 'high' }] }) + '\n',
      );
      repo.write('deploy.env', `AWS_ACCESS_KEY_ID=${id}\nAWS_SECRET_ACCESS_KEY=${secret}\nACME=${token}\n`);
      repo.git('add', '.');
      const outputs: string[] = [];
      const run = (args: string[]) => {
        const r = repo.keygate(args);
        outputs.push(r.stdout, r.stderr);
        return r;
      };
      expect(run(['scan', '--staged']).status).toBe(1);
      const before = readFileSync(join(repo.dir, '.keygate.json'), 'utf8');
      const hostile = [
        secret,
        escape(secret),
        `^${secret}$`,
        `^${escape(secret)}$`,
        `(?:${escape(secret)})`,
        `${escape(secret.slice(0, 30))}.*`, // most of it
        `.*${escape(secret.slice(8))}`,
        secret
          .split('')
          .map((c) => (/[A-Za-z0-9]/.test(c) ? c : `[${c}]`))
          .join(''),
        `^${id}$`,
        token,
        `^${token}$`,
      ];
      for (const pattern of hostile) {
        for (const dry of [[], ['--dry-run']]) {
          const r = run(['allow', '--pattern', pattern, '--reason', 'fixture', ...dry]);
          expect(r.status, `accepted: ${pattern.slice(0, 6)}…`).toBe(2);
          expect(r.stderr).toMatch(/that pattern was not written to \.keygate\.json/);
        }
      }
      expect(readFileSync(join(repo.dir, '.keygate.json'), 'utf8')).toBe(before);
      for (const shape of ['^AKIAQ', 'EXAMPLE$', '^acme_test_', '^sk_test_[0-9a-zA-Z]{24}$']) {
        const r = run(['allow', '--pattern', shape, '--reason', 'a shape, not a value', '--dry-run']);
        expect(r.status, `${shape}: ${r.stderr}`).toBe(0);
      }
      assertNoSecret([...outputs, ...writtenFiles(repo)], [secret, id, token]);
    }));
});
