import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REAL_EXEC_PATH, wrappedGitExecPath } from '../helpers/git-wrapper.js';
import { installHook, type Repo, withRepo } from '../helpers/repo.js';
import { assertNoSecret, fakeKeyId, fakeSecret } from '../helpers/secrets.js';

/**
 * The git that keygate runs dies while it talks: killed by SIGKILL (as the OOM killer does),
 * or exiting non-zero with nothing on stderr, or exiting 0 having said only part of it. Real
 * `git commit`s with the real hook, where the hook's own `git diff --cached` is cut after N
 * bytes, for N across the whole output. Not one commit may land.
 *
 * How the hook's git is made to die: git puts its exec-path first on a hook's PATH, so the
 * commit runs with GIT_EXEC_PATH at a copy of git's exec-path (links to every helper) whose
 * `git` is a script: for the staged diff (`diff --cached --raw`) it passes on N bytes of the
 * real git's output, then dies as the case says; every other git call goes to the real git.
 */
let execPath = '';

beforeAll(() => {
  execPath = wrappedGitExecPath('keygate-dying-git-', [
    `  *" diff --cached --raw "*)`,
    '    [ "$DIE" = hang ] && exec sleep 613',
    `    "${REAL_EXEC_PATH}/git" "$@" | head -c "$CUT_AT"`,
    '    case $DIE in',
    '      kill) kill -9 $$ ;;',
    '      exit) exit 3 ;;',
    '      *) exit 0 ;;',
    '    esac ;;',
  ]);
});
afterAll(() => rmSync(execPath, { recursive: true, force: true }));

function stagePair(repo: Repo): { secrets: string[]; size: number } {
  const id = fakeKeyId();
  const secret = fakeSecret();
  // A clean file first and the key pair after it: most cut points fall before the secret.
  const filler = Array.from({ length: 200 }, (_, i) => `line_${i} = "value ${i}"`).join('\n');
  repo.write('app/config.py', `${filler}\n`);
  repo.write('deploy/settings.py', `AWS_ACCESS_KEY_ID = "${id}"\nAWS_SECRET_ACCESS_KEY = "${secret}"\n`);
  repo.git('add', '.');
  const size = execFileSync('git', ['diff', '--cached', '--raw', '--patch', '-z', '-U0', '--no-color'], { cwd: repo.dir }).length;
  return { secrets: [id, secret], size };
}

describe('git dies during the hook’s staged diff: the commit never lands', () => {
  for (const die of ['kill', 'exit', 'exit0'] as const) {
    it(`git ${die === 'kill' ? 'killed by SIGKILL' : die === 'exit' ? 'exits 3 with empty stderr' : 'exits 0 having said only part'} mid-output, at 15 cut points`, () =>
      withRepo((repo) => {
        installHook(repo);
        const { secrets, size } = stagePair(repo);
        const cuts = Array.from({ length: 15 }, (_, i) => Math.floor((size * i) / 15));
        const outcomes: string[] = [];
        for (const cut of cuts) {
          const r = repo.gitRun(['commit', '-m', 'x'], { env: { GIT_EXEC_PATH: execPath, CUT_AT: String(cut), DIE: die } });
          const out = r.stdout + r.stderr;
          expect(r.status, `cut at ${cut} of ${size}: ${out}`).not.toBe(0);
          expect(repo.gitRun(['rev-parse', '--verify', '-q', 'HEAD']).status, `a commit landed (cut at ${cut})`).not.toBe(0);
          // One clear line saying git failed, never "no secrets found".
          expect(out).not.toMatch(/no secrets found|nothing staged/);
          expect(out).toMatch(/keygate: error: git diff --cached (failed|showed nothing)|keygate: error: git diff (output ended|listed)/);
          assertNoSecret([out], secrets);
          // Told by its exit code and stderr, never by what it wrote to stdout (the diff).
          if (die === 'exit') expect(out, `cut at ${cut}`).toMatch(/git exited with code 3, saying nothing/);
          expect(out).not.toMatch(/diff --git|line_\d+ =/);
          outcomes.push(out.split('\n').find((l) => l.startsWith('keygate: error:')) ?? '');
        }
        expect(outcomes.every((o) => o !== '')).toBe(true);
        // The same repository with a healthy git: blocked for the secret itself.
        const healthy = repo.gitRun(['commit', '-m', 'x']);
        expect(healthy.status).toBe(1);
        expect(healthy.stdout + healthy.stderr).toContain('deploy/settings.py:2:');
      }));
  }

  it('git hangs (silent, never exits): the commit is blocked once KEYGATE_TIMEOUT passes, with one line', () =>
    withRepo(async (repo) => {
      installHook(repo);
      const { secrets } = stagePair(repo);
      const started = Date.now();
      const r = repo.gitRun(['commit', '-m', 'x'], { env: { GIT_EXEC_PATH: execPath, CUT_AT: '0', DIE: 'hang', KEYGATE_TIMEOUT: '2' } });
      const took = Date.now() - started;
      const out = r.stdout + r.stderr;
      expect(r.status, out).not.toBe(0);
      expect(repo.gitRun(['rev-parse', '--verify', '-q', 'HEAD']).status).not.toBe(0);
      expect(out).toMatch(/keygate: error: (the scan did not finish within 2 s|git diff --cached failed: block timeout reached)/);
      expect(took).toBeLessThan(30_000);
      assertNoSecret([out], secrets);
      // The hung git was ended, not left behind.
      await new Promise((r) => setTimeout(r, 300));
      expect(spawnSync('pgrep', ['-f', 'sleep 613']).stdout.toString()).toBe('');
    }));
});

