import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanFiles, scanHistory, scanStaged } from '../../src/index.js';
import { SHARD_BYTES, SHARD_COMMITS } from '../../src/scan/shards.js';
import type { Report } from '../../src/types.js';
import { gitEnv, type Repo, ROOT, withRepo } from '../helpers/repo.js';
import { assertNoSecret, fakeKeyId, fakeSecret } from '../helpers/secrets.js';

/**
 * Large scans on both cores (issue 14): the input cut into shards, one read and scanned by a
 * worker thread with a git of its own. What they find must be what one thread finds, and a
 * worker that fails must fail the scan.
 */
const WORKER = join(ROOT, 'dist/shard-worker.cjs');
const cores = availableParallelism();
const where = (r: Report) => r.findings.map((f) => `${f.ruleId} ${f.path}:${f.line}:${f.column} ${f.fingerprint} ${f.commit ?? ''}`).sort();
const statsOf = ({ threads: _, ...rest }: Report['stats']) => ({ ...rest, binaryFiles: [...rest.binaryFiles].sort() });

/** ~20 MB of code-like text in 40 files, with a key pair in every fifth file. */
function largeChange(repo: Repo): string[] {
  const secrets: string[] = [];
  const filler = Array.from({ length: 500 }, (_, i) => `  const value${i} = compute(items[${i}], options.limit) + ${i};`).join('\n') + '\n';
  for (let f = 0; f < 40; f++) {
    let text = filler.repeat(Math.ceil((SHARD_BYTES / 40 + 65536) / filler.length));
    if (f % 5 === 0) {
      const id = fakeKeyId();
      const secret = fakeSecret();
      secrets.push(id, secret);
      text += `aws_access_key_id = "${id}"\naws_secret_access_key = "${secret}"\n`;
    }
    repo.write(`src/part${f}/file${f}.js`, text);
  }
  repo.write('logo.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]));
  repo.git('add', '-A');
  return secrets;
}

describe.skipIf(cores < 2)(`sharded scans (this machine: ${cores} cores)`, () => {
  it(
    'a large staged change: the same findings and counts from two threads as from one',
    () =>
      withRepo(async (repo) => {
        const secrets = largeChange(repo);
        const one = await scanStaged({ cwd: repo.dir });
        const two = await scanStaged({ cwd: repo.dir, workerScript: WORKER });
        expect(one.stats.threads).toBeUndefined();
        expect(two.stats.threads).toBe(Math.min(4, cores));
        expect(one.findings).toHaveLength(16);
        expect(where(two)).toEqual(where(one));
        expect(statsOf(two.stats)).toEqual(statsOf(one.stats));
        // The pairs are linked across what the two threads found (both halves of a pair are in one file).
        expect(two.findings.every((f) => f.severity === 'critical' && f.pairedWith.length === 1)).toBe(true);
        assertNoSecret([JSON.stringify(two)], secrets);
      }),
    120_000,
  );

  it(
    'the CLI shards a large change, says so in its JSON stats, and prints no secret',
    () =>
      withRepo((repo) => {
        const secrets = largeChange(repo);
        const r = repo.keygate(['scan', '--staged', '--format', 'json']);
        expect(r.status, r.stderr).toBe(1);
        const report = JSON.parse(r.stdout);
        expect(report.stats.threads).toBe(Math.min(4, cores));
        expect(report.findings).toHaveLength(16);
        assertNoSecret([r.stdout, r.stderr], secrets);
        // KEYGATE_THREADS caps them: 1 is the main thread alone, the same findings.
        const one = repo.keygate(['scan', '--staged', '--format', 'json'], { KEYGATE_THREADS: '1' });
        expect(JSON.parse(one.stdout).stats.threads).toBeUndefined();
        expect(JSON.parse(one.stdout).findings).toEqual(report.findings);
        for (const bad of ['0', 'two', '-1']) {
          const r2 = repo.keygate(['scan', '--staged'], { KEYGATE_THREADS: bad });
          expect(r2.status).toBe(2);
          expect(r2.stderr.trim().split('\n')).toHaveLength(1);
          expect(r2.stderr).toContain('KEYGATE_THREADS must be a whole number');
        }
      }),
    120_000,
  );

  it(
    'the work tree and named files, sharded: the same findings as one thread',
    () =>
      withRepo(async (repo) => {
        largeChange(repo);
        const paths = repo.git('ls-files').trim().split('\n');
        const one = await scanFiles({ cwd: repo.dir, paths });
        const two = await scanFiles({ cwd: repo.dir, paths, workerScript: WORKER });
        expect(two.stats.threads).toBe(Math.min(4, cores));
        expect(where(two)).toEqual(where(one));
        expect(statsOf(two.stats)).toEqual(statsOf(one.stats));
      }),
    120_000,
  );

  it(
    `a history of ${SHARD_COMMITS + 100} commits: the same findings, attribution and re-introductions from two threads as from one`,
    () =>
      withRepo(async (repo) => {
        // Built with git fast-import: hundreds of commits in milliseconds.
        const id = fakeKeyId();
        const n = SHARD_COMMITS + 100;
        let script = '';
        for (let i = 1; i <= n; i++) {
          const files: string[] = [`M 100644 inline src/f${i % 17}.js\ndata <<EOF\nexport const n${i} = ${i};\nEOF\n`];
          // The key comes and goes: added at 10, taken out at 150, put back at 250, kept after.
          if (i === 10 || i === 250) files.push(`M 100644 inline conf/app.ini\ndata <<EOF\nkey = ${id}\nEOF\n`);
          if (i === 150) files.push(`M 100644 inline conf/app.ini\ndata <<EOF\nkey = none\nEOF\n`);
          if (i % 40 === 0) files.push(`M 100644 inline keys/k${i}.ini\ndata <<EOF\nkey = ${fakeKeyId()}\nEOF\n`);
          script += `commit refs/heads/main\ncommitter T <t@example.com> ${1700000000 + i} +0000\ndata <<EOF\nc${i}\nEOF\n${files.join('')}\n`;
        }
        const imported = spawnSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, env: gitEnv(), input: script, encoding: 'utf8' });
        expect(imported.status, imported.stderr).toBe(0);
        const one = await scanHistory({ cwd: repo.dir, selection: {} });
        const progress: number[] = [];
        // Two git processes per thread (the default: on two cores, no worker), and one per thread (a worker per core).
        const streams = await scanHistory({ cwd: repo.dir, selection: {}, workerScript: WORKER });
        const two = await scanHistory({ cwd: repo.dir, selection: {}, workerScript: WORKER, streamsPerThread: 1, onProgress: (p) => progress.push(p.commits) });
        expect(one.stats.commits).toBe(n);
        expect(streams.stats.threads ?? 1).toBe(Math.ceil(Math.min(4, cores) / 2));
        expect(two.stats.threads).toBe(Math.min(4, cores));
        expect(where(streams)).toEqual(where(one));
        expect(streams.findings.map((f) => `${f.commit} ${f.inHead}`)).toEqual(one.findings.map((f) => `${f.commit} ${f.inHead}`));
        expect(statsOf(streams.stats)).toEqual(statsOf(one.stats));
        expect(one.findings.filter((f) => f.path === 'conf/app.ini')).toHaveLength(2);
        expect(one.findings).toHaveLength(2 + Math.floor(n / 40));
        expect(where(two)).toEqual(where(one));
        expect(two.findings.map((f) => `${f.commit} ${f.author} ${f.date} ${f.inHead}`)).toEqual(
          one.findings.map((f) => `${f.commit} ${f.author} ${f.date} ${f.inHead}`),
        );
        expect(statsOf(two.stats)).toEqual(statsOf(one.stats));
        expect(Math.max(...progress)).toBeLessThanOrEqual(n);
      }),
    120_000,
  );

  describe('fail closed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keygate-shard-'));
    const script = (name: string, body: string) => {
      const file = join(dir, name);
      writeFileSync(file, body);
      return file;
    };

    it(
      'a worker that throws, one that exits before its result, one that cannot start, and one that read nothing each fail the scan',
      () =>
        withRepo(async (repo) => {
          largeChange(repo);
          await expect(scanStaged({ cwd: repo.dir, workerScript: script('throws.cjs', "throw new Error('boom')") })).rejects.toThrow(
            /scanning thread failed: boom/,
          );
          await expect(scanStaged({ cwd: repo.dir, workerScript: script('exits.cjs', 'process.exit(3)') })).rejects.toThrow(
            /stopped before it finished \(exit 3\)/,
          );
          await expect(scanStaged({ cwd: repo.dir, workerScript: join(dir, 'missing.cjs') })).rejects.toThrow(/scanning thread failed/);
          // A worker that says it is done having read nothing: its result is not taken.
          const idle = script(
            'idle.cjs',
            "require('node:worker_threads').parentPort.postMessage({ kind: 'done', result: { detected: [], stats: { files: 0, addedLines: 0, bytes: 0, binarySkipped: 0, binaryFiles: [], submodulesSkipped: 0 }, covered: 0 } });",
          );
          await expect(scanStaged({ cwd: repo.dir, workerScript: idle })).rejects.toThrow(/scanning thread read 0 of its \d+ files/);
        }),
      120_000,
    );

    it(
      'a copy of keygate without its worker script blocks a large commit with one line and exit 2',
      () =>
        withRepo((repo) => {
          largeChange(repo);
          const copy = mkdtempSync(join(tmpdir(), 'keygate-dist-'));
          try {
            cpSync(join(ROOT, 'dist'), copy, { recursive: true });
            rmSync(join(copy, 'shard-worker.cjs'));
            const r = spawnSync(process.execPath, [join(copy, 'cli.cjs'), 'scan', '--staged'], { cwd: repo.dir, env: gitEnv(), encoding: 'utf8' });
            expect(r.status).toBe(2);
            expect(r.stderr.trim().split('\n')).toHaveLength(1);
            expect(r.stderr).toMatch(/scanning thread failed.*blocked/);
          } finally {
            rmSync(copy, { recursive: true, force: true });
          }
        }),
      120_000,
    );

    it.sequential('cleans up', () => rmSync(dir, { recursive: true, force: true }));
  });
});
