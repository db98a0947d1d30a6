import { spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, gitEnv, type JsonReport, scanJson, where, withRepo } from '../helpers/repo.js';
import { base62, crc32 } from '../../src/detectors/checksums.js';
import { ALNUM, fakeString } from '../../src/detectors/fake.js';
import { assertNoSecret, fakeKeyId, fakeSecret, pick } from '../helpers/secrets.js';

function creds(id: string, secret: string): string {
  return `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`;
}

/** A GitHub or npm token: 30 characters and their CRC32 in 6 base62 digits, as the providers issue them. */
function checksummed(prefix: string, body: string): string {
  return `${prefix}${body}${base62(crc32(body), 6)}`;
}

/**
 * A row as SQLite lays it out: its serial types (a 20-character text is type 53, the digit
 * "5"), then the values, each straight after the last; rows end to end.
 */
function sqliteRow(...values: string[]): Buffer {
  return Buffer.concat([Buffer.from([values.length + 1, ...values.map((v) => v.length * 2 + 13)]), Buffer.from(values.join(''))]);
}

const MODES = [
  { name: 'one git diff', env: {} as Record<string, string> },
  { name: 'cat-file fast path for added files', env: { KEYGATE_FAST_PATH_BYTES: '0' } as Record<string, string> },
];