describe('git dies while a large commit is read on two threads: the commit never lands', () => {
  let shardExec = '';
  beforeAll(() => {
    // Every `cat-file --batch` (counted with mkdir, which is atomic) passes on CUT_AT bytes, then
    // dies. The threads take files from one queue, so which of them reads through cat-file
    // (and how many cat-files run) depends on timing: whichever it is, its death must block.
    shardExec = wrappedGitExecPath('keygate-dying-shard-', [
      '  *" cat-file --batch "*)',
      '    n=1; while ! mkdir "$COUNT_DIR/$n" 2>/dev/null; do n=$((n + 1)); done',
      `    "${REAL_EXEC_PATH}/git" "$@" | head -c "$CUT_AT"`,
      '    kill -9 $$ ;;',
    ]);
  });
  afterAll(() => rmSync(shardExec, { recursive: true, force: true }));

  it.each([
    ['mid-output', 300_000],
    ['before a byte of output', 0],
  ])('every cat-file dies %s', (_when, cutAt) =>
    withRepo((repo) => {
      installHook(repo);
      const id = fakeKeyId();
      const secret = fakeSecret();
      const filler = Array.from({ length: 2000 }, (_, i) => `  const value${i} = compute(items[${i}], options.limit) + ${i};`).join('\n') + '\n';
      // ~20 MB in 20 files: above the size at which a scan uses a second thread (16 MB).
      const parts = Array.from({ length: 20 }, (_, f) => filler.repeat(9) + (f === 13 ? `const k = "${id}";\nconst s = "${secret}";\n` : ''));
      parts.forEach((text, f) => repo.write(`src/part${f}.js`, text));
      repo.git('add', '.');
      // Edited after staging: the work tree no longer holds the staged bytes, so every file
      // is read through cat-file (src/git/work-tree-blobs.ts), whose death is under test.
      parts.forEach((text, f) => repo.write(`src/part${f}.js`, `${text}// edited\n`));
      const counts = mkdtempSync(join(tmpdir(), 'keygate-count-'));
      try {
        const r = repo.gitRun(['commit', '-m', 'x'], { env: { GIT_EXEC_PATH: shardExec, COUNT_DIR: counts, CUT_AT: String(cutAt), KEYGATE_THREADS: '2' } });
        const out = r.stdout + r.stderr;
        expect(readdirSync(counts).length, 'a cat-file ran (and died)').toBeGreaterThanOrEqual(1);
        expect(r.status, out).not.toBe(0);
        expect(repo.gitRun(['rev-parse', '--verify', '-q', 'HEAD']).status, 'a commit landed').not.toBe(0);
        expect(out).not.toMatch(/no secrets found/);
        expect(out).toMatch(/^keygate: error: /m);
        assertNoSecret([out], [id, secret]);
      } finally {
        rmSync(counts, { recursive: true, force: true });
      }
    }),
  );
});
