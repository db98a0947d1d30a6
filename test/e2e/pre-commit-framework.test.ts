import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packKeygate, type Packed } from '../helpers/pack.js';
import { CLI, gitEnv, ROOT, type Repo, withRepo } from '../helpers/repo.js';
import { assertNoSecret, fakeSecret } from '../helpers/secrets.js';

/**
 * Under the pre-commit framework (pre-commit.com), keygate gets the files to check as
 * arguments. Both ways users wire it, exactly as README shows them: the remote-repository form
 * (`repo:` + `rev:`, the framework builds keygate from its repository with `npm install` and
 * `npm pack`) against a local clone used as the remote, and `repo: local`. A known failure of
 * other scanners here is to scan zero bytes and pass; another is a file named like an option.
 */
const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;
const version = (JSON.parse(execFileSync('cat', [join(ROOT, 'package.json')], { encoding: 'utf8' })) as { version: string }).version;
// npm's cache as `npm ci` of this checkout filled it: the framework's `npm install` of
// keygate's devDependencies runs offline from it (the fresh HOME below has no cache).
const npmCache = execFileSync('npm', ['config', 'get', 'cache'], { encoding: 'utf8' }).trim();

let home = '';
beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'keygate-precommit-home-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

function frameworkEnv(): NodeJS.ProcessEnv {
  return gitEnv({
    HOME: home,
    PRE_COMMIT_HOME: join(home, 'cache'),
    npm_config_cache: npmCache,
    npm_config_offline: 'true',
    npm_config_update_notifier: 'false',
  });
}

