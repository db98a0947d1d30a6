import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, gitEnv, installHook, type JsonReport, type Repo, withRepo } from '../helpers/repo.js';
import { assertNoSecret, fakeKeyId, fakeSecret, pick } from '../helpers/secrets.js';

/**
 * No full secret in any output or any file keygate writes: every command's stdout and stderr,
 * .keygate.json, and everything under .git/keygate, grepped for every secret of the repo.
 */
function writtenFiles(repo: Repo): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    if (!existsSync(d)) return;
    for (const n of readdirSync(d)) {
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(join(repo.dir, '.git', 'keygate'));
  if (existsSync(join(repo.dir, '.keygate.json'))) out.push(readFileSync(join(repo.dir, '.keygate.json'), 'utf8'));
  return out;
}

/** The CLI run in the repo, every stdout and stderr kept for the leak check. */
function recorded(repo: Repo): { outputs: string[]; run: (args: string[]) => ReturnType<Repo['keygate']> } {
  const outputs: string[] = [];
  const run = (args: string[]) => {
    const r = repo.keygate(args);
    outputs.push(r.stdout, r.stderr);
    return r;
  };
  return { outputs, run };
}

const escape = (s: string) => s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

describe('keygate allow --pattern never writes or prints a secret', () => {
  it('refuses the secret whatever its regex syntax, with --dry-run too; shapes are accepted', () =>
    withRepo((repo) => {
      // An AWS secret with + and / in it (the regex characters that slipped through before).
      let secret = fakeSecret();
      while (!/[+/]/.test(secret)) secret = fakeSecret();
      const id = fakeKeyId();
      const token = `acme_${pick('abcdefghijklmnopqrstuvwxyz0123456789', 32)}`;
      repo.write(
        '.keygate.json',
        JSON.stringify({ rules: [{ id: 'acme-token', description: 'ACME', regex: 'acme_[a-z0-9]{32}', keywords: ['acme_'], severity: 'high' }] }) + '\n',
      );
      repo.write('deploy.env', `AWS_ACCESS_KEY_ID=${id}\nAWS_SECRET_ACCESS_KEY=${secret}\nACME=${token}\n`);
      repo.git('add', '.');
      const { outputs, run } = recorded(repo);
      expect(run(['scan', '--staged']).status).toBe(1);
      const before = readFileSync(join(repo.dir, '.keygate.json'), 'utf8');
      const hostile = [
        secret,
        escape(secret),
        `^${secret}$`,
        `^${escape(secret)}$`,
        `(?:${escape(secret)})`,
        `${escape(secret.slice(0, 30))}.*`, // most of it
        `.*${escape(secret.slice(8))}`,
        secret
          .split('')
          .map((c) => (/[A-Za-z0-9]/.test(c) ? c : `[${c}]`))
          .join(''),
        `^${id}$`,
        token,
        `^${token}$`,
      ];
      for (const pattern of hostile) {
        for (const dry of [[], ['--dry-run']]) {
          const r = run(['allow', '--pattern', pattern, '--reason', 'fixture', ...dry]);
          expect(r.status, `accepted: ${pattern.slice(0, 6)}…`).toBe(2);
          expect(r.stderr).toMatch(/that pattern was not written to \.keygate\.json/);
        }
      }
      expect(readFileSync(join(repo.dir, '.keygate.json'), 'utf8')).toBe(before);
      for (const shape of ['^AKIAQ', 'EXAMPLE$', '^acme_test_', '^sk_test_[0-9a-zA-Z]{24}$']) {
        const r = run(['allow', '--pattern', shape, '--reason', 'a shape, not a value', '--dry-run']);
        expect(r.status, `${shape}: ${r.stderr}`).toBe(0);
      }
      assertNoSecret([...outputs, ...writtenFiles(repo)], [secret, id, token]);
    }));
});

