import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sumWords } from '../../src/scan/walk-wasm.js';
import { wrappedGitExecPath } from '../helpers/git-wrapper.js';
import { gitEnv, ROOT, withRepo } from '../helpers/repo.js';
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
  it('a bundle run directly, not through the launcher, scans nothing and so fails closed with one line', () =>
    withRepo((repo) => {
      repo.write('k.env', `AWS_SECRET_ACCESS_KEY=${fakeSecret()}\n`);
      repo.git('add', '.');
      for (const [bundle, args] of [
        ['hook.cjs', ['hook']],
        ['keygate.cjs', ['scan', '--staged']],
      ] as const) {
        const r = spawnSync(process.execPath, [join(ROOT, 'dist', bundle), ...args], { cwd: repo.dir, encoding: 'utf8' });
        expect(r.status, bundle).toBe(2);
        expect(r.stderr.trim().split('\n')).toEqual([
          expect.stringMatching(/^keygate: error: this bundle runs only through keygate's dist\/cli\.cjs.*commit is blocked/),
        ]);
      }
    }));

  it('the staged diff that main() starts before the commands load is the one the scan reads: one git diff --cached a run', () =>
    withRepo((repo) => {
      const gitDir = wrappedGitExecPath('keygate-diff-counting-git-', [
        '  *" diff --cached "*)',
        '    n=1; while ! mkdir "$COUNT_DIR/$n" 2>/dev/null; do n=$((n + 1)); done ;;',
      ]);
      try {
        repo.write('k.env', `AWS_SECRET_ACCESS_KEY=${fakeSecret()}\n`);
        repo.git('add', '.');
        for (const args of [['scan', '--staged'], ['hook'], ['scan', 'k.env']]) {
          const counts = mkdtempSync(join(tmpdir(), 'keygate-count-'));
          try {
            const env = gitEnv({ PATH: `${gitDir}:${process.env['PATH'] ?? ''}`, COUNT_DIR: counts });
            const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'cli.cjs'), ...args], { cwd: repo.dir, env, encoding: 'utf8' });
            expect(r.status, args.join(' ')).toBe(1);
            expect(r.stdout, args.join(' ')).toContain('k.env:1:23');
            // A scan of named files reads no diff, and starts none.
            expect(readdirSync(counts), args.join(' ')).toHaveLength(args[1] === 'k.env' ? 0 : 1);
          } finally {
            rmSync(counts, { recursive: true, force: true });
          }
        }
      } finally {
        rmSync(gitDir, { recursive: true, force: true });
      }
    }));

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

  it('takes the build code cache; with other V8 flags it writes one of its own and takes that from the next run', () =>
    withRepo((repo) =>
      withDist((dist) => {
        repo.write('a.txt', 'hello\n');
        repo.git('add', '.');
        const scan = (env: Record<string, string> = {}) =>
          spawnSync(process.execPath, [join(dist, 'cli.cjs'), 'scan', '--staged'], {
            cwd: repo.dir,
            encoding: 'utf8',
            env: { ...process.env, KEYGATE_DEBUG: '1', ...env },
          });
        const caches = () =>
          readdirSync(dist)
            .filter((f) => f.endsWith('.cache'))
            .sort();
        expect(scan().stderr).toContain(`code cache taken: ${join(dist, 'hook.cache')}`);
        expect(caches()).toEqual(['hook.cache', 'keygate.cache']);
        // NODE_OPTIONS changes V8's flags: the build's cache does not fit them.
        const flags = { NODE_OPTIONS: '--max-old-space-size=3000' };
        const first = scan(flags);
        expect(first.status).toBe(0);
        expect(first.stderr).toContain('code cache none taken');
        const own = caches().filter((f) => /^hook\.[0-9a-f]{8}\.cache$/.test(f));
        expect(own).toHaveLength(1);
        expect(scan(flags).stderr).toContain(`code cache taken: ${join(dist, own[0]!)}`);
        // The build's cache still serves the default flags.
        expect(scan().stderr).toContain(`code cache taken: ${join(dist, 'hook.cache')}`);
        // Another build (a new release copied over this one) never takes this build's cache:
        // V8 would, were the bundle the same length, and run the old release's code.
        const launcher = join(dist, 'cli.cjs');
        const id = /"([0-9a-f]{12})"/.exec(readFileSync(launcher, 'latin1'))?.[1];
        expect(id).toBeDefined();
        writeFileSync(launcher, readFileSync(launcher, 'latin1').replace(`"${id}"`, '"000000000000"'), 'latin1');
        expect(scan(flags).stderr).toContain('code cache none taken');
        expect(caches().filter((f) => /^hook\.[0-9a-f]{8}\.cache$/.test(f))).toHaveLength(2);
      }),
    ));

  it('a code cache it cannot write costs only speed: the scan and its output are the same', () =>
    withRepo((repo) =>
      withDist((dist) => {
        repo.write('k.env', `AWS_SECRET_ACCESS_KEY=${fakeSecret()}\n`);
        repo.git('add', '.');
        const env = { ...process.env, NODE_OPTIONS: '--max-old-space-size=3000' };
        const scan = (extra: Record<string, string> = {}) =>
          spawnSync(process.execPath, [join(dist, 'cli.cjs'), 'scan', '--staged'], { cwd: repo.dir, encoding: 'utf8', env: { ...env, ...extra } });
        scan();
        const own = readdirSync(dist).find((f) => /^hook\.[0-9a-f]{8}\.cache$/.test(f));
        expect(own).toBeDefined();
        // A directory where the cache goes: unreadable and unwritable as a file, even for root.
        rmSync(join(dist, own!));
        mkdirSync(join(dist, own!, 'x'), { recursive: true });
        const r = scan();
        expect(r.status).toBe(1);
        expect(r.stdout).toContain('k.env:1:23');
        expect(r.stderr).toBe('');
        expect(scan({ KEYGATE_DEBUG: '1' }).stderr).toContain('code cache not written');
        expect(readdirSync(dist).filter((f) => f.includes('.tmp-'))).toEqual([]);
      }),
    ));

  it("uses dist/keywords.bin of its own build and no other: none, a damaged one, another build's or one cut short costs only speed", () =>
    withRepo((repo) =>
      withDist((dist) => {
        repo.write('k.env', `AWS_SECRET_ACCESS_KEY=${fakeSecret()}\n`);
        repo.git('add', '.');
        const scan = () => spawnSync(process.execPath, [join(dist, 'cli.cjs'), 'scan', '--staged'], { cwd: repo.dir, encoding: 'utf8' });
        const file = join(dist, 'keywords.bin');
        const shipped = readFileSync(file);
        const found = scan();
        expect(found.status).toBe(1);
        expect(found.stdout).toContain('k.env:1:23');
        // The file is what the scan searches with: the same header over a table that leads
        // nowhere (every transition back to the start), its checksums made to match (layout in
        // src/scan/prebuilt.ts: length at 19, the header's checksum at 23, the table's at 27,
        // header from 32), and the key's keywords are never found.
        const tableStart = Math.ceil((32 + shipped.readUInt32LE(19)) / 4) * 4;
        const summed = (bytes: Buffer): Buffer => {
          const out = Buffer.from(new ArrayBuffer(bytes.length));
          bytes.copy(out);
          out.writeUInt32LE(sumWords(new Uint32Array(out.buffer, 32, (tableStart - 32) / 4)), 23);
          out.writeUInt32LE(sumWords(new Uint32Array(out.buffer, tableStart, (out.length - tableStart) / 4)), 27);
          return out;
        };
        const nowhere = Buffer.concat([shipped.subarray(0, tableStart), Buffer.alloc(shipped.length - tableStart)]);
        writeFileSync(file, summed(nowhere));
        expect(scan().stdout).not.toContain('k.env:1:23');
        // Damaged (its checksum not matching), another build's (its stamp differs by one
        // character), none, or cut short: not used.
        const stamp = shipped.indexOf('"stamp":"') + 9;
        const other = Buffer.from(nowhere);
        other[stamp] = other[stamp] === 0x30 ? 0x31 : 0x30;
        for (const [what, bytes] of [
          ['damaged', nowhere],
          ["another build's", summed(other)],
          ['cut short', summed(nowhere).subarray(0, nowhere.length - 4)],
          ['none', undefined],
        ] as const) {
          if (bytes === undefined) rmSync(file);
          else writeFileSync(file, bytes);
          const r = scan();
          expect(r.status, what).toBe(1);
          expect(r.stdout, what).toContain('k.env:1:23');
          expect(r.stderr, what).toBe('');
        }
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
    ),
  );
});