function preCommit(repo: Repo, args: string[]) {
  const r = spawnSync('pre-commit', args, { cwd: repo.dir, env: frameworkEnv(), encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

function commit(repo: Repo) {
  const r = spawnSync('git', ['commit', '-m', 'x'], { cwd: repo.dir, env: frameworkEnv(), encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** A repository of this checkout's files, committed and tagged as a release: the "remote". */
function keygateRemote(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keygate-remote-'));
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' })
    .split('\0')
    .filter((f) => f !== '');
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    try {
      copyFileSync(join(ROOT, f), join(dir, f));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  const g = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: gitEnv(), stdio: 'pipe' });
  g('init', '-q', '-b', 'main');
  g('add', '-A');
  g('-c', 'commit.gpgsign=false', 'commit', '-q', '--no-verify', '-m', 'release');
  g('tag', `v${version}`);
  return dir;
}

/** Files whose names look like options, each with a fake key pair, and a clean one. */
function stageHostileNames(repo: Repo): string[] {
  const secrets: string[] = [];
  for (const name of ['-h', '--help', '--no-color', '--format=json', 'deploy/prod.env']) {
    const secret = fakeSecret();
    secrets.push(secret);
    repo.write(name, `REGION=eu\nAWS_SECRET_ACCESS_KEY=${secret}\n`);
  }
  repo.write('src/app.py', 'print("hello")\n');
  repo.git('add', '--', '.');
  return secrets;
}

function expectEveryFileBlocked(out: string): void {
  for (const name of ['-h', '--help', '--no-color', '--format=json', 'deploy/prod.env']) expect(out).toContain(`${name}:2:23`);
}

describe.skipIf(!hasPreCommit)('the pre-commit framework', () => {
  it('validates keygate’s .pre-commit-hooks.yaml', () => {
    const r = spawnSync('pre-commit', ['validate-manifest', '.pre-commit-hooks.yaml'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it(
    'remote form (repo: + rev:, as README shows it): install-hooks builds keygate; run and commit block',
    () =>
      withRepo((repo) => {
        const remote = keygateRemote();
        try {
          repo.write('.pre-commit-config.yaml', `repos:\n  - repo: ${remote}\n    rev: v${version}\n    hooks:\n      - id: keygate\n`);
          const secrets = stageHostileNames(repo);
          const install = preCommit(repo, ['install-hooks']);
          expect(install.status, install.out).toBe(0);
          const all = preCommit(repo, ['run', '--all-files']);
          expect(all.status, all.out).toBe(1);
          expectEveryFileBlocked(all.out);
          expect(all.out).toMatch(/scanned 7 files/);
          const one = preCommit(repo, ['run', '--verbose', '--files', 'src/app.py']);
          expect(one.status, one.out).toBe(0);
          expect(one.out).toMatch(/scanned 1 file, 1 added line/);
          expect(preCommit(repo, ['install']).status).toBe(0);
          const c = commit(repo);
          expect(c.status, c.out).not.toBe(0);
          expectEveryFileBlocked(c.out);
          expect(repo.gitRun(['rev-parse', '--verify', '-q', 'HEAD']).status).not.toBe(0);
          assertNoSecret([all.out, one.out, c.out], secrets);
        } finally {
          rmSync(remote, { recursive: true, force: true });
        }
      }),
    300_000,
  );

  it('repo: local, keygate from node_modules (as README shows it): run and commit block', () =>
    withRepo((repo) => {
      let packed: Packed | undefined;
      try {
        packed = packKeygate();
        repo.write('package.json', '{"name": "app", "version": "1.0.0"}\n');
        const npm = spawnSync('npm', ['install', '--save-dev', packed.tarball], { cwd: repo.dir, env: frameworkEnv(), encoding: 'utf8' });
        expect(npm.status, npm.stdout + npm.stderr).toBe(0);
        repo.write(
          '.pre-commit-config.yaml',
          [
            'repos:',
            '  - repo: local',
            '    hooks:',
            '      - id: keygate',
            '        name: keygate',
            '        entry: node_modules/.bin/keygate scan --no-color --',
            '        language: system',
            '        types: [file]',
            '        require_serial: true',
            '',
          ].join('\n'),
        );
        repo.write('.gitignore', 'node_modules/\n');
        const secrets = stageHostileNames(repo);
        const all = preCommit(repo, ['run', '--all-files']);
        expect(all.status, all.out).toBe(1);
        expectEveryFileBlocked(all.out);
        expect(preCommit(repo, ['install']).status).toBe(0);
        const c = commit(repo);
        expect(c.status, c.out).not.toBe(0);
        expectEveryFileBlocked(c.out);
        assertNoSecret([all.out, c.out], secrets);
      } finally {
        packed?.remove();
      }
    }));

  it('the built CLI under repo: local with language: system (this checkout’s dist)', () =>
    withRepo((repo) => {
      repo.write(
        '.pre-commit-config.yaml',
        `repos:\n  - repo: local\n    hooks:\n      - id: keygate\n        name: keygate\n        entry: node ${CLI} scan --no-color --\n        language: system\n        types: [file]\n        require_serial: true\n`,
      );
      stageHostileNames(repo);
      const all = preCommit(repo, ['run', '--all-files']);
      expect(all.status).toBe(1);
      expectEveryFileBlocked(all.out);
      // doctor reads the framework's hook and its config (a newcomer's trial: it said "will NOT run").
      expect(preCommit(repo, ['install']).status).toBe(0);
      const doctor = repo.keygate(['doctor']);
      expect(doctor.status, doctor.stdout).toBe(0);
      expect(doctor.stdout).toMatch(/the pre-commit framework's hook runs \.pre-commit-config\.yaml, which has a keygate hook/);
    }));

  // Found by a newcomer's trial: in a Node repository (a package.json, no husky) using the
  // framework, keygate install set husky up, core.hooksPath moved, and git no longer ran the
  // framework's hook: a file its check refuses was committed. doctor had advised that install.
  it("keygate install in a Node repository the framework guards: keygate goes first in the framework's hook, which keeps running", () =>
    withRepo((repo) => {
      repo.write('package.json', '{ "name": "app", "version": "1.0.0" }\n');
      repo.write(
        '.pre-commit-config.yaml',
        `repos:\n  - repo: local\n    hooks:\n      - id: no-todo\n        name: no TODO\n        entry: "TODO"\n        language: pygrep\n        types: [text]\n`,
      );
      repo.git('add', '.');
      repo.git('commit', '-qm', 'base', '--no-verify');
      expect(preCommit(repo, ['install']).status).toBe(0);
      const doctorBefore = repo.keygate(['doctor']);
      expect(doctorBefore.status).toBe(1);
      expect(doctorBefore.stdout).toMatch(/pre-commit framework's, and \.pre-commit-config\.yaml has no keygate hook/);
      const install = repo.keygate(['install']);
      expect(install.status, install.stderr).toBe(0);
      expect(install.stdout).toMatch(/beside the hooks there \(pre-commit\), not into husky/);
      expect(repo.gitRun(['config', 'core.hooksPath']).stdout.trim()).toBe('');
      expect(repo.keygate(['doctor']).status).toBe(0);
      // The framework's check still runs (and blocks), and so does keygate.
      repo.write('notes.txt', 'TODO: later\n');
      repo.git('add', 'notes.txt');
      const todo = commit(repo);
      expect(todo.status, todo.out).toBe(1);
      expect(todo.out).toMatch(/no TODO\.+Failed/);
      const secret = fakeSecret();
      repo.write('notes.txt', `aws_secret_access_key = ${secret}\n`);
      repo.git('add', 'notes.txt');
      const key = commit(repo);
      expect(key.status, key.out).toBe(1);
      expect(key.out).toContain('notes.txt:1:25');
      assertNoSecret([key.out, install.stdout], [secret]);
      repo.write('notes.txt', 'done\n');
      repo.git('add', 'notes.txt');
      expect(commit(repo).status).toBe(0);
    }));
});
