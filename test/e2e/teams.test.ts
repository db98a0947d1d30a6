import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packKeygate, type Packed } from '../helpers/pack.js';
import { gitEnv, ROOT, type Repo, withRepo } from '../helpers/repo.js';
import { assertNoSecret, fakeSecret } from '../helpers/secrets.js';

/**
 * keygate installed as a team would: into a repository with a lock file and its own husky, then
 * committed, then a teammate's fresh clone with the team's normal `npm ci`, then a commit with
 * a fake key — which must be blocked. Offline, with nothing from npm's cache: husky 9.1.7 and
 * 8.0.3 (this checkout's devDependencies, as husky and husky-8) and keygate itself are packed
 * into the repository's vendor/, so that its lock file points at files it holds.
 */
let packed: Packed | undefined;
// An empty npm cache of these tests' own: what they install is all in the repositories.
const npmCache = mkdtempSync(join(tmpdir(), 'keygate-teams-npm-cache-'));
const npmEnv = {
  npm_config_cache: npmCache,
  npm_config_offline: 'true',
  npm_config_update_notifier: 'false',
  npm_config_audit: 'false',
  npm_config_fund: 'false',
};

beforeAll(() => {
  packed = packKeygate();
});
afterAll(() => {
  packed?.remove();
  rmSync(npmCache, { recursive: true, force: true });
});

function run(cwd: string, command: string, args: string[], extra: Record<string, string> = {}) {
  const r = spawnSync(command, args, { cwd, env: gitEnv({ ...npmEnv, ...extra }), encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}

/**
 * pnpm and yarn as teams run them: this checkout's devDependencies (pnpm 9, yarn 1), on PATH,
 * with stores of the test's own, offline.
 */
const managers = (): Record<string, string> => ({
  PATH: `${join(ROOT, 'node_modules', '.bin')}:${process.env['PATH'] ?? ''}`,
  npm_config_store_dir: join(npmCache, 'pnpm-store'),
  YARN_CACHE_FOLDER: join(npmCache, 'yarn-cache'),
  YARN_ENABLE_TELEMETRY: '0',
});

/**
 * A PATH on which the given commands are not found, whatever the machine has installed: one
 * directory of links to every other command of PATH, first one found winning as it would
 * (a machine may keep pnpm and yarn in /usr/bin beside node itself), and no node_modules/.bin
 * (npm test puts this checkout's, with pnpm and yarn, first).
 */
function pathWithout(names: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'keygate-path-'));
  const seen = new Set(names);
  for (const d of (process.env['PATH'] ?? '').split(':')) {
    if (d === '' || d.includes('node_modules')) continue;
    let entries: string[];
    try {
      entries = readdirSync(d);
    } catch {
      continue;
    }
    for (const name of entries) {
      if (seen.has(name)) continue;
      seen.add(name);
      symlinkSync(join(d, name), join(dir, name));
    }
  }
  made.push(dir);
  return dir;
}
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

function npxKeygate(cwd: string, args: string[], extra: Record<string, string> = {}) {
  return run(cwd, 'npx', ['--yes', '--package', (packed as Packed).tarball, 'keygate', ...args], extra);
}

/**
 * A package this checkout has in node_modules (npm ci put it there), packed as a tarball into
 * the repository's vendor/: installable offline on any machine, whatever npm's cache holds.
 */
function vendor(repo: Repo, installed: string): string {
  const out = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', join(repo.dir, 'vendor'), join(ROOT, 'node_modules', installed)], {
    encoding: 'utf8',
    env: gitEnv(npmEnv),
  });
  return `./vendor/${out.trim().split('\n').pop() as string}`;
}

