import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitEnv, ROOT, withRepo, type Repo } from '../helpers/repo.js';
import { fakeSecret } from '../helpers/secrets.js';

/**
 * The start-up savings of the commit path (README "Speed"), each shown to be in effect in the
 * built hook: what a commit's run loads is recorded at exit by a preloaded script
 * (process.moduleLoadList for Node's own modules, require.cache for files). `--require` is no
 * V8 flag, so the build's code cache is still the one taken.
 */
const dir = mkdtempSync(join(tmpdir(), 'keygate-startup-'));
const preload = join(dir, 'record.cjs');
writeFileSync(
  preload,
  `process.on('exit', () => require('fs').writeFileSync(process.env.LOADED_OUT, JSON.stringify({
  builtins: process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).map((m) => m.slice(13)),
  files: Object.keys(require.cache),
})));\n`,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function loadedBy(repo: Repo, args: string[]): { status: number | null; builtins: string[]; files: string[] } {
  const out = join(dir, 'loaded.json');
  rmSync(out, { force: true });
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), ...args], {
    cwd: repo.dir,
    env: gitEnv({ NODE_OPTIONS: `--require ${preload}`, LOADED_OUT: out, KEYGATE_DEBUG: '1' }),
    encoding: 'utf8',
  });
  expect(r.stderr).toContain('code cache taken');
  return { status: r.status, ...(JSON.parse(readFileSync(out, 'utf8')) as { builtins: string[]; files: string[] }) };
}

/**
 * Node modules the commit path does not need on a small commit: each would cost milliseconds
 * at every commit. crypto only once there is a finding to fingerprint.
 */
const NOT_ON_A_SMALL_COMMIT = ['readline', 'worker_threads', 'zlib', 'http', 'https', 'module', 'os'];

describe('the commit path loads only what a commit needs', () => {
  it.each([
    ['a clean commit', 'app.js', 'export const answer = 42;\n', 0],
    ['a commit with a secret', 'k.env', `AWS_SECRET_ACCESS_KEY=${fakeSecret()}\n`, 1],
  ] as const)(
    '%s: no threads, readline or compression, crypto only for findings, micromatch only when the config has path entries',
    (_name, file, text, expected) =>
      withRepo((repo) => {
        repo.write(file, text);
        repo.git('add', '.');
        for (const args of [['scan', '--staged'], ['hook']]) {
          const run = loadedBy(repo, args);
          expect(run.status, args.join(' ')).toBe(expected);
          expect(
            run.builtins.filter((m) => NOT_ON_A_SMALL_COMMIT.includes(m)),
            args.join(' '),
          ).toEqual([]);
          expect(run.builtins.includes('crypto'), args.join(' ')).toBe(expected === 1);
          expect(
            run.files.filter((f) => f.endsWith('micromatch.cjs')),
            args.join(' '),
          ).toEqual([]);
        }
        // A path entry needs globs: then, and only then, dist/micromatch.cjs is loaded.
        repo.write('.keygate.json', JSON.stringify({ allow: [{ path: 'vendor/**', reason: 'vendored', added: '2026-12-01' }] }));
        const withPaths = loadedBy(repo, ['scan', '--staged']);
        expect(withPaths.status).toBe(expected);
        expect(withPaths.files.filter((f) => f.endsWith('micromatch.cjs'))).toHaveLength(1);
      }),
  );

  it("the hook bundle is built without the detectors' examples (a quarter of their source)", () => {
    const hook = readFileSync(join(ROOT, 'dist', 'hook.cjs'), 'latin1');
    const full = readFileSync(join(ROOT, 'dist', 'keygate.cjs'), 'latin1');
    const getters = (src: string) => src.match(/get examples\(\) \{/g)?.length ?? 0;
    const empty = (src: string) => src.match(/get examples\(\) \{\s*return \{ positives: \[\], negatives: \[\] \};/g)?.length ?? 0;
    // One getter hands on the examples of the rule it stands for (src/detectors/lazy.ts), which are stripped.
    const handOn = hook.match(/get examples\(\) \{\s*return this\.real\(\)\.examples;/g)?.length ?? 0;
    expect(getters(hook)).toBeGreaterThan(300);
    expect(handOn).toBeLessThanOrEqual(1);
    expect(empty(hook) + handOn).toBe(getters(hook));
    expect(empty(full)).toBeLessThan(getters(full) / 2);
  });
});