describe('a secret in a file name is found, and redacted from every path shown', () => {
  it('staged (the hook, a real commit), history, a range, the work tree and a baseline: line 0, no full secret anywhere', () =>
    withRepo((repo) => {
      const [inName, inDir, id, secret] = [fakeKeyId(), fakeKeyId(), fakeKeyId(), fakeSecret()];
      const all = [inName, inDir, id, secret];
      installHook(repo);
      repo.write(`config/creds-${inName}.json`, '{}\n');
      repo.write(`keys/${inDir}/notes.txt`, 'rotate me\n');
      repo.write('README.md', 'hello\n');
      repo.git('add', '.');
      const { outputs, run } = recorded(repo);

      const commit = repo.gitRun(['commit', '-m', 'keys by name']);
      outputs.push(commit.stdout, commit.stderr);
      expect(commit.status, commit.stderr).not.toBe(0);
      expect(commit.stderr).toContain("(in the file's name)");

      const staged = run(['scan', '--staged', '--format', 'json']);
      const report = JSON.parse(staged.stdout) as JsonReport;
      expect(report.findings.map((f) => [f.rule, f.line])).toEqual([
        ['aws-access-key-id', 0],
        ['aws-access-key-id', 0],
      ]);
      expect(report.findings.map((f) => f.file)).toEqual([
        `config/creds-${inName.slice(0, 4)}…${inName.slice(-4)}.json`,
        `keys/${inDir.slice(0, 4)}…${inDir.slice(-4)}/notes.txt`,
      ]);
      expect(report.findings[0]?.column).toBe('config/creds-'.length + 1);
      const sarif = JSON.parse(run(['scan', '--staged', '--format', 'sarif']).stdout) as {
        runs: { results: { locations: { physicalLocation: Record<string, unknown> }[] }[] }[];
      };
      const located = sarif.runs[0]?.results[0]?.locations[0]?.physicalLocation;
      expect(located).not.toHaveProperty('region');

      repo.git('commit', '-q', '--no-verify', '-m', 'keys by name');
      // A file in the named directory edited, with a pair in it: its findings name the directory too.
      repo.write(`keys/${inDir}/notes.txt`, `rotate me\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`);
      repo.git('add', '.');
      repo.git('commit', '-q', '--no-verify', '-m', 'and a pair');
      repo.git('mv', `config/creds-${inName}.json`, `config/moved-${inName}.json`);
      repo.git('commit', '-q', '--no-verify', '-m', 'renamed');

      const history = run(['scan', '--history', '--format', 'json']);
      const found = JSON.parse(history.stdout) as JsonReport;
      expect(found.findings.filter((f) => f.line === 0).length).toBeGreaterThanOrEqual(2);
      expect(found.findings.some((f) => f.line === 2 && f.file.startsWith(`keys/${inDir.slice(0, 4)}…`))).toBe(true);
      for (const format of ['text', 'sarif']) run(['scan', '--history', '--format', format]);
      run(['scan', '--range', 'HEAD~2..HEAD']);
      run(['scan', '--range', 'HEAD~2..HEAD', '--format', 'sarif', '--output', 'range.sarif']);
      run(['scan']);
      run(['scan', '--format', 'json', '--output', 'tree.json']);
      run(['scan', '--', `config/moved-${inName}.json`]);
      expect(run(['baseline', '--output', 'baseline.json']).status).toBe(0);
      expect(run(['scan', '--history', '--baseline', 'baseline.json']).status).toBe(0);
      const written = ['range.sarif', 'tree.json', 'baseline.json'].map((f) => readFileSync(join(repo.dir, f), 'utf8'));
      expect(written[1]).toContain('"line":0');
      assertNoSecret([...outputs, ...written, ...writtenFiles(repo)], all);
    }));
});