/** The repository as its team has it: package.json, a lock file, node_modules, one commit. */
function teamRepo(repo: Repo, pkg: object, husky: 'husky' | 'husky-8'): void {
  repo.write('package.json', JSON.stringify(pkg, null, 2) + '\n');
  repo.write('.gitignore', 'node_modules/\n');
  mkdirSync(join(repo.dir, 'vendor'));
  const install = run(repo.dir, 'npm', ['install', '--save-dev', vendor(repo, husky)]);
  expect(install.status, install.out).toBe(0);
  copyFileSync((packed as Packed).tarball, join(repo.dir, 'vendor/keygate.tgz'));
  repo.git('add', '-A');
  repo.git('commit', '-qm', 'the team’s repository');
}

/** A teammate's clone: the team's clean install (npm ci, or its manager's), then a commit holding a fake key. */
function teammateCommitsAKey(repo: Repo, ciCommand: [string, string[]] = ['npm', ['ci']]): void {
  const clone = mkdtempSync(join(tmpdir(), 'keygate-teammate-'));
  try {
    execFileSync('git', ['clone', '-q', repo.dir, clone], { env: gitEnv() });
    const ci = run(clone, ciCommand[0], ciCommand[1], managers());
    expect(ci.status, ci.out).toBe(0);
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: clone, encoding: 'utf8' });
    const secret = fakeSecret();
    execFileSync('sh', ['-c', `printf 'AWS_SECRET_ACCESS_KEY=%s\\n' "$1" > deploy.env && git add deploy.env`, 'sh', secret], { cwd: clone, env: gitEnv() });
    const c = run(clone, 'git', ['commit', '-m', 'oops'], managers());
    expect(c.status, c.out).not.toBe(0);
    expect(c.out).toContain('deploy.env:1:23');
    assertNoSecret([c.out, ci.out], [secret]);
    expect(execFileSync('git', ['rev-parse', 'HEAD'], { cwd: clone, encoding: 'utf8' })).toBe(head);
  } finally {
    rmSync(clone, { recursive: true, force: true });
  }
}

