import { describe, expect, it } from 'vitest';
import { readAlike } from '../../src/detectors/index.js';
import { installHook, type Repo, withRepo } from '../helpers/repo.js';
import { assertNoSecret, pick, writeAllowedFixture } from '../helpers/secrets.js';

/**
 * A rename or copy shows in a diff only as the lines it changed. Where the move changes how the
 * rest would be read, the file is read whole at its new path: by the staged scan, the hook,
 * --range (pre-push, CI) and --history. Found by an adversarial trial: settings.py renamed to
 * settings.env kept an unquoted password that is an expression in Python and a secret in a .env.
 */
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

interface Found {
  rule: string;
  file: string;
  line: number;
  commit?: string;
}

function findings(repo: Repo, args: string[]): Found[] {
  const r = repo.keygate(['scan', ...args, '--format', 'json']);
  if (r.status === 2) throw new Error(`keygate failed: ${r.stderr}`);
  return (JSON.parse(r.stdout) as { findings: Found[] }).findings;
}

const at = (fs: Found[]): string[] => fs.map((f) => `${f.file}:${f.line}`);

/** What --range (from `base` to HEAD) and --history each report, as `commit rule file:line`; no secret in either. */
function expectInRangeAndHistory(repo: Repo, base: string, expected: string[], secrets: string[]): void {
  for (const args of [['--range', `${base}..HEAD`], ['--history']]) {
    const found = findings(repo, args);
    expect(
      found.map((f) => `${f.commit ?? ''} ${f.rule} ${f.file}:${f.line}`),
      args[0],
    ).toEqual(expected);
    assertNoSecret([JSON.stringify(found)], secrets);
  }
}

/** settings.py holding an unquoted password (an expression to Python, so no finding), committed. */
function pythonSettings(repo: Repo): string {
  // A digit after every two letters: runs of letters may read as words (no finding anywhere).
  const password = Array.from({ length: 8 }, () => pick(LETTERS, 2) + pick('23456789', 1)).join('');
  repo.write('settings.py', `import os\nDB_PASSWORD = ${password}\n`);
  repo.git('add', '.');
  expect(findings(repo, ['--staged'])).toEqual([]);
  repo.git('commit', '-qm', 'settings', '--no-verify');
  return password;
}

describe('a file moved to a path the detectors read otherwise', () => {
  it('is read whole at its new path by the staged scan and the hook', () =>
    withRepo((repo) => {
      const password = pythonSettings(repo);
      repo.git('mv', 'settings.py', 'settings.env');
      const found = findings(repo, ['--staged']);
      expect(at(found)).toEqual(['settings.env:2']);
      installHook(repo);
      const r = repo.gitRun(['commit', '-m', 'to env']);
      expect(r.status).not.toBe(0);
      expect(r.stdout + r.stderr).toMatch(/settings\.env:2/);
      assertNoSecret([r.stdout + r.stderr, JSON.stringify(found)], [password]);
    }));

  it('is read whole at the commit that moved it, by --range and --history', () =>
    withRepo((repo) => {
      const password = pythonSettings(repo);
      const base = repo.git('rev-parse', 'HEAD').trim();
      repo.git('mv', 'settings.py', 'settings.env');
      repo.git('commit', '-qm', 'to env', '--no-verify');
      const moved = repo.git('rev-parse', 'HEAD').trim();
      expectInRangeAndHistory(repo, base, [`${moved} generic-secret settings.env:2`], [password]);
    }));

  it('is not read again when the move keeps how it is read', () =>
    withRepo((repo) => {
      pythonSettings(repo);
      repo.git('mv', 'settings.py', 'config.py');
      expect(findings(repo, ['--staged'])).toEqual([]);
      repo.git('commit', '-qm', 'rename', '--no-verify');
      expect(findings(repo, ['--history'])).toEqual([]);
    }));
});

describe('a file moved out of a path an allow entry covers, in history', () => {
  it('is found at the commit that moved it, by --range and --history; where it was it stays allowed', () =>
    withRepo((repo) => {
      const [id, secret] = writeAllowedFixture(repo);
      repo.git('add', '.');
      repo.git('commit', '-qm', 'fixtures', '--no-verify');
      const base = repo.git('rev-parse', 'HEAD').trim();
      repo.git('mv', 'test/fixtures/creds.env', 'deploy.env');
      repo.git('commit', '-qm', 'move', '--no-verify');
      const moved = repo.git('rev-parse', 'HEAD').trim();
      expectInRangeAndHistory(repo, base, [`${moved} aws-access-key-id deploy.env:2`, `${moved} aws-secret-access-key deploy.env:3`], [id, secret]);
    }));
});

it('readAlike: same syntax family and lock-file kind, or not', () => {
  expect(readAlike('a/settings.py', 'b/config.py')).toBe(true);
  expect(readAlike('settings.py', 'settings.env')).toBe(false);
  expect(readAlike('package-lock.json', 'package.json')).toBe(false);
  expect(readAlike('app.ts', 'app.js')).toBe(true);
});