describe('a binary file named after a key: the list of binaries read is redacted too', () => {
  it('staged (the hook, a real commit, text, JSON, SARIF), files, the work tree, a range', () =>
    withRepo((repo) => {
      const [inName, other] = [fakeKeyId(), fakeKeyId()];
      installHook(repo);
      repo.write('README.md', 'hello\n');
      repo.git('add', '.');
      repo.git('commit', '-q', '--no-verify', '-m', 'start');
      // Binary: NUL bytes among seeded noise, and no key inside (only the name holds one).
      let x = 7;
      const bytes = Buffer.from(Array.from({ length: 9000 }, (_, i) => (i % 64 === 0 ? 0 : (x = (x * 1103515245 + 12345) % 2147483648) >> 23)));
      repo.write(`backup-${inName}.bin`, bytes);
      repo.write(`dumps/${other}/data.bin`, bytes);
      repo.git('add', '.');
      const { outputs, run } = recorded(repo);
      const commit = repo.gitRun(['commit', '-m', 'binaries']);
      outputs.push(commit.stdout, commit.stderr);
      expect(commit.status).not.toBe(0);
      expect(commit.stderr).toContain('binary files');
      const staged = JSON.parse(run(['scan', '--staged', '--format', 'json']).stdout) as JsonReport & { stats: { binaryFiles: string[] } };
      expect(staged.stats.binaryFiles).toEqual([
        `backup-${inName.slice(0, 4)}…${inName.slice(-4)}.bin`,
        `dumps/${other.slice(0, 4)}…${other.slice(-4)}/data.bin`,
      ]);
      run(['scan', '--staged', '--format', 'sarif']);
      run(['scan', '--staged', '--no-color']);
      run(['scan', '--', `backup-${inName}.bin`]);
      run(['scan', '--format', 'json']);
      repo.git('commit', '-q', '--no-verify', '-m', 'binaries');
      run(['scan', '--range', 'HEAD~1..HEAD']);
      run(['scan', '--range', 'HEAD~1..HEAD', '--format', 'sarif']);
      run(['scan', '--history', '--format', 'json']);
      assertNoSecret([...outputs, ...writtenFiles(repo)], [inName, other]);
    }));
});

describe('an error that names what the user typed shows no secret in it', () => {
  it('a missing file, an option that does not exist, a bad range and KEYGATE_DEBUG stacks: the key is redacted, the error still says what went wrong', () =>
    withRepo((repo) => {
      const [id, other] = [fakeKeyId(), fakeKeyId('ASIA')];
      repo.write('README.md', 'hello\n');
      repo.git('add', '.');
      repo.git('commit', '-q', '--no-verify', '-m', 'start');
      const { outputs, run } = recorded(repo);
      const errors = [
        run(['scan', '--', `conf/${id}.json`]),
        run(['scan', '--range', `${id}..HEAD`]),
        run(['scan', `--${other}`]),
        run(['allow', `conf/${id}.json`, '--reason', 'x']),
        run(['baseline', '--output', `missing-dir/${other}/b.json`]),
      ];
      const debug = repo.keygate(['scan', '--', `conf/${id}.json`], { KEYGATE_DEBUG: '1' });
      outputs.push(debug.stdout, debug.stderr);
      for (const e of errors) expect(e.status).toBe(2);
      expect(errors[0]?.stderr).toContain(`conf/${id.slice(0, 4)}…`);
      expect(errors[0]?.stderr).toMatch(/cannot read/);
      assertNoSecret([...outputs, ...writtenFiles(repo)], [id, other]);
    }));

  it('a warning that quotes a path with a key in it (a repository in a directory named after one): the key is redacted', () =>
    withRepo((repo) => {
      const [id, secret] = [fakeKeyId(), fakeSecret()];
      const dir = join(repo.dir, id);
      mkdirSync(dir);
      const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, env: gitEnv(), encoding: 'utf8' });
      git('init', '-q');
      // Where the blocked run is kept is taken by a file: keygate warns, quoting the path.
      writeFileSync(join(dir, '.git', 'keygate'), 'not a directory\n');
      writeFileSync(join(dir, 'creds.ini'), `aws_secret_access_key = ${secret}\n`);
      git('add', '.');
      const r = spawnSync(process.execPath, [CLI, 'scan', '--staged'], { cwd: dir, env: gitEnv(), encoding: 'utf8' });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/warning: this run could not be kept .*\.git\/keygate/);
      expect(r.stderr).toContain(`${id.slice(0, 4)}…`);
      assertNoSecret([r.stdout, r.stderr], [id, secret]);
    }));
});