describe('a team’s repository: install, commit, a teammate’s fresh clone with npm ci, a fake key', () => {
  it('husky 9 with package-lock.json: keygate and husky go in through npm, the lock file stays in step', () =>
    withRepo((repo) => {
      teamRepo(repo, { name: 'app', version: '1.0.0', scripts: { prepare: 'husky' } }, 'husky');
      const r = npxKeygate(repo.dir, ['install', '--from', './vendor/keygate.tgz']);
      expect(r.status, r.out).toBe(0);
      expect(r.out).toMatch(/with npm install --save-dev .* \(so package-lock\.json stays in step\)/);
      expect(r.out).toMatch(/Commit package\.json, package-lock\.json and \.husky\//);
      const lock = readFileSync(join(repo.dir, 'package-lock.json'), 'utf8');
      expect(lock).toMatch(/"node_modules\/keygate"/);
      repo.git('add', '-A');
      repo.git('commit', '-qm', 'guard with keygate');
      teammateCommitsAKey(repo);
    }));

  // A newcomer's trial: after uninstall, a package.json written without a final newline had
  // one (npm's rewrite). Uninstall puts package.json and the lock file back byte for byte.
  it('install then uninstall through npm: package.json (no final newline) and the lock file come back byte for byte', () =>
    withRepo((repo) => {
      teamRepo(repo, { name: 'app', version: '1.0.0', scripts: { prepare: 'husky' } }, 'husky');
      const tight = readFileSync(join(repo.dir, 'package.json'), 'utf8').replace(/\n+$/, '');
      repo.write('package.json', tight);
      repo.git('commit', '-qam', 'no final newline');
      const lock = readFileSync(join(repo.dir, 'package-lock.json'), 'utf8');
      expect(npxKeygate(repo.dir, ['install', '--from', './vendor/keygate.tgz']).status).toBe(0);
      expect(readFileSync(join(repo.dir, 'package.json'), 'utf8')).toMatch(/keygate/);
      const un = npxKeygate(repo.dir, ['uninstall']);
      expect(un.status, un.out).toBe(0);
      expect(readFileSync(join(repo.dir, 'package.json'), 'utf8')).toBe(tight);
      expect(readFileSync(join(repo.dir, 'package-lock.json'), 'utf8')).toBe(lock);
    }));

  it('husky 8 without a prepare script: husky 8’s conventions (prepare: husky install), not husky 9’s', () =>
    withRepo((repo) => {
      teamRepo(repo, { name: 'app', version: '1.0.0' }, 'husky-8');
      const r = npxKeygate(repo.dir, ['install', '--from', './vendor/keygate.tgz']);
      expect(r.status, r.out).toBe(0);
      const pkg = JSON.parse(readFileSync(join(repo.dir, 'package.json'), 'utf8')) as {
        scripts: Record<string, string>;
        devDependencies: Record<string, string>;
      };
      expect(pkg.scripts['prepare']).toBe('husky install');
      expect(pkg.devDependencies['husky']).toMatch(/husky-8\.0\.3\.tgz/);
      expect(readFileSync(join(repo.dir, '.husky/pre-commit'), 'utf8')).toMatch(/^#!\/usr\/bin\/env sh\n\. "\$\(dirname -- "\$0"\)\/_\/husky\.sh"\n/);
      expect(repo.git('config', 'core.hooksPath').trim()).toBe('.husky');
      expect(existsSync(join(repo.dir, '.husky/_/husky.sh'))).toBe(true);
      repo.git('add', '-A');
      repo.git('commit', '-qm', 'guard with keygate');
      teammateCommitsAKey(repo);
    }));

  it.each([
    ['pnpm', ['add', '--save-dev'], ['install', '--frozen-lockfile', '--offline'], 'pnpm-lock.yaml'],
    ['yarn', ['add', '--dev', '--offline'], ['install', '--frozen-lockfile', '--offline'], 'yarn.lock'],
  ] as const)('husky 9 with %s: keygate goes in through it, and a teammate’s frozen install gets the hook', (manager, add, install, lock) =>
    withRepo((repo) => {
      repo.write('package.json', JSON.stringify({ name: 'app', version: '1.0.0', scripts: { prepare: 'husky' } }, null, 2) + '\n');
      repo.write('.gitignore', 'node_modules/\n');
      mkdirSync(join(repo.dir, 'vendor'));
      const husky = run(repo.dir, manager, [...add, `file:${vendor(repo, 'husky')}`], managers());
      expect(husky.status, husky.out).toBe(0);
      copyFileSync((packed as Packed).tarball, join(repo.dir, 'vendor/keygate.tgz'));
      repo.git('add', '-A');
      repo.git('commit', '-qm', 'the team’s repository');
      const r = npxKeygate(repo.dir, ['install', '--from', 'file:./vendor/keygate.tgz'], { ...managers(), npm_config_offline: 'true', YARN_OFFLINE: 'true' });
      expect(r.status, r.out).toBe(0);
      expect(r.out).toMatch(new RegExp(`with ${manager} add .* \\(so ${lock.replace('.', '\\.')} stays in step\\)`));
      expect(readFileSync(join(repo.dir, lock), 'utf8')).toMatch(/keygate/);
      repo.git('add', '-A');
      repo.git('commit', '-qm', 'guard with keygate');
      teammateCommitsAKey(repo, [manager, [...install]]);
    }),
  );

  it.each(['yarn.lock', 'pnpm-lock.yaml'])(
    'a %s repository where its package manager is not installed: stops, says the exact command, changes nothing',
    (lock) =>
      withRepo((repo) => {
        const manager = lock === 'yarn.lock' ? 'yarn' : 'pnpm';
        const PATH = pathWithout(['pnpm', 'pnpx', 'yarn', 'yarnpkg']);
        expect(spawnSync(manager, ['--version'], { env: { ...process.env, PATH } }).error, `${manager} is on the machine's PATH`).toBeDefined();
        repo.write('package.json', '{\n  "name": "app",\n  "version": "1.0.0"\n}\n');
        repo.write(lock, '# a lock file\n');
        repo.git('add', '-A');
        repo.git('commit', '-qm', 'init');
        const r = npxKeygate(repo.dir, ['install'], { PATH });
        expect(r.status).toBe(2);
        expect(r.out).toMatch(
          new RegExp(`lock file is ${lock.replace('.', '\\.')}, and keygate could not add itself through ${manager} \\(${manager} is not on PATH\\)`),
        );
        expect(r.out).toMatch(new RegExp(`run ${manager} add --(save-)?dev keygate@\\^`));
        expect(repo.git('status', '--porcelain')).toBe('');
        expect(existsSync(join(repo.dir, '.husky'))).toBe(false);
        expect(existsSync(join(repo.dir, '.git/keygate'))).toBe(false);
      }),
  );

  // A newcomer's trial: keygate not on the registry (yet), npm failed, and the error quoted only
  // the line saying where npm's log is. npm here is a stand-in printing what npm 11 prints then.
  it('npm cannot find keygate on the registry: the error says so, and points to --from', () =>
    withRepo((repo) => {
      const bin = mkdtempSync(join(tmpdir(), 'keygate-fake-npm-'));
      try {
        const lines = [
          'npm error code E404',
          'npm error 404 Not Found - GET https://registry.npmjs.org/keygate',
          "npm error 404  The requested resource 'keygate@^0.1.0' could not be found or you do not have permission to access it.",
          'npm error A complete log of this run can be found in: /home/u/.npm/_logs/debug-0.log',
        ];
        writeFileSync(join(bin, 'npm'), `#!/bin/sh\ncat >&2 <<'EOF'\n${lines.join('\n')}\nEOF\nexit 1\n`, { mode: 0o755 });
        repo.write('package.json', '{\n  "name": "app",\n  "version": "1.0.0"\n}\n');
        repo.write('package-lock.json', '{ "name": "app", "lockfileVersion": 3, "requires": true, "packages": {} }\n');
        repo.git('add', '-A');
        repo.git('commit', '-qm', 'init');
        const r = npxKeygate(repo.dir, ['install'], { PATH: `${bin}:${process.env['PATH'] ?? ''}` });
        expect(r.status).toBe(2);
        expect(r.out).toMatch(/could not add itself through npm \(npm failed: npm error 404 Not Found - GET https:\/\/registry\.npmjs\.org\/keygate\)/);
        expect(r.out).toMatch(/install keygate from a tarball or a git URL with --from/);
        expect(repo.git('status', '--porcelain')).toBe('');
      } finally {
        rmSync(bin, { recursive: true, force: true });
      }
    }));

  it('husky 4: install refuses, and doctor says to upgrade husky or use --no-husky, not to run install', () =>
    withRepo((repo) => {
      repo.write(
        'package.json',
        JSON.stringify({ name: 'app', devDependencies: { husky: '^4.3.8' }, husky: { hooks: { 'pre-commit': 'lint-staged' } } }, null, 2) + '\n',
      );
      expect(npxKeygate(repo.dir, ['install']).status).toBe(2);
      const doctor = npxKeygate(repo.dir, ['doctor']);
      expect(doctor.status).toBe(1);
      expect(doctor.out).toMatch(/uses husky 4, which keygate does not install into: upgrade husky .* or run npx keygate install --no-husky/);
      const plain = npxKeygate(repo.dir, ['install', '--no-husky']);
      expect(plain.status, plain.out).toBe(0);
      const secret = fakeSecret();
      repo.write('deploy.env', `AWS_SECRET_ACCESS_KEY=${secret}\n`);
      repo.git('add', 'deploy.env');
      const c = repo.gitRun(['commit', '-m', 'x']);
      expect(c.status).not.toBe(0);
      expect(c.stdout + c.stderr).toContain('deploy.env:1:23');
    }));
});
