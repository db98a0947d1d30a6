import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, withRepo } from '../helpers/repo.js';
import { fakeSecret } from '../helpers/secrets.js';

function withDist<T>(fn: (dist: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'keygate-dist-'));
  try {
    cpSync(join(ROOT, 'dist'), dir, { recursive: true });
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('dist/cli.cjs launcher', () => {
  it('still scans when the code cache is garbage (V8 rejects it) or missing', () =>
    withRepo((repo) =>
      withDist((dist) => {
        repo.write('k.env', `AWS_SECRET_ACCESS_KEY=${fakeSecret()}\n`);
        repo.git('add', '.');
        writeFileSync(join(dist, 'hook.cache'), 'not a code cache');
        const bad = spawnSync(process.execPath, [join(dist, 'cli.cjs'), 'scan', '--staged'], { cwd: repo.dir, encoding: 'utf8' });
        expect(bad.status).toBe(1);
        expect(bad.stdout).toContain('k.env:1:23');
        rmSync(join(dist, 'hook.cache'));
        const none = spawnSync(process.execPath, [join(dist, 'cli.cjs'), 'scan', '--staged'], { cwd: repo.dir, encoding: 'utf8' });
        expect(none.status).toBe(1);
      }),
    ));

  it.each([
    ['hook', ['scan', '--staged']],
    ['keygate', ['doctor']],
  ])('fails closed with one line when the %s bundle is broken or missing', (name, args) =>
    withRepo((repo) =>
      withDist((dist) => {
        writeFileSync(join(dist, `${name}.cjs`), 'this is } not javascript');
        const broken = spawnSync(process.execPath, [join(dist, 'cli.cjs'), ...args], { cwd: repo.dir, encoding: 'utf8' });
        expect(broken.status).toBe(2);
        expect(broken.stderr).toMatch(/^keygate: error: cannot start keygate: .*commit is blocked/);
        expect(broken.stderr.trim().split('\n')).toHaveLength(1);
        rmSync(join(dist, `${name}.cjs`));
        const missing = spawnSync(process.execPath, [join(dist, 'cli.cjs'), ...args], { cwd: repo.dir, encoding: 'utf8' });
        expect(missing.status).toBe(2);
        expect(missing.stderr.trim().split('\n')).toHaveLength(1);
      }),
    ));
});
