import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packKeygate, type Packed } from '../helpers/pack.js';
import { gitEnv, type Repo, withRepo } from '../helpers/repo.js';
import { fakeSecret } from '../helpers/secrets.js';

/**
 * `npx keygate install` as users run it: the package is packed with npm pack, and npx installs
 * that tarball from the local npm cache only (offline: no network needed), in fresh repos of
 * every kind. Then real commits: a fake key must be blocked with file:line, a clean one pass.
 */
let packed: Packed | undefined;
let tarball = '';
/**
 * npm's cache for these tests only, empty at the start: keygate's package has no runtime
 * dependencies, so npx installs the tarball offline from nothing, on any machine — whatever
 * the machine's own npm cache holds or lacks.
 */
let npmCache = '';

beforeAll(() => {
  packed = packKeygate();
  tarball = packed.tarball;
  npmCache = join(packed.dir, 'npm-cache');
  mkdirSync(npmCache);
});

afterAll(() => packed?.remove());

function npxKeygate(cwd: string, args: string[], env: Record<string, string> = {}) {
  const r = spawnSync('npx', ['--yes', '--package', tarball, 'keygate', ...args], {
    cwd,
    env: gitEnv({ npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_cache: npmCache, ...env }),
    encoding: 'utf8',
  });
  return { status: r.status, out: r.stdout + r.stderr };
}

function commit(repo: Repo, env: Record<string, string> = {}) {
  // Offline and without npm at all: the hook must not need npx or the npx cache.
  const r = repo.gitRun(['commit', '-m', 'change'], { env: { npm_config_cache: '/nonexistent', ...env } });
  return { status: r.status, out: r.stdout + r.stderr };
}

/** husky 9 set up in a clone as `npx husky` leaves it: core.hooksPath .husky/_, a stub per hook that runs h, h runs .husky/<hook>. */
function huskySetUp(repo: Repo): void {
  repo.git('config', 'core.hooksPath', '.husky/_');
  mkdirSync(join(repo.dir, '.husky/_'), { recursive: true });
  writeFileSync(
    join(repo.dir, '.husky/_/h'),
    '#!/usr/bin/env sh\nn=$(basename "$0")\ns=$(dirname "$(dirname "$0")")/$n\n[ ! -f "$s" ] && exit 0\nsh -e "$s" "$@"\n',
    { mode: 0o755 },
  );
  writeFileSync(join(repo.dir, '.husky/_/pre-commit'), '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n', { mode: 0o755 });
}

function stageSecret(repo: Repo, path = 'config/prod.env'): string {
  const secret = fakeSecret();
  repo.write(path, `REGION=eu-west-1\nAWS_SECRET_ACCESS_KEY=${secret}\n`);
  repo.git('add', path);
  return secret;
}

function expectBlocked(repo: Repo, path = 'config/prod.env'): void {
  const blocked = commit(repo);
  expect(blocked.status, blocked.out).not.toBe(0);
  expect(blocked.out).toContain(`${path}:2:23`);
  repo.git('rm', '-q', '--cached', path);
  rmSync(join(repo.dir, path));
}

function expectCleanPasses(repo: Repo, name = 'README.md'): string {
  repo.write(name, `# ${name}\n`);
  repo.git('add', name);
  const ok = commit(repo);
  expect(ok.status, ok.out).toBe(0);
  return ok.out;
}