describe.each(MODES)('keygate scan --staged (real repositories, built CLI): $name', ({ env }) => {
  it('finds a key pair on the first commit of a repo, with file:line:column and facts', () =>
    withRepo((repo) => {
      const id = fakeKeyId();
      const secret = fakeSecret();
      repo.write('config/credentials', creds(id, secret));
      repo.git('add', '.');
      const text = repo.keygate(['scan', '--staged'], env);
      expect(text.status).toBe(1);
      expect(text.stdout).toContain('config/credentials:2:21');
      expect(text.stdout).toContain('config/credentials:3:25');
      expect(text.stdout).toMatch(/AWS account \d{12}/);
      expect(text.stdout).toMatch(/scanned 1 file, 3 added lines/);
      const { status, report } = scanJson(repo, env);
      expect(status).toBe(1);
      expect(where(report)).toEqual(['aws-access-key-id config/credentials:2:21', 'aws-secret-access-key config/credentials:3:25']);
      expect(report.findings.every((f) => f.severity === 'critical')).toBe(true);
      expect(report.findings[0]?.pairedWith).toEqual([{ rule: 'aws-secret-access-key', file: 'config/credentials', line: 3, column: 25 }]);
      assertNoSecret([text.stdout, text.stderr, JSON.stringify(report)], [secret]);
    }));

  it('passes a clean change and still says what it scanned', () =>
    withRepo((repo) => {
      repo.write('a.txt', 'hello\nworld\n');
      repo.git('add', '.');
      const r = repo.keygate(['scan', '--staged'], env);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/scanned 1 file, 2 added lines, 12 B/);
      expect(r.stdout).toMatch(/no secrets found/);
    }));

  it('says so when nothing is staged', () =>
    withRepo((repo) => {
      const r = repo.keygate(['scan', '--staged'], env);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/nothing staged to scan \(0 files\)/);
    }));

  it('scans what is staged, not the working tree (partial staging via git apply --cached)', () =>
    withRepo((repo) => {
      const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
      repo.write('app.py', lines.join('\n') + '\n');
      repo.git('add', '.');
      repo.git('commit', '-qm', 'base');
      const staged = fakeSecret();
      const unstaged = fakeSecret();
      const next = [...lines];
      next.splice(2, 0, `aws_secret_access_key = "${staged}"`);
      next.splice(16, 0, `aws_secret_access_key = "${unstaged}"`);
      repo.write('app.py', next.join('\n') + '\n');
      // Stage only the first hunk, as `git add -p` would.
      const patch = repo.git('diff', '-U0', 'app.py');
      const firstHunk = patch
        .split(/(?=^@@)/m)
        .slice(0, 2)
        .join('');
      const r = repo.gitRun(['apply', '--cached', '--unidiff-zero', '-'], { input: firstHunk });
      expect(r.status, r.stderr).toBe(0);
      const { report } = scanJson(repo, env);
      expect(where(report)).toEqual(['aws-secret-access-key app.py:3:26']);
      // And the other way round: the working tree holds both, the index only the first.
      expect(repo.git('diff', '--cached', '--stat')).toMatch(/1 insertion/);
    }));

  it('does not rescan a renamed file, but scans what a rename adds', () =>
    withRepo((repo) => {
      const old = fakeSecret();
      repo.write('old.ini', `aws_secret_access_key = ${old}\n` + 'x\n'.repeat(20));
      repo.git('add', '.');
      repo.git('commit', '-qm', 'base', '--no-verify');
      repo.git('mv', 'old.ini', 'new name.ini');
      const added = fakeSecret();
      writeFileSync(join(repo.dir, 'new name.ini'), `aws_secret_access_key = ${old}\n` + 'x\n'.repeat(20) + `secret_key: ${added}\n`);
      repo.git('add', '-A');
      const { report } = scanJson(repo, env);
      expect(where(report)).toEqual(['aws-secret-access-key new name.ini:22:13']);
    }));

  it('ignores deletions and removed lines', () =>
    withRepo((repo) => {
      repo.write('gone.ini', `aws_secret_access_key = ${fakeSecret()}\n`);
      repo.write('kept.ini', `aws_secret_access_key = ${fakeSecret()}\nok\n`);
      repo.git('add', '.');
      repo.git('commit', '-qm', 'base');
      repo.git('rm', '-q', 'gone.ini');
      repo.write('kept.ini', 'ok\n');
      repo.git('add', '-A');
      const { status, report } = scanJson(repo, env);
      expect(status).toBe(0);
      expect(report.findings).toEqual([]);
    }));

  it('reads a binary file for keys of a known form only, counts it, and still scans text beside it', () =>
    withRepo((repo) => {
      const [secret, other, id] = [fakeSecret(), fakeSecret(), fakeKeyId()];
      // Control bytes ahead of the text make it binary (as a header put there to get past the
      // hook would): its strings are read by the rules of a known form, not the catch-alls.
      const password = `${pick(ALNUM, 18)}7q`;
      repo.write(
        'blob.bin',
        Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`aws_secret_access_key=${secret}\n\x05\x06key ${id}\x07\nDB_PASSWORD=${password}\n`)]),
      );
      repo.write('t.env', `AWS_SECRET_ACCESS_KEY=${other}\n`);
      repo.write('.gitattributes', 't.env -diff\n');
      repo.git('add', '.');
      const { report } = scanJson(repo, env);
      // A -diff attribute makes git call t.env binary; keygate reads it as text anyway.
      expect(where(report).sort()).toEqual(['aws-access-key-id blob.bin:2:7', 'aws-secret-access-key blob.bin:1:27', 'aws-secret-access-key t.env:1:23']);
      expect(report.stats.binarySkipped).toBe(1);
      expect(report.stats.binaryFiles).toEqual(['blob.bin']);
      expect(report.stats.addedLines).toBe(2);
      const text = repo.keygate(['scan', '--staged'], env);
      expect(text.stdout).toMatch(/1 binary file read for known forms only/);
      expect(text.stdout).toMatch(/binary files, read for keys and tokens of a known form only: blob\.bin/);
      assertNoSecret([text.stdout, text.stderr, JSON.stringify(report)], [secret, other, id, password]);
    }));

  it('handles CRLF, spaces, unicode, quotes and newlines in paths', () =>
    withRepo((repo) => {
      const names = ['dir with space/a b.txt', 'ünï cödé/ключ.env', 'quo"te\'s.txt', 'new\nline.txt', 'tab\tname.txt'];
      const secrets = names.map(() => fakeSecret());
      names.forEach((n, i) => repo.write(n, `# header\r\nAWS_SECRET_ACCESS_KEY=${secrets[i]}\r\n`));
      repo.git('add', '.');
      const { report } = scanJson(repo, env);
      expect(report.findings.map((f) => `${f.file}:${f.line}:${f.column}`).sort()).toEqual(names.map((n) => `${n}:2:23`).sort());
      const text = repo.keygate(['scan', '--staged'], env);
      expect(text.stdout).toContain('dir with space/a b.txt:2:23');
      expect(text.stdout).toContain('ünï cödé/ключ.env:2:23');
      assertNoSecret([text.stdout, JSON.stringify(report)], secrets);
    }));

  it('is immune to user config: color.ui=always, diff.noprefix, mnemonicPrefix, external diff, relative', () =>
    withRepo((repo) => {
      for (const [k, v] of [
        ['color.ui', 'always'],
        ['color.diff', 'always'],
        ['diff.noprefix', 'true'],
        ['diff.mnemonicPrefix', 'true'],
        ['diff.external', 'false'],
        ['diff.relative', 'true'],
        ['diff.context', '10'],
        ['diff.interHunkContext', '10'],
        ['core.quotepath', 'true'],
        ['diff.submodule', 'log'],
      ] as const) {
        repo.git('config', k, v);
      }
      const lines = Array.from({ length: 30 }, (_, i) => `l${i}`);
      repo.write('sub/dir/app.cfg', lines.join('\n') + '\n');
      repo.git('add', '.');
      repo.git('commit', '-qm', 'base');
      const s1 = fakeSecret();
      const s2 = fakeSecret();
      lines[4] = `secret_key = ${s1}`;
      lines[8] = `secret_key = ${s2}`;
      repo.write('sub/dir/app.cfg', lines.join('\n') + '\n');
      repo.write('ключ.txt', `secret_key = ${fakeSecret()}\n`);
      repo.git('add', '.');
      const r = repo.keygate(['scan', '--staged', '--format', 'json'], env);
      const report = JSON.parse(r.stdout) as { findings: { file: string; line: number }[] };
      expect(report.findings.map((f) => `${f.file}:${f.line}`)).toEqual(['sub/dir/app.cfg:5', 'sub/dir/app.cfg:9', 'ключ.txt:1']);
      // Run from a subdirectory: paths stay relative to the repository root.
      const sub = repo.gitRun(['rev-parse', '--show-toplevel']).stdout.trim();
      expect(sub).toBe(repo.dir);
    }));

  it('does not flag AWS documentation examples, placeholders or unique IDs', () =>
    withRepo((repo) => {
      repo.write(
        'docs.md',
        [
          'aws_access_key_id = AKIAIOSFODNN7EXAMPLE',
          'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
          'aws_access_key_id = AKIAXXXXXXXXXXXXXXXX',
          'aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}',
          'secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY,',
          'aws_secret_access_key = <your secret key>',
          `role = ${fakeKeyId('AROA')}`,
          `user = ${fakeKeyId('AIDA')}`,
        ].join('\n') + '\n',
      );
      repo.git('add', '.');
      const { status, report } = scanJson(repo, env);
      expect(report.findings).toEqual([]);
      expect(status).toBe(0);
    }));

  it('honours an inline keygate:allow naming the rule, and only that rule', () =>
    withRepo((repo) => {
      const allowed = fakeSecret();
      const other = fakeSecret();
      repo.write(
        'test/fixture.py',
        `KEY = "${allowed}"  # keygate:allow aws-secret-access-key -- parser fixture\n` +
          `aws_secret_access_key = "${other}"  # keygate:allow aws-access-key-id\n`,
      );
      repo.write('t.py', `aws_secret_access_key = "${allowed}"  # keygate:allow -- fixture\n`);
      repo.git('add', '.');
      const { report } = scanJson(repo, env);
      expect(where(report)).toEqual(['aws-secret-access-key test/fixture.py:2:26']);
      expect(report.suppressed.map((s) => `${s.file}:${s.line}`)).toEqual(['t.py:1']);
      expect(report.suppressed[0]?.reason).toMatch(/inline keygate:allow \(fixture\)/);
    }));

  it('fails closed outside a repository and in a bare repository: one line, exit 2', () =>
    withRepo((repo) => {
      // The temp repo itself is a repository; use its .git dir as a bare-like place.
      const bare = `${repo.dir}/bare.git`;
      repo.git('init', '-q', '--bare', bare);
      const inBare = spawnIn(bare);
      expect(inBare.status).toBe(2);
      expect(inBare.stderr.trim().split('\n')).toHaveLength(1);
      expect(inBare.stderr).toMatch(/^keygate: error: not inside a git work tree/);
      const nowhere = spawnIn('/');
      expect(nowhere.status).toBe(2);
      expect(nowhere.stderr).toMatch(/^keygate: error: not inside a git repository/);
      expect(nowhere.stderr.trim().split('\n')).toHaveLength(1);
    }));

  it('finds a secret in the middle of a 10 MB single line, at its real column', () =>
    withRepo((repo) => {
      const secret = fakeSecret();
      const pad = 'x'.repeat(5 * 1024 * 1024);
      repo.write('min.js', `${pad};aws_secret_access_key="${secret}";${pad}\n`);
      repo.git('add', '.');
      const { report } = scanJson(repo, env);
      expect(where(report)).toEqual([`aws-secret-access-key min.js:1:${pad.length + 25}`]);
      expect(report.stats.addedLines).toBe(1);
    }));

  it('reads invalid UTF-8 without crashing and still finds secrets on other lines', () =>
    withRepo((repo) => {
      const secret = fakeSecret();
      repo.write(
        'latin1.txt',
        Buffer.concat([
          Buffer.from('caf\xe9 cr\xe8me\n', 'latin1'),
          Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0x0a]),
          Buffer.from(`aws_secret_access_key = ${secret}\n`),
        ]),
      );
      repo.git('add', '.');
      const { report } = scanJson(repo, env);
      expect(where(report)).toEqual(['aws-secret-access-key latin1.txt:3:25']);
      expect(report.stats.binarySkipped).toBe(0);
    }));

  it('counts an empty file and a file without a final newline', () =>
    withRepo((repo) => {
      repo.write('empty.txt', '');
      repo.write('nonl.txt', `a\nAWS_SECRET_ACCESS_KEY=${fakeSecret()}`);
      repo.git('add', '.');
      const { report } = scanJson(repo, env);
      expect(where(report)).toEqual(['aws-secret-access-key nonl.txt:2:23']);
      expect(report.stats.files).toBe(2);
      expect(report.stats.addedLines).toBe(2);
    }));

  it('hands over a report larger than a pipe buffer whole, in text and JSON, before exiting', () =>
    withRepo((repo) => {
      const ids = Array.from({ length: 1500 }, () => fakeKeyId());
      repo.write('keys.txt', ids.map((id, i) => `key_${i} = ${id}`).join('\n') + '\n');
      repo.git('add', '.');
      const json = repo.keygate(['scan', '--staged', '--format', 'json'], env);
      expect(json.status).toBe(1);
      expect(json.stdout.length).toBeGreaterThan(256 * 1024);
      expect((JSON.parse(json.stdout) as { findings: unknown[] }).findings).toHaveLength(1500);
      const text = repo.keygate(['scan', '--staged'], env);
      expect(text.status).toBe(1);
      expect(text.stdout).toContain('keys.txt:1500:');
      expect(
        text.stdout
          .trimEnd()
          .split('\n')
          .some((l) => /scanned 1 file/.test(l)),
      ).toBe(true);
    }));

  it("tells what to do for the kind of secret found: AWS's steps only for AWS keys", () =>
    withRepo((repo) => {
      repo.write('ci.env', `GITHUB_TOKEN=${checksummed('ghp_', fakeString(ALNUM, 30, 77))}\n`);
      repo.git('add', '.');
      const github = repo.keygate(['scan', '--staged'], env);
      expect(github.status).toBe(1);
      expect(github.stdout).toMatch(/revoke it with its provider/);
      expect(github.stdout).not.toMatch(/IAM role|access key/);
      expect(github.stdout).toContain('# keygate:allow github-token -- ');
      // Every fact JSON has is in the text too: the token's kind and its verified checksum.
      const facts = JSON.parse(repo.keygate(['scan', '--staged', '--format', 'json'], env).stdout).findings[0].facts as Record<string, string>;
      expect(Object.keys(facts).sort()).toEqual(['tokenKind', 'validated']);
      for (const value of Object.values(facts)) expect(github.stdout).toContain(value);
      repo.write('aws.env', `AWS_SECRET_ACCESS_KEY=${fakeSecret()}\n`);
      repo.git('add', '.');
      const both = repo.keygate(['scan', '--staged'], env);
      expect(both.stdout).toMatch(/IAM role/);
      expect(both.stdout).toMatch(/create a new access key/);
      expect(both.stdout).toMatch(/the others with their provider/);
    }));

  it('exits at once on bad usage even when the staged diff it started early is never read', () =>
    withRepo((repo) => {
      // Far more than a pipe holds: git blocks writing to the paused pipe until keygate exits.
      repo.write('big.txt', 'const value = compute(items);\n'.repeat(100_000));
      repo.git('add', '.');
      for (const args of [
        ['scan', '--staged', '--format', 'xml'],
        ['scan', '--staged', '--bogus'],
        ['hook', '--bogus'],
      ]) {
        const r = spawnSync(process.execPath, [CLI, ...args], { cwd: repo.dir, env: gitEnv(env), encoding: 'utf8', timeout: 20_000 });
        expect(r.signal, args.join(' ')).toBeNull();
        expect(r.status, args.join(' ')).toBe(2);
        expect(r.stderr).toMatch(/^keygate: error: /);
      }
    }));

  it('rejects bad usage with exit 2 and shows help for every command', () =>
    withRepo((repo) => {
      // No source given is the work tree (here: nothing in it), not a usage error.
      expect(repo.keygate(['scan'], env).status).toBe(0);
      expect(repo.keygate(['scan', '--staged', 'x.txt'], env).status).toBe(2);
      expect(repo.keygate(['scan', '--staged', '--format', 'xml'], env).stderr).toMatch(/unknown format "xml"/);
      expect(repo.keygate(['frobnicate'], env).status).toBe(2);
      expect(repo.keygate(['scan', '--bogus'], env).status).toBe(2);
      const help = repo.keygate(['scan', '--help'], env);
      expect(help.status).toBe(0);
      expect(help.stdout).toMatch(/Usage: keygate scan --staged/);
      expect(repo.keygate(['--help'], env).stdout).toMatch(/Commands:/);
    }));
});

