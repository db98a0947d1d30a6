import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrappedGitExecPath } from '../helpers/git-wrapper.js';
import { CLI, gitEnv, type JsonReport, type Repo, where, withRepo } from '../helpers/repo.js';
import { assertNoSecret, fakeKeyId, fakeSecret } from '../helpers/secrets.js';

/**
 * A large commit's added files are read from the work tree when it holds their staged bytes
 * (src/git/work-tree-blobs.ts: the bytes must hash to the staged object id), else from git.
 * What is scanned must be what is staged, whatever the work tree has become since: edited,
 * emptied, a FIFO, a link, line endings converted, or a SHA-256 repository. Each case runs the
 * built CLI with every added file on that path (KEYGATE_FAST_PATH_BYTES=0) and a git on PATH
 * that counts its `cat-file --batch` runs, which says which way the bytes came.
 */
let gitDir = '';
beforeAll(() => {
  gitDir = wrappedGitExecPath('keygate-counting-git-', [
    '  *" cat-file --batch "*)',
    '    n=1; while ! mkdir "$COUNT_DIR/$n" 2>/dev/null; do n=$((n + 1)); done ;;',
  ]);
});
afterAll(() => rmSync(gitDir, { recursive: true, force: true }));

/** The staged scan, and how many cat-file --batch processes it ran. */
function scan(repo: Repo, env: Record<string, string> = {}): { status: number | null; report: JsonReport; catFiles: number; out: string } {
  const counts = mkdtempSync(join(tmpdir(), 'keygate-count-'));
  try {
    const r = spawnSync(process.execPath, [CLI, 'scan', '--staged', '--format', 'json'], {
      cwd: repo.dir,
      env: gitEnv({ PATH: `${gitDir}:${process.env['PATH'] ?? ''}`, COUNT_DIR: counts, KEYGATE_FAST_PATH_BYTES: '0', ...env }),
      encoding: 'utf8',
      timeout: 20_000,
    });
    if (r.status !== 0 && r.status !== 1) throw new Error(`keygate failed (${String(r.status)} ${String(r.signal)}): ${r.stderr}`);
    return { status: r.status, report: JSON.parse(r.stdout) as JsonReport, catFiles: readdirSync(counts).length, out: r.stdout + r.stderr };
  } finally {
    rmSync(counts, { recursive: true, force: true });
  }
}

function pair(): { text: string; secrets: string[] } {
  const id = fakeKeyId();
  const secret = fakeSecret();
  return { text: `# deploy\nAWS_ACCESS_KEY_ID=${id}\nAWS_SECRET_ACCESS_KEY=${secret}\n`, secrets: [id, secret] };
}

const FOUND = ['aws-access-key-id deploy.env:2:19', 'aws-secret-access-key deploy.env:3:23'];

/**
 * deploy.env staged with a key pair, then changed in the work tree by `change` (given its path
 * and the staged text): the pair is found where it was staged, read through one cat-file.
 */
function changedAfterStaging(repo: Repo, change: (file: string, text: string) => void): void {
  const { text, secrets } = pair();
  repo.write('deploy.env', text);
  repo.git('add', 'deploy.env');
  change(join(repo.dir, 'deploy.env'), text);
  const r = scan(repo);
  expect(where(r.report)).toEqual(FOUND);
  expect(r.catFiles).toBe(1);
  assertNoSecret([r.out], secrets);
}