/** Every file under a directory with its mode and content, to compare states. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else out[p.slice(dir.length)] = `${(st.mode & 0o777).toString(8)} ${createHash('sha1').update(readFileSync(p)).digest('hex')}`;
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

describe('npx keygate install (packed tarball, offline)', () => {
  it('a lefthook repository is refused with what to add to its config, and nothing changes (lefthook would drop the block)', () =>
    withRepo((repo) => {
      // Found by a newcomer's trial: lefthook rewrites .git/hooks/pre-commit when it syncs.
      repo.write('package.json', '{\n  "name": "app",\n  "version": "1.0.0"\n}\n');
      repo.write('lefthook.yml', 'pre-commit:\n  commands:\n    lint:\n      run: npm run lint\n');
      repo.git('add', '-A');
      repo.git('commit', '-qm', 'init');
      const hooks = snapshot(join(repo.dir, '.git/hooks'));
      for (const args of [['install'], ['install', '--no-husky'], ['install', '--dry-run']]) {
        const r = npxKeygate(repo.dir, args);
        expect(r.status, r.out).toBe(2);
        expect(r.out).toMatch(
          /lefthook's \(lefthook\.yml\).*add keygate to devDependencies and to lefthook\.yml: pre-commit: commands: keygate: run: npx keygate scan --staged/,
        );
      }
      expect(repo.git('status', '--porcelain')).toBe('');
      expect(snapshot(join(repo.dir, '.git/hooks'))).toEqual(hooks);
    }));

  it('a hook that only mentions lefthook is no lefthook hook: install goes ahead', () =>
    withRepo((repo) => {
      repo.write('.git/hooks/pre-commit', '#!/bin/sh\n# moved away from lefthook in 2023\n./lint.sh\n');
      chmodSync(join(repo.dir, '.git/hooks/pre-commit'), 0o755);
      const r = npxKeygate(repo.dir, ['install']);
      expect(r.status, r.out).toBe(0);
    }));

  it('a repo without package.json: plain hook, blocks a key, passes clean, twice = once, uninstall', () =>
    withRepo((repo) => {
      const dry = npxKeygate(repo.dir, ['install', '--dry-run']);
      expect(dry.status, dry.out).toBe(0);
      expect(dry.out).toMatch(/would\n.*copy keygate/);
      expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
      const first = npxKeygate(repo.dir, ['install']);
      expect(first.status, first.out).toBe(0);
      expect(first.out).toMatch(/write the pre-commit hook \.git\/hooks\/pre-commit/);
      const after = snapshot(join(repo.dir, '.git/hooks'));
      const second = npxKeygate(repo.dir, ['install']);
      expect(second.out).toMatch(/already installed/);
      expect(snapshot(join(repo.dir, '.git/hooks'))).toEqual(after);
      stageSecret(repo);
      expectBlocked(repo);
      expectCleanPasses(repo);
      // A path allow needs micromatch, a file of its own in the copy (dist/micromatch.cjs).
      repo.write('.keygate.json', '{"allow": [{"path": "fixtures/**", "reason": "test fixtures", "added": "2026-01-01"}]}\n');
      stageSecret(repo, 'fixtures/aws.env');
      repo.git('add', '.keygate.json');
      const allowed = commit(repo);
      expect(allowed.status, allowed.out).toBe(0);
      expect(allowed.out).toMatch(/allowed/);
      const doctor = npxKeygate(repo.dir, ['doctor']);
      expect(doctor.status, doctor.out).toBe(0);
      expect(doctor.out).toMatch(/will run on your next commit/);
      // The blocked run above left its record (for keygate allow --last): uninstall takes it too.
      expect(existsSync(join(repo.dir, '.git/keygate/last-run.json'))).toBe(true);
      expect(npxKeygate(repo.dir, ['uninstall', '--dry-run']).out).toMatch(/remove .*\.git\/keygate\/last-run\.json/);
      const un = npxKeygate(repo.dir, ['uninstall']);
      expect(un.status, un.out).toBe(0);
      expect(existsSync(join(repo.dir, '.git/hooks/pre-commit'))).toBe(false);
      expect(existsSync(join(repo.dir, '.git/hooks/keygate'))).toBe(false);
      expect(existsSync(join(repo.dir, '.git/keygate'))).toBe(false);
      expect(npxKeygate(repo.dir, ['doctor']).status).toBe(1);
    }));

  it('an existing shell hook keeps its name and place: keygate goes first in it, its exit status still counts', () =>
    withRepo((repo) => {
      const hook = join(repo.dir, '.git/hooks/pre-commit');
      mkdirSync(join(repo.dir, '.git/hooks'), { recursive: true });
      // Like husky 4's hook: it finds its config by its own name and sources a file beside it.
      writeFileSync(join(repo.dir, '.git/hooks/lib.sh'), 'lib_loaded=yes\n');
      const original =
        '#!/bin/sh\nhook_name=$(basename "$0")\n. "$(dirname "$0")/lib.sh"\necho "lint hook ran as $hook_name (lib $lib_loaded)"\n[ -f BLOCK ] && { echo "lint hook says no"; exit 3; }\nexit 0\n';
      writeFileSync(hook, original);
      chmodSync(hook, 0o755);
      const r = npxKeygate(repo.dir, ['install']);
      expect(r.status, r.out).toBe(0);
      expect(r.out).toMatch(/under its own name/);
      // Clean change, passing old hook: passes, and the old hook ran under its own name.
      expect(expectCleanPasses(repo)).toMatch(/lint hook ran as pre-commit \(lib yes\)/);
      repo.write('BLOCK', 'x\n');
      repo.git('add', 'BLOCK');
      const byLint = commit(repo);
      expect(byLint.status).not.toBe(0);
      expect(byLint.out).toMatch(/lint hook says no/);
      repo.git('rm', '-q', '--cached', 'BLOCK');
      rmSync(join(repo.dir, 'BLOCK'));
      stageSecret(repo);
      expectBlocked(repo);
      expect(npxKeygate(repo.dir, ['install']).out).toMatch(/already installed/);
      expect(npxKeygate(repo.dir, ['doctor']).status).toBe(0);
      expect(npxKeygate(repo.dir, ['uninstall']).status).toBe(0);
      expect(readFileSync(hook, 'utf8')).toBe(original);
      expect(statSync(hook).mode & 0o777).toBe(0o755);
      expect(
        readdirSync(join(repo.dir, '.git/hooks'))
          .filter((f) => !f.endsWith('.sample'))
          .sort(),
      ).toEqual(['lib.sh', 'pre-commit']);
    }));

  it('an existing hook that is no shell script runs first, under its own name, and is put back on uninstall', () =>
    withRepo((repo) => {
      const hook = join(repo.dir, '.git/hooks/pre-commit');
      mkdirSync(join(repo.dir, '.git/hooks'), { recursive: true });
      const original = `#!${process.execPath}\nconst path = require('path');\nconsole.log('node hook ran as ' + path.basename(process.argv[1]));\nprocess.exit(require('fs').existsSync('BLOCK') ? 4 : 0);\n`;
      writeFileSync(hook, original);
      chmodSync(hook, 0o755);
      expect(npxKeygate(repo.dir, ['install']).status).toBe(0);
      expect(expectCleanPasses(repo)).toMatch(/node hook ran as pre-commit/);
      repo.write('BLOCK', 'x\n');
      repo.git('add', 'BLOCK');
      expect(commit(repo).status).not.toBe(0);
      repo.git('rm', '-q', '--cached', 'BLOCK');
      rmSync(join(repo.dir, 'BLOCK'));
      stageSecret(repo);
      expectBlocked(repo);
      expect(npxKeygate(repo.dir, ['uninstall']).status).toBe(0);
      expect(readFileSync(hook, 'utf8')).toBe(original);
      expect(readdirSync(join(repo.dir, '.git/hooks')).filter((f) => !f.endsWith('.sample'))).toEqual(['pre-commit']);
    }));

  it('a Node repo without husky: sets husky up as it documents, with keygate in .husky/pre-commit', () =>
    withRepo((repo) => {
      const pkg = '{\n    "name": "app",\n    "version": "1.0.0",\n    "scripts": {\n        "build": "tsc"\n    }\n}\n';
      repo.write('package.json', pkg);
      repo.git('add', '.');
      repo.git('commit', '-qm', 'init');
      const r = npxKeygate(repo.dir, ['install']);
      expect(r.status, r.out).toBe(0);
      const data = JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8')) as {
        devDependencies: Record<string, string>;
        scripts: Record<string, string>;
      };
      expect(data.devDependencies).toEqual({ husky: '^9.1.7', keygate: '^0.1.0' });
      expect(data.scripts).toEqual({ build: 'tsc', prepare: 'husky' });
      expect(readFileSync(join(repo.dir, 'package.json'), 'utf8')).toMatch(/^ {4}"name"/m);
      expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
      expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toMatch(/^# >>> keygate[\s\S]*keygate_run hook[\s\S]*# <<< keygate$/m);
      stageSecret(repo);
      expectBlocked(repo);
      expectCleanPasses(repo);
      expect(npxKeygate(repo.dir, ['uninstall']).status).toBe(0);
      expect(readFileSync(join(repo.dir, 'package.json'), 'utf8')).toBe(pkg);
      expect(existsSync(join(repo.dir, '.husky'))).toBe(false);
      expect(repo.gitRun(['config', 'core.hooksPath']).status).toBe(1);
    }));

  it('a Node repo with husky 9: keygate goes first in .husky/pre-commit, every line kept', () =>
    withRepo((repo) => {
      repo.write('package.json', '{\n  "name": "app",\n  "scripts": { "prepare": "husky" },\n  "devDependencies": { "husky": "^9.1.7" }\n}\n');
      const lines = 'echo "lint-staged ran"\necho "tests ran"\n';
      repo.write('.husky/pre-commit', lines);
      huskySetUp(repo);
      repo.git('add', 'package.json', '.husky/pre-commit');
      repo.git('commit', '-qm', 'init');
      const r = npxKeygate(repo.dir, ['install']);
      expect(r.status, r.out).toBe(0);
      expect(r.out).not.toMatch(/set husky up/);
      const text = readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8');
      expect(text.split('\n')[0]).toMatch(/^# >>> keygate/);
      expect(text).toContain('keygate_run hook');
      expect(text.endsWith(lines)).toBe(true);
      const data = JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
      expect(data.devDependencies).toEqual({ husky: '^9.1.7', keygate: '^0.1.0' });
      stageSecret(repo);
      expectBlocked(repo);
      expect(expectCleanPasses(repo)).toMatch(/lint-staged ran[\s\S]*tests ran/);
      expect(npxKeygate(repo.dir, ['uninstall']).status).toBe(0);
      expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toBe(lines);
      expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky/_');
    }));

  it('the one-line form earlier versions wrote in .husky/pre-commit: recognised (no second copy) and removed by uninstall', () =>
    withRepo((repo) => {
      repo.write(
        'package.json',
        '{\n  "name": "app",\n  "scripts": { "prepare": "husky" },\n  "devDependencies": { "husky": "^9.1.7", "keygate": "^0.1.0" }\n}\n',
      );
      const old =
        'if [ -x node_modules/.bin/keygate ]; then node_modules/.bin/keygate hook; elif [ -f .git/keygate/dist/cli.cjs ]; then node .git/keygate/dist/cli.cjs hook; ' +
        'else echo "keygate: not installed in this clone: run npm install (commit blocked)" >&2; exit 1; fi # added by keygate install';
      repo.write('.husky/pre-commit', `${old}\necho "tests ran"\n`);
      huskySetUp(repo);
      repo.git('add', '.');
      repo.git('commit', '-qm', 'init', '--no-verify'); // keygate is not installed yet
      expect(npxKeygate(repo.dir, ['install']).status).toBe(0);
      expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toBe(`${old}\necho "tests ran"\n`);
      stageSecret(repo);
      expectBlocked(repo);
      expect(npxKeygate(repo.dir, ['uninstall']).status).toBe(0);
      expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toBe('echo "tests ran"\n');
    }));

  it('--no-husky in a Node repo, with a local core.hooksPath', () =>
    withRepo((repo) => {
      repo.write('package.json', '{"name": "app"}\n');
      repo.git('add', '.');
      repo.git('commit', '-qm', 'init');
      repo.git('config', 'core.hooksPath', '.githooks');
      const r = npxKeygate(repo.dir, ['install', '--no-husky']);
      expect(r.status, r.out).toBe(0);
      expect(existsSync(join(repo.dir, '.githooks/pre-commit'))).toBe(true);
      expect(readFileSync(join(repo.dir, 'package.json'), 'utf8')).toBe('{"name": "app"}\n');
      stageSecret(repo);
      expectBlocked(repo);
    }));

  it('installed from a linked worktree, guards commits in every worktree', () =>
    withRepo((repo) => {
      repo.write('a.txt', 'a\n');
      repo.git('add', '.');
      repo.git('commit', '-qm', 'init');
      const wt = `${repo.dir}-wt`;
      repo.git('worktree', 'add', '-q', wt);
      try {
        const r = npxKeygate(wt, ['install']);
        expect(r.status, r.out).toBe(0);
        for (const dir of [wt, repo.dir]) {
          writeFileSync(join(dir, 'k.env'), `AWS_SECRET_ACCESS_KEY=${fakeSecret()}\n`);
          execFileSync('git', ['add', 'k.env'], { cwd: dir, env: gitEnv() });
          const c = spawnSync('git', ['commit', '-m', 'x'], { cwd: dir, env: gitEnv(), encoding: 'utf8' });
          expect(c.status, dir).not.toBe(0);
          expect(c.stdout + c.stderr).toContain('k.env:1:23');
        }
      } finally {
        rmSync(wt, { recursive: true, force: true });
      }
    }));

  it('refuses, changing nothing, where a hook could not work or the repo is broken', () =>
    withRepo((repo) => {
      // Beside the repository, named after its (unique) temp directory: no clock in test data.
      const globalConfig = `${repo.dir}.global.gitconfig`;
      writeFileSync(globalConfig, '[core]\n\thooksPath = /opt/corp/hooks\n');
      try {
        const shadowed = npxKeygate(repo.dir, ['install'], { GIT_CONFIG_GLOBAL: globalConfig });
        expect(shadowed.status).toBe(2);
        expect(shadowed.out).toMatch(/core\.hooksPath is set to \/opt\/corp\/hooks in your global git config/);
        expect(shadowed.out).toMatch(/git config core\.hooksPath \.git\/hooks/);
        const doc = npxKeygate(repo.dir, ['doctor'], { GIT_CONFIG_GLOBAL: globalConfig });
        expect(doc.status).toBe(1);
        expect(doc.out).toMatch(/set in global config/);
      } finally {
        rmSync(globalConfig, { force: true });
      }
      const before = snapshot(repo.dir);
      repo.write('package.json', '{ "name": ');
      const badJson = npxKeygate(repo.dir, ['install']);
      expect(badJson.status).toBe(2);
      expect(badJson.out).toMatch(/package\.json is not valid JSON.*nothing was changed/);
      repo.write('package.json', '{"devDependencies": {"husky": "^4.3.8"}}\n');
      const old = npxKeygate(repo.dir, ['install']);
      expect(old.status).toBe(2);
      expect(old.out).toMatch(/husky \^4\.3\.8 is too old/);
      rmSync(join(repo.dir, 'package.json'));
      expect(snapshot(repo.dir)).toEqual(before);
      const nowhere = mkdtempSync(join(tmpdir(), 'keygate-norepo-'));
      const bare = mkdtempSync(join(tmpdir(), 'keygate-bare-'));
      try {
        const notRepo = npxKeygate(nowhere, ['install'], { GIT_CEILING_DIRECTORIES: tmpdir() });
        expect(notRepo.status).toBe(2);
        expect(notRepo.out).toMatch(/not inside a git repository/);
        execFileSync('git', ['init', '-q', '--bare', bare]);
        const inBare = npxKeygate(bare, ['install']);
        expect(inBare.status).toBe(2);
        expect(inBare.out).toMatch(/bare repository/);
        expect(readdirSync(join(bare, 'hooks')).some((f) => f === 'pre-commit')).toBe(false);
      } finally {
        rmSync(nowhere, { recursive: true, force: true });
        rmSync(bare, { recursive: true, force: true });
      }
    }));
});

describe('npx keygate install --pre-push', () => {
  function remoteRepo(repo: Repo): string {
    const remote = `${repo.dir}-remote.git`;
    execFileSync('git', ['init', '-q', '--bare', remote], { env: gitEnv() });
    repo.git('remote', 'add', 'origin', remote);
    return remote;
  }
  function push(repo: Repo, ...args: string[]) {
    const r = repo.gitRun(['push', 'origin', ...args]);
    return { status: r.status, out: r.stdout + r.stderr };
  }

  it.each([
    ['plain git hook', false],
    ['husky', true],
  ] as [string, boolean][])('blocks a push of a commit made with --no-verify (%s), naming the commit', (_mode, husky) =>
    withRepo((repo) => {
      const remote = remoteRepo(repo);
      try {
        if (husky) {
          repo.write('package.json', '{"name": "app"}\n');
          // A line after keygate's block that reads git's ref lines too.
          repo.write('.husky/pre-push', 'read local_ref local_sha remote_ref remote_sha\necho "later line saw $remote_ref"\n');
        }
        repo.write('a.txt', 'a\n');
        repo.git('add', '.');
        repo.git('commit', '-qm', 'a');
        expect(push(repo, 'main').status).toBe(0);
        const r = npxKeygate(repo.dir, ['install', '--pre-push']);
        expect(r.status, r.out).toBe(0);
        // As a user would: commit what install changed (package.json, .husky/).
        repo.git('add', '-A');
        repo.git('commit', '-q', '--allow-empty', '-m', 'guard with keygate');
        repo.write('deploy/k.env', `AWS_SECRET_ACCESS_KEY=${fakeSecret()}\n`);
        repo.git('add', 'deploy/k.env');
        repo.git('commit', '-q', '--no-verify', '-m', 'sneaky');
        const sha = repo.git('rev-parse', 'HEAD').trim();
        const blocked = push(repo, 'main');
        expect(blocked.status, blocked.out).not.toBe(0);
        expect(blocked.out).toContain(`deploy/k.env:1:23 (commit ${sha.slice(0, 12)})`);
        expect(blocked.out).toMatch(/push blocked: 1 secret in the commits to push/);
        expect(blocked.out).toMatch(/git rebase -i/);
        // History rewritten without the secret: the push goes through.
        repo.git('reset', '-q', '--hard', 'HEAD~1');
        repo.write('b.txt', 'b\n');
        repo.git('add', 'b.txt');
        repo.git('commit', '-qm', 'b');
        const ok = push(repo, 'main');
        expect(ok.status, ok.out).toBe(0);
        expect(ok.out).toMatch(/scanned 2 commits/);
        if (husky) expect(ok.out).toMatch(/later line saw refs\/heads\/main/);
        expect(npxKeygate(repo.dir, ['uninstall']).status).toBe(0);
        expect(existsSync(join(repo.dir, '.git/hooks/pre-push'))).toBe(false);
        if (husky) expect(readFileSync(join(repo.dir, '.husky/pre-push'), 'utf8')).not.toMatch(/keygate/);
      } finally {
        rmSync(remote, { recursive: true, force: true });
      }
    }),
  );
});