describe('context lines (the diff shows unchanged lines around each change)', () => {
  const pem = () => generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const wrapped = (text: string) =>
    (
      Buffer.from(text)
        .toString('base64')
        .match(/.{1,76}/g) ?? []
    ).join('\n');

  it('a base64 PEM key rotated in place whose first line stayed is found (its header line is context)', () =>
    withRepo((repo) => {
      // Found by a review: the encoded header is on the unchanged first line, the new key's
      // body on the added lines below. Two keys whose first 76 base64 characters agree (their
      // DER starts alike; about 1 in 3 pairs at 1024 bits).
      const seen = new Map<string, string>();
      let pair: [string, string] | undefined;
      for (let i = 0; i < 200 && pair === undefined; i++) {
        const key = pem();
        const first = wrapped(key).split('\n')[0] as string;
        const other = seen.get(first);
        if (other !== undefined) pair = [other, key];
        else seen.set(first, key);
      }
      if (pair === undefined) throw new Error('no two keys with the same first base64 line in 200');
      repo.write('key.b64', `# signing key\n${wrapped(pair[0])}\n`);
      repo.git('add', '.');
      repo.git('commit', '-qm', 'old key', '--no-verify');
      repo.write('key.b64', `# signing key\n${wrapped(pair[1])}\n`);
      repo.git('add', '.');
      const { report } = scanJson(repo);
      expect(where(report)).toEqual(['private-key-base64 key.b64:2:1']);
      assertNoSecret([JSON.stringify(report)], (wrapped(pair[1]).split('\n').slice(1).join('').match(/.{12}/g) ?? []).slice(0, 40));
    }));

  it('a key beside an unchanged 70 KB line has the same fingerprint staged as read whole', () =>
    withRepo((repo) => {
      // Found by a review: the long unchanged line filled fragments, one was cut after the
      // key's first body line, and the key's identity (its fingerprint) came from that part.
      const long = 'd'.repeat(70_000);
      repo.write('f.txt', `a\n${long}\nb\n`);
      repo.git('add', '.');
      repo.git('commit', '-qm', 'base', '--no-verify');
      repo.write('f.txt', `a\n${long}\nb\n${pem()}`);
      repo.git('add', '.');
      const staged = scanJson(repo).report.findings;
      const whole = JSON.parse(repo.keygate(['scan', '--format', 'json', '--', 'f.txt']).stdout) as JsonReport;
      expect(staged.map((f) => `${f.rule} ${f.line} ${f.fingerprint}`)).toEqual(whole.findings.map((f) => `${f.rule} ${f.line} ${f.fingerprint}`));
      expect(staged).toHaveLength(1);
    }));
});

