import { mkdirSync, readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, gitEnv, installHook, withRepo } from '../helpers/repo.js';
import { fakeSecret } from '../helpers/secrets.js';

/** Allowlist edits that would help nobody, or hurt: said out loud, or refused. */
describe('allowlist edits in real use', () => {
  it('a fingerprint that matches nothing is added with a warning; a real one records what it stood for', () =>
    withRepo((repo) => {
      const r = repo.keygate(['allow', 'feedfacefeedface', '--reason', 'copied from CI']);
      expect(r.status).toBe(0);
      expect(r.stderr).toMatch(/warning: fingerprint feedfacefeedface matches no finding of the staged changes or of the last blocked run/);
    }));

  it('--path from a subdirectory is recorded relative to the root, and works', () =>
    withRepo((repo) => {
      installHook(repo);
      mkdirSync(join(repo.dir, 'services/api/fixtures'), { recursive: true });
      repo.write('services/api/fixtures/keys.ini', `aws_secret_access_key = ${fakeSecret()}\n`);
      repo.git('add', '.');
      const sub = join(repo.dir, 'services/api');
      const r = spawnSync(process.execPath, [CLI, 'allow', '--path', 'fixtures/**', '--reason', 'test fixtures'], {
        cwd: sub,
        env: gitEnv(),
        encoding: 'utf8',
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/recorded as services\/api\/fixtures\/\*\* \(relative to the repository root\)/);
      expect(readFileSync(join(repo.dir, '.keygate.json'), 'utf8')).toContain('"path": "services/api/fixtures/**"');
      repo.git('add', '.keygate.json');
      const c = repo.gitRun(['commit', '-m', 'x']);
      expect(c.status, c.stdout + c.stderr).toBe(0);
    }));

  it('a rule turned off everywhere, or a path covering everything, is warned about', () =>
    withRepo((repo) => {
      expect(repo.keygate(['allow', '--rule', 'generic-secret', '--reason', 'noisy', '--dry-run']).stderr).toMatch(
        /turns the generic-secret rule off in every file/,
      );
      expect(repo.keygate(['allow', '--path', '**', '--reason', 'all', '--dry-run']).stderr).toMatch(/--path \*\* covers every file/);
    }));

  // Found by an adversarial trial: only `**`-like text was warned about, and a pattern that
  // matches any value not at all. Globs and patterns are now tried on made-up paths and secrets.
  it('globs and patterns that cover (nearly) everything, however written, are warned about; narrow ones are not', () =>
    withRepo((repo) => {
      const warned = (...args: string[]): string => {
        const r = repo.keygate(['allow', ...args, '--reason', 'x', '--dry-run']);
        expect(r.status, r.stderr).toBe(0);
        return r.stderr;
      };
      for (const pattern of ['.', '^', '(?:)', '[A-Z]', '[\\s\\S]'])
        expect(warned('--pattern', pattern), pattern).toMatch(/matches (nearly )?any secret: every finding in every file would be allowed/);
      for (const path of ['{**,x}', '!(zzz)/**', '?(**)', '**/*.*', '**/*'])
        expect(warned('--path', path), path).toMatch(/covers (nearly )?every file: every finding would be allowed/);
      expect(warned('--rule', 'generic-secret', '--path', '{**,x}')).toMatch(
        /turns the generic-secret rule off under --path \{\*\*,x\}, which covers every file/,
      );
      expect(warned('--pattern', '.', '--path', 'src/**')).toBe('');
      for (const narrow of [
        ['--pattern', 'EXAMPLE'],
        ['--pattern', '^AKIAQ', '--rule', 'aws-access-key-id'],
        ['--path', 'test/fixtures/**'],
        ['--path', '**/*.snap'],
      ]) {
        expect(warned(...narrow), narrow.join(' ')).toBe('');
      }
    }));

  it('argument mistakes are said as such, never as a broken .keygate.json', () =>
    withRepo((repo) => {
      const rule = repo.keygate(['allow', '--rule', 'generic-secrets', '--reason', 'x']);
      expect(rule.status).toBe(2);
      expect(rule.stderr).toMatch(/--rule: unknown rule "generic-secrets" \(did you mean generic-secret\?\)/);
      expect(rule.stderr).not.toMatch(/\.keygate\.json:\d/);
      const pattern = repo.keygate(['allow', '--pattern', '(unclosed', '--reason', 'x']);
      expect(pattern.stderr).toMatch(/--pattern is not a valid regular expression/);
    }));

  it('allow --last after a clean commit has nothing stale to offer', () =>
    withRepo((repo) => {
      installHook(repo);
      repo.write('k.env', `AWS_SECRET_ACCESS_KEY=${fakeSecret()}\n`);
      repo.git('add', '.');
      expect(repo.gitRun(['commit', '-m', 'x']).status).toBe(1);
      repo.git('rm', '-q', '--cached', 'k.env');
      repo.write('ok.txt', 'fine\n');
      repo.git('add', 'ok.txt');
      expect(repo.gitRun(['commit', '-m', 'clean']).status).toBe(0);
      const last = repo.keygate(['allow', '--last', '--reason', 'x']);
      expect(last.status).toBe(2);
      expect(last.stderr).toMatch(/nothing to allow from the last blocked run .*no longer staged/);
    }));
});
