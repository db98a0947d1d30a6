import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packKeygate, type Packed } from '../helpers/pack.js';
import { gitEnv, withRepo } from '../helpers/repo.js';

/**
 * The published package, as npm packs it: what is in it, what installing it does to a
 * project (nothing but keygate itself), and `keygate --version` from every place it runs from.
 */
let packed: Packed | undefined;
let npmCache = '';
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

beforeAll(() => {
  packed = packKeygate();
  npmCache = join(packed.dir, 'npm-cache');
  mkdirSync(npmCache);
});
afterAll(() => packed?.remove());

function npm(cwd: string, args: string[]) {
  const r = spawnSync('npm', args, {
    cwd,
    env: gitEnv({ npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_cache: npmCache }),
    encoding: 'utf8',
  });
  return { status: r.status, out: r.stdout + r.stderr, stdout: r.stdout };
}

describe('the npm package', () => {
  it('npm pack prints only the tarball name on stdout (the pre-commit framework reads it)', () => {
    expect(packed?.stdout).toBe(`keygate-${version}.tgz\n`);
  });

  it('holds dist/, the hook and the docs, and a manifest with no scripts and no dependencies', () => {
    const list = execFileSync('tar', ['-tzf', packed!.tarball], { encoding: 'utf8' }).trim().split('\n').sort();
    expect(list).toEqual(
      [
        '.pre-commit-hooks.yaml',
        'README.md',
        'dist/cli.cjs',
        'dist/hook.cache',
        'dist/hook.cjs',
        'dist/husky/LICENSE',
        'dist/husky/bin.js',
        'dist/husky/husky',
        'dist/husky/index.js',
        'dist/husky/package.json',
        'dist/keygate.cache',
        'dist/keygate.cjs',
        'dist/keywords.bin',
        'dist/micromatch.cjs',
        'dist/shard-worker.cjs',
        'hooks/pre-commit',
        'package.json',
      ].map((f) => `package/${f}`),
    );
    const manifest = JSON.parse(execFileSync('tar', ['-xOzf', packed!.tarball, 'package/package.json'], { encoding: 'utf8' })) as Record<string, unknown>;
    expect(manifest['scripts']).toBeUndefined();
    expect(manifest['dependencies']).toBeUndefined();
    expect(manifest['allowScripts']).toBeUndefined();
    expect(manifest['version']).toBe(version);
    expect(manifest['bin']).toEqual({ keygate: 'dist/cli.cjs' });
  });

  it('installs as one package, offline, without warnings, leaving the project’s husky alone', () =>
    withRepo((repo) => {
      // A project on husky 8 (its copy in node_modules as npm would have left it).
      repo.write('package.json', JSON.stringify({ name: 'app', version: '1.0.0', devDependencies: { husky: '8.0.3' } }, null, 2) + '\n');
      repo.write('node_modules/husky/package.json', JSON.stringify({ name: 'husky', version: '8.0.3' }) + '\n');
      const r = npm(repo.dir, ['install', '--no-save', '--no-package-lock', packed!.tarball]);
      expect(r.status, r.out).toBe(0);
      expect(r.out).not.toMatch(/npm warn/i);
      expect(r.out).toMatch(/added 1 package\b/);
      expect(
        readdirSync(join(repo.dir, 'node_modules'))
          .filter((f) => !f.startsWith('.'))
          .sort(),
      ).toEqual(['husky', 'keygate']);
      expect(JSON.parse(readFileSync(join(repo.dir, 'node_modules/husky/package.json'), 'utf8')).version).toBe('8.0.3');
      const v = spawnSync(join(repo.dir, 'node_modules/.bin/keygate'), ['--version'], { cwd: repo.dir, encoding: 'utf8' });
      expect(v.status, v.stderr).toBe(0);
      expect(v.stdout).toBe(`${version}\n`);
    }));

  it('keygate --version from npx, the plain hook’s copy and husky’s copy in .git', () =>
    withRepo((repo) => {
      const npx = (cwd: string, args: string[]) =>
        spawnSync('npx', ['--yes', '--package', packed!.tarball, 'keygate', ...args], {
          cwd,
          env: gitEnv({ npm_config_offline: 'true', npm_config_update_notifier: 'false', npm_config_cache: npmCache }),
          encoding: 'utf8',
        });
      const v = npx(repo.dir, ['--version']);
      expect(v.status, v.stderr).toBe(0);
      expect(v.stdout).toBe(`${version}\n`);
      expect(npx(repo.dir, ['install']).status).toBe(0);
      const copy = spawnSync(process.execPath, [join(repo.dir, '.git/hooks/keygate/dist/cli.cjs'), '--version'], { encoding: 'utf8' });
      expect(copy.stderr).toBe('');
      expect(copy.stdout).toBe(`${version}\n`);
      expect(npx(repo.dir, ['uninstall']).status).toBe(0);
      writeFileSync(join(repo.dir, 'package.json'), '{"name": "app"}\n');
      const husky = npx(repo.dir, ['install']);
      expect(husky.status, husky.stdout + husky.stderr).toBe(0);
      const inGit = spawnSync(process.execPath, [join(repo.dir, '.git/keygate/dist/cli.cjs'), '--version'], { encoding: 'utf8' });
      expect(inGit.stderr).toBe('');
      expect(inGit.stdout).toBe(`${version}\n`);
    }));
});