function spawnIn(cwd: string) {
  return spawnSync(process.execPath, [CLI, 'scan', '--staged'], { cwd, env: gitEnv({ GIT_CEILING_DIRECTORIES: '/' }), encoding: 'utf8' });
}

/** A SQLite database's one program of the two that may be here: the sqlite3 shell, else Python's module. */
function sqlite(db: string, sql: string): boolean {
  const shell = spawnSync('sqlite3', [db, sql], { encoding: 'utf8' });
  if (shell.status === 0) return true;
  const py = spawnSync('python3', ['-c', 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.commit()', db, sql], {
    encoding: 'utf8',
  });
  return py.status === 0;
}
const HAS_SQLITE = sqlite(':memory:', 'select 1;');

describe('tokens of a known form below high confidence (the prefix published, the length as issued)', () => {
  it("are read in a binary's strings and in a file's name, and redacted there", () =>
    withRepo((repo) => {
      const stripe = `sk_live_${pick(ALNUM, 24)}`;
      const slack = `xoxb-${pick('0123456789', 11)}-${pick('0123456789', 13)}-${pick(ALNUM, 24)}`;
      const named = `rk_live_${pick(ALNUM, 30)}`;
      repo.write('blob.bin', Buffer.concat([Buffer.from([0, 1, 2, 0]), Buffer.from(`payments ${stripe}\x07\x05chat ${slack}\n`)]));
      repo.write(`keys/${named}.txt`, 'nothing here\n');
      repo.git('add', '.');
      const { status, report } = scanJson(repo);
      expect(status).toBe(1);
      expect(report.findings.map((f) => `${f.rule} ${f.file}:${f.line}`).sort()).toEqual([
        'slack-token blob.bin:1',
        'stripe-key blob.bin:1',
        `stripe-key keys/${named.slice(0, 4)}…${named.slice(-4)}.txt:0`,
      ]);
      expect(report.findings.map((f) => f.confidence)).toEqual(['medium', 'medium', 'medium']);
      const text = repo.keygate(['scan', '--staged']);
      assertNoSecret([text.stdout, text.stderr, JSON.stringify(report)], [stripe, slack, named]);
    }));
});