describe('added files read from the work tree only where it holds the staged bytes', () => {
  it('the work tree holds them: found, and no cat-file runs', () =>
    withRepo((repo) => {
      const { text, secrets } = pair();
      repo.write('deploy.env', text);
      repo.write('tool.sh', '#!/bin/sh\necho ok\n');
      repo.git('add', '.');
      repo.git('update-index', '--chmod=+x', 'tool.sh');
      const r = scan(repo);
      expect(where(r.report)).toEqual(FOUND);
      expect(r.catFiles).toBe(0);
      expect(r.report.stats.files).toBe(2);
      assertNoSecret([r.out], secrets);
    }));

  it('the secret was staged and then removed from the work tree: found where it was staged', () =>
    withRepo((repo) => changedAfterStaging(repo, (file) => writeFileSync(file, '# deploy\n'))));

  it('the file was emptied or deleted after staging: still found', () =>
    withRepo((repo) => {
      const { text } = pair();
      repo.write('deploy.env', text);
      repo.write('other.env', text.replace('deploy', 'other'));
      repo.git('add', '.');
      repo.write('deploy.env', '');
      unlinkSync(join(repo.dir, 'other.env'));
      const r = scan(repo);
      expect(where(r.report)).toEqual([...FOUND, ...FOUND.map((f) => f.replace('deploy', 'other'))]);
    }));

  it('a secret written after staging is not what is committed: not reported', () =>
    withRepo((repo) => {
      repo.write('deploy.env', '# deploy\n');
      repo.git('add', '.');
      repo.write('deploy.env', pair().text);
      const r = scan(repo);
      expect(r.status).toBe(0);
      expect(r.report.findings).toEqual([]);
      expect(r.catFiles).toBe(1);
    }));

  it('a staged file replaced by a FIFO: no wait for a writer, the staged bytes come from git', () =>
    withRepo((repo) =>
      changedAfterStaging(repo, (file) => {
        unlinkSync(file);
        execFileSync('mkfifo', [file]);
      }),
    ));

  it('a staged file replaced by a link to the same bytes: read from git, not through the link', () =>
    withRepo((repo) =>
      changedAfterStaging(repo, (file, text) => {
        repo.write('elsewhere/copy.txt', text);
        unlinkSync(file);
        symlinkSync('elsewhere/copy.txt', file);
      }),
    ));

  it('a staged file whose directory became a loop of links: read from git, no error', () =>
    withRepo((repo) => {
      const { text } = pair();
      repo.write('conf/deploy.env', text);
      repo.write('app.js', 'export {};\n');
      repo.git('add', '.');
      rmSync(join(repo.dir, 'conf'), { recursive: true });
      symlinkSync('conf', join(repo.dir, 'conf'));
      const r = scan(repo);
      expect(where(r.report)).toEqual(FOUND.map((f) => f.replace('deploy.env', 'conf/deploy.env')));
      expect(r.catFiles).toBe(1);
    }));

  it('line endings converted on checkout (core.autocrlf): the LF blob is scanned, lines as staged', () =>
    withRepo((repo) => {
      repo.git('config', 'core.autocrlf', 'true');
      const { text } = pair();
      repo.write('deploy.env', text.replaceAll('\n', '\r\n'));
      repo.git('add', '.');
      const r = scan(repo);
      expect(where(r.report)).toEqual(FOUND);
      expect(r.catFiles).toBe(1);
    }));

  it('a SHA-256 repository: its object ids are SHA-256 hashes, matched the same way', () =>
    withRepo((repo) => {
      rmSync(join(repo.dir, '.git'), { recursive: true, force: true });
      repo.git('init', '-q', '--object-format=sha256', '-b', 'main');
      const { text } = pair();
      repo.write('deploy.env', text);
      repo.git('add', '.');
      const r = scan(repo);
      expect(where(r.report)).toEqual(FOUND);
      expect(r.catFiles).toBe(0);
    }));

  it('a file above the size read whole (8 MB): hashed, then scanned as it is hashed again; from git once edited', () =>
    withRepo((repo) => {
      const { text } = pair();
      const big = text + `# ${'x'.repeat(99)}\n`.repeat(90_000);
      repo.write('deploy.env', big);
      repo.git('add', '.');
      const same = scan(repo);
      expect(where(same.report)).toEqual(FOUND);
      expect(same.catFiles).toBe(0);
      expect(same.report.stats.addedLines).toBe(90_003);
      repo.write('deploy.env', big + '# edited\n');
      const edited = scan(repo);
      expect(where(edited.report)).toEqual(FOUND);
      expect(edited.catFiles).toBe(1);
      expect(edited.report.stats.addedLines).toBe(90_003);
    }));

  it('a large file rewritten over and over while it is read: the staged secret is found, or the scan fails; never a pass', async () => {
    await withRepo(async (repo) => {
      const { text, secrets } = pair();
      const filler = `# ${'x'.repeat(99)}\n`.repeat(90_000);
      // The staged content holds the key pair; the other version, of the same size, holds none.
      const staged = text + filler;
      const other = text.replace(/[A-Za-z0-9+/]/g, '#') + filler;
      repo.write('deploy.env', staged);
      repo.git('add', '.');
      const file = join(repo.dir, 'deploy.env');
      // Another process writes one version then the other over the file, in place, as fast as it can.
      const versions = [join(repo.dir, '.git', 'staged.version'), join(repo.dir, '.git', 'other.version')];
      writeFileSync(versions[0]!, staged);
      writeFileSync(versions[1]!, other);
      const writer = spawn(process.execPath, [
        '-e',
        `const fs = require('fs'); const fd = fs.openSync(${JSON.stringify(file)}, 'r+'); const [a, b] = ${JSON.stringify(versions)}.map((f) => fs.readFileSync(f)); for (;;) { fs.writeSync(fd, b, 0, b.length, 0); fs.writeSync(fd, a, 0, a.length, 0); }`,
      ]);
      try {
        await new Promise((resolve) => setTimeout(resolve, 200));
        for (let i = 0; i < 4; i++) {
          const r = spawnSync(process.execPath, [CLI, 'scan', '--staged', '--format', 'json'], {
            cwd: repo.dir,
            env: gitEnv({ KEYGATE_FAST_PATH_BYTES: '0' }),
            encoding: 'utf8',
            timeout: 20_000,
          });
          const out = r.stdout + r.stderr;
          expect([1, 2], out).toContain(r.status);
          if (r.status === 1) expect(where(JSON.parse(r.stdout) as JsonReport)).toEqual(FOUND);
          else expect(r.stderr).toMatch(/changed while keygate read it|keygate: error/);
          assertNoSecret([out], secrets);
        }
      } finally {
        writer.kill('SIGKILL');
      }
    });
  }, 60_000);

  it('two threads, files of both kinds in each shard: the same findings as one thread', () =>
    withRepo((repo) => {
      const filler = Array.from({ length: 2000 }, (_, i) => `  const value${i} = compute(items[${i}], options.limit) + ${i};`).join('\n') + '\n';
      const keys = Array.from({ length: 20 }, () => pair());
      // ~20 MB in 20 files (above the 16 MB at which a second thread starts); every other file edited after staging.
      keys.forEach((k, f) => repo.write(`part${f}.env`, filler.repeat(9) + k.text));
      repo.git('add', '.');
      keys.forEach((_k, f) => f % 2 === 1 && repo.write(`part${f}.env`, filler));
      const one = scan(repo, { KEYGATE_THREADS: '1' });
      const two = scan(repo, { KEYGATE_THREADS: '2' });
      expect(one.report.findings).toHaveLength(40);
      expect(where(two.report)).toEqual(where(one.report));
      expect(two.catFiles).toBeGreaterThanOrEqual(1);
      assertNoSecret(
        [one.out, two.out],
        keys.flatMap((k) => k.secrets),
      );
    }));
});
