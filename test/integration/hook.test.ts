import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { huskyBlock } from '../../src/install/hook-scripts.js';
import { DIST_FILES } from '../../src/install/package.js';
import { CLI, gitEnv, HOOKS, installHook, ROOT, type Repo, withRepo } from '../helpers/repo.js';
import { assertNoSecret, fakeKeyId, fakeSecret } from '../helpers/secrets.js';

function commit(repo: Repo, args: string[], env: Record<string, string> = {}) {
  const r = repo.gitRun(['commit', '-m', 'test commit', ...args], { env });
  return { ...r, output: r.stdout + r.stderr };
}

function headCount(repo: Repo): number {
  const r = repo.gitRun(['rev-list', '--count', 'HEAD']);
  return r.status === 0 ? Number(r.stdout.trim()) : 0;
}

describe('a real git commit with the keygate hook installed', () => {
  it('blocks a private key written into a key file whose BEGIN and END lines stay (the diff shows only the body)', () =>
    withRepo((repo) => {
      // Found by an adversarial trial: a template key file committed, then filled in.
      installHook(repo);
      repo.write('deploy/id_key', '-----BEGIN PRIVATE KEY-----\nPLACEHOLDER\n-----END PRIVATE KEY-----\n');
      repo.git('add', '.');
      expect(commit(repo, []).status).toBe(0);
      for (const type of ['rsa', 'ec', 'ed25519'] as const) {
        const pair =
          type === 'rsa'
            ? generateKeyPairSync('rsa', { modulusLength: 2048 })
            : type === 'ec'
              ? generateKeyPairSync('ec', { namedCurve: 'P-256' })
              : generateKeyPairSync('ed25519');
        const pem = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
        repo.write('deploy/id_key', pem);
        repo.git('add', '.');
        const blocked = commit(repo, []);
        expect(blocked.status, type).not.toBe(0);
        // The diff shows the unchanged BEGIN line as context above the new body: the key is
        // reported there, as in a new file (private-key-body is for a body shown alone).
        expect(blocked.output, type).toMatch(/deploy\/id_key:1:1 +private-key /);
        const body = pem.split('\n').filter((l) => l !== '' && !l.startsWith('-----'));
        // No run of 12 characters of the key past its first 16 (its structure) is shown.
        const runs = body.join('').slice(16).match(/.{12}/g) ?? [];
        assertNoSecret([blocked.output], runs);
      }
    }));

  it('blocks a commit that stages an AWS key pair and names file:line; lets a clean one through', () =>
    withRepo((repo) => {
      installHook(repo);
      const id = fakeKeyId();
      const secret = fakeSecret();
      repo.write('deploy/settings.py', `REGION = "eu-west-1"\nAWS_ACCESS_KEY_ID = "${id}"\nAWS_SECRET_ACCESS_KEY = "${secret}"\n`);
      repo.git('add', '.');
      const blocked = commit(repo, []);
      expect(blocked.status).not.toBe(0);
      expect(blocked.output).toContain('deploy/settings.py:2:22');
      expect(blocked.output).toContain('deploy/settings.py:3:26');
      expect(blocked.output).toMatch(/commit blocked: 2 secrets/);
      expect(blocked.output).toMatch(/rotate it/);
      expect(blocked.output).toMatch(/--no-verify/);
      assertNoSecret([blocked.stdout, blocked.stderr], [secret]);
      expect(headCount(repo)).toBe(0);

      repo.write('deploy/settings.py', 'import os\nAWS_SECRET_ACCESS_KEY = os.environ["AWS_SECRET_ACCESS_KEY"]\n');
      repo.git('add', '.');
      const ok = commit(repo, []);
      expect(ok.status, ok.output).toBe(0);
      expect(ok.output).toMatch(/scanned 1 file, 2 added lines/);
      expect(headCount(repo)).toBe(1);
    }));

  it.each([
    ['one git diff', {}],
    ['cat-file fast path', { KEYGATE_FAST_PATH_BYTES: '0' }],
  ] as [string, Record<string, string>][])('scans the temporary index of git commit -a and -a with new files (%s)', (_name, env) =>
    withRepo((repo) => {
      installHook(repo);
      repo.write('app.ini', 'name = app\n');
      repo.git('add', '.');
      expect(commit(repo, [], env).status).toBe(0);
      repo.write('app.ini', `name = app\nsecret_key = ${fakeSecret()}\n`);
      const blocked = commit(repo, ['-a'], env);
      expect(blocked.status).not.toBe(0);
      expect(blocked.output).toContain('app.ini:2:14');
      // A new file added to the index, then committed with -a beside the modification.
      repo.write('app.ini', 'name = app\nregion = eu\n');
      repo.write('new.env', `AWS_SECRET_ACCESS_KEY=${fakeSecret()}\n`);
      repo.git('add', 'new.env');
      const both = commit(repo, ['-a'], env);
      expect(both.status).not.toBe(0);
      expect(both.output).toContain('new.env:1:23');
      expect(both.output).toMatch(/scanned 2 files, 2 added lines/);
      expect(headCount(repo)).toBe(1);
    }),
  );

  it('scans the temporary index of git commit -a', () =>
    withRepo((repo) => {
      installHook(repo);
      repo.write('app.ini', 'name = app\n');
      repo.git('add', '.');
      expect(commit(repo, []).status).toBe(0);
      // Modified in the working tree only: nothing is staged until commit -a stages it.
      repo.write('app.ini', `name = app\nsecret_key = ${fakeSecret()}\n`);
      const blocked = commit(repo, ['-a']);
      expect(blocked.status).not.toBe(0);
      expect(blocked.output).toContain('app.ini:2:14');
      expect(headCount(repo)).toBe(1);
    }));

  it('scans the temporary index of git commit <path>, and only that path', () =>
    withRepo((repo) => {
      installHook(repo);
      repo.write('a.ini', 'a\n');
      repo.write('b.ini', 'b\n');
      repo.git('add', '.');
      expect(commit(repo, []).status).toBe(0);
      repo.write('a.ini', `a\nsecret_key = ${fakeSecret()}\n`);
      repo.write('b.ini', 'b\nfine\n');
      // a.ini's secret is staged in the real index, but commit <path> records only b.ini.
      repo.git('add', 'a.ini');
      const onlyB = commit(repo, ['b.ini']);
      expect(onlyB.status, onlyB.output).toBe(0);
      expect(onlyB.output).toMatch(/scanned 1 file, 1 added line/);
      const withA = commit(repo, ['a.ini']);
      expect(withA.status).not.toBe(0);
      expect(withA.output).toContain('a.ini:2:14');
    }));

  it('fails closed: a git failure blocks the commit with one clear line', () =>
    withRepo((repo) => {
      installHook(repo);
      repo.write('x.txt', 'x\n');
      repo.git('add', '.');
      const broken = join(repo.dir, 'broken-index');
      writeFileSync(broken, 'not an index');
      const r = repo.keygate(['scan', '--staged'], { GIT_INDEX_FILE: broken });
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^keygate: error: git diff --cached failed: .*index/m);
      expect(r.stderr).toMatch(/commit is blocked/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }));

  it('blocks the commit, saying how to fix it, when keygate cannot be found', () =>
    withRepo((repo) => {
      const hooks = join(repo.dir, '.git', 'hooks');
      mkdirSync(hooks, { recursive: true });
      copyFileSync(join(HOOKS, 'pre-commit'), join(hooks, 'pre-commit'));
      repo.write('x.txt', 'x\n');
      repo.git('add', '.');
      const r = commit(repo, [], { PATH: '/usr/bin:/bin' });
      expect(r.status).not.toBe(0);
      expect(r.output).toMatch(/keygate is not installed here.*npm install/);
      // Told where keygate is, the same copied hook works.
      const ok = commit(repo, [], { KEYGATE_CLI: CLI });
      expect(ok.status, ok.output).toBe(0);
    }));

  it('prints no colour when not on a terminal, and none with NO_COLOR', () =>
    withRepo((repo) => {
      repo.write('k.env', `AWS_ACCESS_KEY_ID=${fakeKeyId()}\n`);
      repo.git('add', '.');
      const plain = repo.keygate(['scan', '--staged']);
      expect(plain.stdout).not.toMatch(/\x1b\[/);
      const noColor = repo.keygate(['scan', '--staged'], { NO_COLOR: '1', FORCE_COLOR: '1' });
      expect(noColor.stdout).not.toMatch(/\x1b\[/);
      expect(plain.stdout).toContain('k.env:1:19');
    }));
});

const DIST = join(ROOT, 'dist');

describe("husky's line in .husky/pre-commit, before npm install (keygate's copy in the git directory)", () => {
  /** Puts the built dist/ where husky-mode install copies it: <git-common-dir>/keygate/dist. */
  function copyDist(commonDir: string): void {
    const to = join(commonDir, 'keygate', 'dist');
    mkdirSync(to, { recursive: true });
    // What install copies (dist/husky/ is for install itself, not the hook).
    for (const f of DIST_FILES) copyFileSync(join(DIST, f), join(to, f));
  }

  it('finds the copy in .git, and through git where .git is a file (a linked worktree)', () =>
    withRepo((repo) => {
      repo.write('a.txt', 'a\n');
      repo.git('add', '.');
      repo.git('commit', '-qm', 'init');
      copyDist(join(repo.dir, '.git'));
      const wt = `${repo.dir}-wt`;
      repo.git('worktree', 'add', '-q', wt);
      try {
        for (const dir of [repo.dir, wt]) {
          writeFileSync(join(dir, 'k.env'), `AWS_SECRET_ACCESS_KEY=${fakeSecret()}\n`);
          spawnSync('git', ['add', 'k.env'], { cwd: dir, env: gitEnv() });
          const r = spawnSync('sh', ['-e', '-c', huskyBlock('pre-commit')], { cwd: dir, env: gitEnv(), encoding: 'utf8' });
          expect(r.status, `${dir}: ${r.stderr}`).toBe(1);
          expect(r.stdout).toContain('k.env:1:23');
        }
        // Neither node_modules nor a copy: the commit is blocked, saying how to fix it.
        rmSync(join(repo.dir, '.git', 'keygate'), { recursive: true });
        const none = spawnSync('sh', ['-e', '-c', huskyBlock('pre-commit')], { cwd: wt, env: gitEnv(), encoding: 'utf8' });
        expect(none.status).toBe(1);
        expect(none.stderr).toMatch(/keygate is not installed here.*commit blocked; run npm install/);
      } finally {
        rmSync(wt, { recursive: true, force: true });
      }
    }));
});