describe('keys in binary formats that pack fields with nothing between them', () => {
  it('a key ID is found in the strings of a binary whose fields are back to back (a database row: header bytes, then values)', () =>
    withRepo((repo) => {
      const [a, b, c] = [fakeKeyId(), fakeKeyId('ASIA'), fakeKeyId()];
      repo.write('packed.bin', Buffer.concat([Buffer.from([0, 0, 0, 1]), sqliteRow('alice', a, 'prod'), sqliteRow(b, 'eu-west-1'), sqliteRow('PROD', c)]));
      // Runs of capitals in binaries are no key: a key ID's 16 characters must not run on into more of its alphabet.
      repo.write('tables.bin', Buffer.concat([Buffer.from([0, 0, 0, 1]), Buffer.from(`ARMYARTS${a}AUTOAVER ${b}2`)]));
      repo.git('add', '.');
      const { status, report } = scanJson(repo);
      expect(status).toBe(1);
      expect(report.findings.map((f) => `${f.rule} ${f.file}`)).toEqual([
        'aws-access-key-id packed.bin',
        'aws-access-key-id packed.bin',
        'aws-access-key-id packed.bin',
      ]);
      expect(report.stats.binaryFiles.sort()).toEqual(['packed.bin', 'tables.bin']);
      assertNoSecret([JSON.stringify(report)], [a, b, c]);
    }));

  it('a GitHub or npm token packed between other fields is found where its checksum holds, and nowhere else', () =>
    withRepo((repo) => {
      const [gh, npm] = [checksummed('ghp_', pick(ALNUM, 30)), checksummed('npm_', pick(ALNUM, 30))];
      const broken = `ghp_${pick(ALNUM, 36)}`; // no valid checksum: packed, it is no token
      repo.write(
        'tokens.db',
        Buffer.concat([Buffer.from([0, 0, 0, 1]), sqliteRow('alice', gh, 'Repo1'), sqliteRow('ci', npm, 'Publish'), sqliteRow('bob', broken, 'X')]),
      );
      repo.git('add', '.');
      const { status, report } = scanJson(repo);
      expect(status).toBe(1);
      expect(report.findings.map((f) => `${f.rule} ${f.file}`)).toEqual(['github-token tokens.db', 'npm-token tokens.db']);
      assertNoSecret([JSON.stringify(report)], [gh, npm, broken]);
    }));

  it.skipIf(!HAS_SQLITE)('a key ID in a real SQLite database is found (skipped when neither sqlite3 nor python3 can write one)', () =>
    withRepo((repo) => {
      const [a, b] = [fakeKeyId(), fakeKeyId()];
      const ok = sqlite(
        join(repo.dir, 'dev.db'),
        `create table creds(id integer primary key, user text, key_id text, note text); insert into creds(user, key_id, note) values ('alice', '${a}', 'prod'), ('bob', '${b}', 'x');`,
      );
      expect(ok).toBe(true);
      repo.git('add', '.');
      const { status, report } = scanJson(repo);
      expect(status).toBe(1);
      expect(report.findings.map((f) => `${f.rule} ${f.file}`)).toEqual(['aws-access-key-id dev.db', 'aws-access-key-id dev.db']);
      const text = repo.keygate(['scan', '--staged']);
      assertNoSecret([text.stdout, text.stderr, JSON.stringify(report)], [a, b]);
    }),
  );
});
