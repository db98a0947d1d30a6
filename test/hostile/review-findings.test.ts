import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Repo, withRepo } from '../helpers/repo.js';
import { assertNoSecret, fakeSecret } from '../helpers/secrets.js';
import { mkfifoSync } from './fifo.js';

/** What an adversarial trial of this session's changes found, each a case that stays fixed. */
function stageSecret(repo: Repo): string {
  const s = fakeSecret();
  repo.write('a.cfg', `aws_secret_access_key = ${s}\n`);
  repo.git('add', 'a.cfg');
  return s;
}

describe('no secret echoed from the words a user wrote', () => {
  it('an inline allow whose "rule" is the secret itself: the note does not show it', () =>
    withRepo((repo) => {
      const s = fakeSecret();
      const t = fakeSecret();
      repo.write('a.py', `x = "# keygate:allow"; aws_secret_access_key = "${s}"\naws_secret_access_key = "${t}"  # keygate:allow ${s}\n`);
      repo.git('add', '.');
      const json = repo.keygate(['scan', '--staged', '--format', 'json']);
      const text = repo.keygate(['scan', '--staged', '--no-color']);
      expect(json.status).toBe(1);
      expect(text.stdout).toMatch(/a word that is no rule id \(not shown/);
      assertNoSecret([json.stdout, json.stderr, text.stdout, text.stderr], [s, t]);
    }));

  it('an inline allow reason holding a secret is masked; a secret inside the allow comment is not allowed by it', () =>
    withRepo((repo) => {
      const s = fakeSecret();
      const g = `ghp_${[...Array(36)].map((_, i) => 'aB3dE5gH7jK9mN1pQ2rS4tU6vW8xY0zC2eF4hJ'[(i * 7) % 38]).join('')}`;
      repo.write('a.ini', `aws_secret_access_key = ${s} # keygate:allow -- ${s}\nx = 1 # keygate:allow -- ${g}\n`);
      repo.git('add', '.');
      const json = repo.keygate(['scan', '--staged', '--format', 'json']);
      const text = repo.keygate(['scan', '--staged', '--no-color']);
      assertNoSecret([json.stdout, json.stderr, text.stdout, text.stderr], [s, g]);
      const report = JSON.parse(json.stdout) as { findings: { rule: string; line: number }[]; suppressed: { rule: string }[] };
      expect(report.suppressed.map((x) => x.rule)).toEqual(['aws-secret-access-key']);
    }));

  it('a hand-written .keygate.json pattern that spells the secret is not applied, and the finding says so', () =>
    withRepo((repo) => {
      const s = stageSecret(repo);
      const esc = s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
      writeFileSync(join(repo.dir, '.keygate.json'), JSON.stringify({ allow: [{ pattern: esc, reason: 'x', added: '2026-01-01' }] }));
      const r = repo.keygate(['scan', '--staged', '--no-color']);
      expect(r.status).toBe(1);
      expect(r.stdout).toMatch(/in \.keygate\.json spells this secret, so it is not applied/);
    }));

  it('allow --pattern that spells the secret in any encoding is refused; --reason, --path, --rule, a bad pattern never echo it', () =>
    withRepo((repo) => {
      const s = stageSecret(repo);
      const outputs: string[] = [];
      const run = (args: string[]) => {
        const r = repo.keygate(args);
        outputs.push(r.stdout, r.stderr);
        return r;
      };
      const per = (f: (c: string) => string) => [...s].map(f).join('');
      const esc = (c: string) => (/[A-Za-z0-9]/.test(c) ? c : `\\${c}`);
      const encodings = [
        per((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
        per((c) => `[${esc(c)}${esc(c)}]`),
        per((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : esc(c))),
        per((c) => (/[A-Za-z0-9]/.test(c) ? `[${c}-${c}]` : esc(c))),
        per((c) => `(?:${esc(c)})`),
        per((c) => `(?:${esc(c)}|\\b\\B)`),
      ];
      encodings.push(
        `${s.slice(0, 10)}%${s.slice(10, 20)}%${s.slice(20, 30)}%${s.slice(30)}`.replace(/[+/]/g, '\\$&'),
        `(?=${per((c) => `[\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}]`)})`,
        per((c) => `[\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}]`).slice(0, 31 * 6),
        s.slice(0, 11).replace(/[+/]/g, '\\$&'),
      );
      for (const p of encodings) expect(run(['allow', '--pattern', p, '--reason', 'x']).status, p.slice(0, 12)).toBe(2);
      const reversed = [...s].reverse().join('');
      expect(run(['allow', '--path', `docs/${reversed}/**`, '--reason', 'x']).status).toBe(2);
      expect(run(['allow', '--path', 'a.cfg', '--reason', Buffer.from(s).toString('base64')]).status).toBe(2);
      expect(run(['allow', '--path', `**/${s}`, '--reason', 'x']).status).toBe(2);
      expect(run(['allow', '--path', 'a.cfg', '--reason', `the key is ${s}`]).status).toBe(2);
      expect(run(['allow', '--rule', s, '--reason', 'x']).status).toBe(2);
      expect(run(['allow', '--pattern', `(${s}`, '--reason', 'x']).status).toBe(2);
      run(['allow', s, '--reason', 'x']);
      expect(run(['allow', '--pattern', '^AKIAQ', '--reason', 'a shape']).status).toBe(0);
      assertNoSecret(outputs, [s]);
      // .keygate.json, if written at all, holds no part of it.
      const config = repo.gitRun(['--no-pager', 'diff', '--no-index', '/dev/null', '.keygate.json']).stdout;
      assertNoSecret([config], [s, s.slice(0, 20), s.slice(20)]);
    }));
});

describe('.keygate.json that is no file, or hides entries', () => {
  it.each(['/dev/zero', '/dev/urandom'])('a symlink to %s: a clear error at once, no hang', (target) =>
    withRepo((repo) => {
      stageSecret(repo);
      symlinkSync(target, join(repo.dir, '.keygate.json'));
      const r = repo.keygate(['scan', '--staged'], { KEYGATE_TIMEOUT: '5' });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/\.keygate\.json is a symbolic link \(not a regular file\)/);
    }),
  );

  it('a FIFO: a clear error, no hang', () =>
    withRepo((repo) => {
      stageSecret(repo);
      mkfifoSync(join(repo.dir, '.keygate.json'));
      const r = repo.keygate(['scan', '--staged'], { KEYGATE_TIMEOUT: '5' });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/not a regular file \(a FIFO\)/);
    }));

  it('"__proto__" is an unknown field, not a place to hide allow entries', () =>
    withRepo((repo) => {
      stageSecret(repo);
      for (const config of [
        '{"__proto__":{"allow":[{"rule":"aws-secret-access-key","reason":"x","added":"2024-01-01"}]}}',
        '{"allow":[{"__proto__":{"rule":"aws-secret-access-key"},"path":"**","reason":"x","added":"2024-01-01"}]}',
      ]) {
        writeFileSync(join(repo.dir, '.keygate.json'), config);
        const r = repo.keygate(['scan', '--staged']);
        expect(r.status, config).toBe(2);
        expect(r.stderr).toMatch(/unknown field "__proto__"/);
      }
    }));

  it('a UTF-8 byte-order mark is fine', () =>
    withRepo((repo) => {
      stageSecret(repo);
      writeFileSync(join(repo.dir, '.keygate.json'), '\uFEFF{"allow": []}\n');
      expect(repo.keygate(['scan', '--staged']).status).toBe(1);
    }));
});

describe('limits and separators', () => {
  it('KEYGATE_TIMEOUT past what a timer holds is refused, not a scan that fails at once', () =>
    withRepo((repo) => {
      stageSecret(repo);
      const r = repo.keygate(['scan', '--staged'], { KEYGATE_TIMEOUT: '1e9' });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/KEYGATE_TIMEOUT must be .* at most 2147483/);
      expect(r.stderr).not.toMatch(/TimeoutOverflowWarning/);
    }));

  it('a file named -- beside a single --: refused as ambiguous, scanned with the shipped entry', () =>
    withRepo((repo) => {
      repo.write('--', `AWS_SECRET_ACCESS_KEY=${fakeSecret()}\n`);
      repo.write('b.cfg', 'x = 1\n');
      expect(repo.keygate(['scan', '--', 'b.cfg']).status).toBe(2);
      const shipped = repo.keygate(['scan', '--no-color', '--', '--', 'b.cfg']);
      expect(shipped.status).toBe(1);
      expect(shipped.stdout).toContain('--:1:23');
    }));

  it('keygate hook --help shows help', () =>
    withRepo((repo) => {
      const r = repo.keygate(['hook', '--help']);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/Usage: keygate scan --staged/);
    }));
});
