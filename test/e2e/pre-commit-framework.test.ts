import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, gitEnv, withRepo } from '../helpers/repo.js';
import { fakeSecret } from '../helpers/secrets.js';

/**
 * Under the pre-commit framework (pre-commit.com), keygate gets the files to check as
 * arguments. A known failure of other scanners there is to scan zero bytes and pass.
 */
const hasPreCommit = spawnSync('pre-commit', ['--version']).status === 0;

describe.skipIf(!hasPreCommit)('the pre-commit framework', () => {
  it('validates keygate’s .pre-commit-hooks.yaml', () => {
    const r = spawnSync('pre-commit', ['validate-manifest', '.pre-commit-hooks.yaml'], { cwd: join(CLI, '../..'), encoding: 'utf8' });
    expect(r.status, r.stdout + r.stderr).toBe(0);
  });

  it('scans the files it passes: --all-files, --files, and at git commit', () =>
    withRepo((repo) => {
      const home = mkdtempSync(join(tmpdir(), 'keygate-precommit-home-'));
      try {
        // The manifest's entry, run with the system's node (the framework's node language
        // would fetch keygate from the registry; the entry and its arguments are the same).
        repo.write(
          '.pre-commit-config.yaml',
          `repos:\n  - repo: local\n    hooks:\n      - id: keygate\n        name: keygate\n        entry: node ${CLI} scan --no-color\n        language: system\n        types: [file]\n        require_serial: true\n`,
        );
        repo.write('src/app.py', 'print("hello")\n');
        repo.write('deploy/prod.env', `REGION=eu\nAWS_SECRET_ACCESS_KEY=${fakeSecret()}\n`);
        repo.git('add', '.');
        const env = gitEnv({ HOME: home, PRE_COMMIT_HOME: join(home, 'cache') });
        const run = (args: string[]) => {
          const r = spawnSync('pre-commit', args, { cwd: repo.dir, env, encoding: 'utf8' });
          return { status: r.status, out: r.stdout + r.stderr };
        };
        const all = run(['run', '--all-files']);
        expect(all.status).toBe(1);
        expect(all.out).toContain('deploy/prod.env:2:23');
        expect(all.out).toMatch(/scanned 3 files/);
        const one = run(['run', '--files', 'src/app.py']);
        expect(one.status, one.out).toBe(0);
        const verbose = run(['run', '--verbose', '--files', 'src/app.py']);
        expect(verbose.out).toMatch(/scanned 1 file, 1 added line/);
        expect(run(['install']).status).toBe(0);
        const c = spawnSync('git', ['commit', '-m', 'x'], { cwd: repo.dir, env, encoding: 'utf8' });
        expect(c.status).not.toBe(0);
        expect(c.stdout + c.stderr).toContain('deploy/prod.env:2:23');
      } finally {
        rmSync(home, { recursive: true, force: true });
      }
    }));
});
