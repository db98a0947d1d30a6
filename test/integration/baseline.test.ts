import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyBaseline, baselineEntries, parseBaseline, renderBaseline } from '../../src/allow/baseline.js';
import type { Finding, Report } from '../../src/types.js';
import { CLI, gitEnv, type JsonReport, type Repo, withRepo } from '../helpers/repo.js';
import { assertNoSecret, fakeKeyId, fakeSecret } from '../helpers/secrets.js';

const BASELINE = '.keygate-baseline.json';

interface BaselineFile {
  version: number;
  findings: { rule: string; fingerprint: string; file: string; match: string }[];
}

function creds(id: string, secret: string): string {
  return `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n`;
}

/** A repository with old leaks committed: a key pair in one file, a key ID in another. */
function legacy(repo: Repo): string[] {
  const id = fakeKeyId();
  const secret = fakeSecret();
  const other = fakeKeyId();
  repo.write('deploy/old.ini', creds(id, secret));
  repo.write('docs/notes.md', `# notes\n\nthe old key was ${other}\n`);
  repo.git('add', '.');
  repo.git('commit', '-q', '-m', 'old leaks');
  return [id, secret, other];
}

function scan(repo: Repo, args: string[]): { status: number | null; report: JsonReport; stderr: string } {
  const r = repo.keygate([args[0] as string, '--format', 'json', ...args.slice(1)]);
  if (r.status === 2) throw new Error(`keygate failed: ${r.stderr}`);
  return { status: r.status, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}

function prePush(repo: Repo, args: string[]): ReturnType<typeof spawnSync> & { stdout: string; stderr: string } {
  const head = repo.git('rev-parse', 'HEAD').trim();
  return spawnSync(process.execPath, [CLI, 'pre-push', 'origin', 'file:///nowhere', ...args], {
    cwd: repo.dir,
    env: gitEnv(),
    encoding: 'utf8',
    input: `refs/heads/main ${head} refs/heads/main ${'0'.repeat(40)}\n`,
  });
}

describe('keygate baseline (real repositories, built CLI)', () => {
  it("records today's findings sorted, one per line, without lines or secrets", () =>
    withRepo((repo) => {
      const secrets = legacy(repo);
      const r = repo.keygate(['baseline']);
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/wrote \.keygate-baseline\.json: 3 known secrets in 2 files/);
      const text = readFileSync(join(repo.dir, BASELINE), 'utf8');
      assertNoSecret([text, r.stdout, r.stderr], secrets);
      const base = JSON.parse(text) as BaselineFile;
      expect(base.version).toBe(1);
      expect(base.findings.map((f) => `${f.file} ${f.rule}`)).toEqual([
        'deploy/old.ini aws-access-key-id',
        'deploy/old.ini aws-secret-access-key',
        'docs/notes.md aws-access-key-id',
      ]);
      for (const f of base.findings) expect(Object.keys(f)).toEqual(['rule', 'fingerprint', 'file', 'match']);
      // The same fingerprints as the scan's.
      const all = scan(repo, ['scan', '--', 'deploy/old.ini', 'docs/notes.md']).report.findings;
      expect(base.findings.map((f) => f.fingerprint).sort()).toEqual(all.map((f) => f.fingerprint).sort());
      // One entry per line: the diff of a change shows entries.
      const lines = text.split('\n');
      expect(lines.filter((l) => l.includes('"fingerprint"'))).toHaveLength(3);
      expect(
        lines
          .filter((l) => l.includes('"fingerprint"'))
          .every((l) => /^ {4}\{ "rule": "[a-z0-9-]+", "fingerprint": "[0-9a-f]{16}", "file": ".*", "match": ".*" \},?$/.test(l)),
      ).toBe(true);
      // The file itself is no finding once committed.
      repo.git('add', BASELINE);
      const staged = scan(repo, ['scan', '--staged']);
      expect(staged.status).toBe(0);
    }));

  it('is byte for byte the same after lines move, and scans with it pass; a new secret still fails', () =>
    withRepo((repo) => {
      const [id, secret] = legacy(repo) as [string, string];
      expect(repo.keygate(['baseline']).status).toBe(0);
      const before = readFileSync(join(repo.dir, BASELINE), 'utf8');
      // Lines inserted above the findings, and staged: the index is what it reads.
      repo.write('deploy/old.ini', `; header\n; more\n\n${creds(id, secret)}`);
      repo.git('add', 'deploy/old.ini');
      const again = repo.keygate(['baseline']);
      expect(again.status, again.stderr).toBe(0);
      expect(readFileSync(join(repo.dir, BASELINE), 'utf8')).toBe(before);

      // Files scanned whole: the old ones, now three lines lower, are known.
      const whole = ['--', 'deploy/old.ini', 'docs/notes.md'];
      expect(scan(repo, ['scan', ...whole]).status).toBe(1);
      const files = scan(repo, ['scan', '--baseline', BASELINE, ...whole]);
      expect(files.status).toBe(0);
      expect(files.report.findings).toEqual([]);
      expect(files.report.suppressed.map((s) => `${s.file}:${s.line} ${s.reason}`)).toEqual([
        'deploy/old.ini:5 in the baseline (.keygate-baseline.json)',
        'deploy/old.ini:6 in the baseline (.keygate-baseline.json)',
        'docs/notes.md:3 in the baseline (.keygate-baseline.json)',
      ]);

      // Staged: the old pair written again, in added lines, is known too.
      repo.write('deploy/copy.ini', creds(id, secret));
      repo.git('add', 'deploy/copy.ini');
      expect(scan(repo, ['scan', '--staged']).status).toBe(1);
      const staged = scan(repo, ['scan', '--staged', '--baseline', BASELINE]);
      expect(staged.status).toBe(0);
      expect(staged.report.suppressed.map((s) => `${s.rule} ${s.file}:${s.line}`)).toEqual([
        'aws-access-key-id deploy/copy.ini:2',
        'aws-secret-access-key deploy/copy.ini:3',
      ]);
      const text = repo.keygate(['scan', '--staged', '--baseline', BASELINE, '--no-color']);
      expect(text.status).toBe(0);
      expect(text.stdout).toMatch(/allowed: deploy\/copy\.ini:2:\d+ aws-access-key-id — in the baseline \(\.keygate-baseline\.json\)/);
      expect(text.stdout).toMatch(/no secrets found/);

      // A new secret beside the old ones fails, and only it is reported.
      const fresh = fakeKeyId();
      repo.write('deploy/new.ini', `aws_access_key_id = ${fresh}\n`);
      repo.git('add', 'deploy/new.ini');
      const failing = scan(repo, ['scan', '--staged', '--baseline', BASELINE]);
      expect(failing.status).toBe(1);
      expect(failing.report.findings.map((f) => `${f.rule} ${f.file}`)).toEqual(['aws-access-key-id deploy/new.ini']);
      expect(failing.report.suppressed).toHaveLength(2);
      // The same new secret in a file the baseline knows: new all the same.
      repo.git('rm', '-q', '--cached', 'deploy/new.ini');
      repo.write('docs/notes.md', `# notes\n\nthe new key is ${fresh}\n`);
      repo.git('add', 'docs/notes.md');
      const inOld = scan(repo, ['scan', '--staged', '--baseline', BASELINE]);
      expect(inOld.status).toBe(1);
      expect(inOld.report.findings.map((f) => `${f.rule} ${f.file}`)).toEqual(['aws-access-key-id docs/notes.md']);
    }));

  it('a known secret in a renamed file is still known (matching is by rule and fingerprint)', () =>
    withRepo((repo) => {
      legacy(repo);
      expect(repo.keygate(['baseline']).status).toBe(0);
      mkdirSync(join(repo.dir, 'legacy'));
      repo.git('mv', 'deploy/old.ini', 'legacy/settings.ini');
      const moved = scan(repo, ['scan', '--baseline', BASELINE, '--', 'legacy/settings.ini']);
      expect(moved.status).toBe(0);
      expect(moved.report.suppressed.map((s) => s.file)).toEqual(['legacy/settings.ini', 'legacy/settings.ini']);
    }));

  it('applies to pre-push: old commits pass with the baseline, a new one fails', () =>
    withRepo((repo) => {
      const secrets = legacy(repo);
      expect(prePush(repo, []).status).toBe(1);
      mkdirSync(join(repo.dir, 'ci'));
      expect(repo.keygate(['baseline', '--output', 'ci/baseline.json']).status).toBe(0);
      const ok = prePush(repo, ['--baseline', 'ci/baseline.json', '--format', 'sarif']);
      expect(ok.status, ok.stderr).toBe(0);
      const sarif = JSON.parse(ok.stdout) as { runs: { results: { suppressions?: { justification: string }[] }[] }[] };
      expect(sarif.runs[0]!.results.map((x) => x.suppressions?.[0]?.justification)).toEqual(Array(3).fill('in the baseline (ci/baseline.json)'));
      repo.write('app.ini', `aws_access_key_id = ${fakeKeyId()}\n`);
      repo.git('add', 'app.ini');
      repo.git('commit', '-q', '-m', 'new leak');
      const blocked = prePush(repo, ['--baseline', 'ci/baseline.json']);
      expect(blocked.status).toBe(1);
      expect(blocked.stdout).toMatch(/push blocked: 1 secret/);
      assertNoSecret([ok.stdout, blocked.stdout, readFileSync(join(repo.dir, 'ci/baseline.json'), 'utf8')], secrets);
    }));

  it('applies to history scans: old secrets pass wherever they were introduced, a new commit fails', () =>
    withRepo((repo) => {
      const [id, secret] = legacy(repo) as [string, string];
      // The pair moves to another file in a later commit; history reports both introductions' files.
      repo.git('mv', 'deploy/old.ini', 'deploy/moved.ini');
      repo.write('deploy/moved.ini', `; moved\n${creds(id, secret)}`);
      repo.git('add', '.');
      repo.git('commit', '-q', '-m', 'move');
      expect(repo.keygate(['baseline']).status).toBe(0);
      const history = scan(repo, ['scan', '--history', '--baseline', BASELINE]);
      expect(history.status).toBe(0);
      expect(history.report.suppressed.length).toBeGreaterThanOrEqual(3);
      repo.write('new.ini', `aws_access_key_id = ${fakeKeyId()}\n`);
      repo.git('add', 'new.ini');
      repo.git('commit', '-q', '-m', 'new leak');
      const after = scan(repo, ['scan', '--history', '--baseline', BASELINE]);
      expect(after.status).toBe(1);
      expect(after.report.findings.map((f) => `${f.rule} ${f.file}`)).toEqual(['aws-access-key-id new.ini']);
    }));

  it('from a subdirectory, writes at the root; --output is relative to where it runs', () =>
    withRepo((repo) => {
      legacy(repo);
      const r = spawnSync(process.execPath, [CLI, 'baseline'], { cwd: join(repo.dir, 'deploy'), env: gitEnv(), encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toMatch(/wrote \.\.\/\.keygate-baseline\.json/);
      expect(JSON.parse(readFileSync(join(repo.dir, BASELINE), 'utf8')).findings).toHaveLength(3);
    }));

  it('a clean repository gives an empty baseline', () =>
    withRepo((repo) => {
      repo.write('a.txt', 'hello\n');
      repo.git('add', '.');
      expect(repo.keygate(['baseline']).status).toBe(0);
      expect(readFileSync(join(repo.dir, BASELINE), 'utf8')).toBe('{\n  "version": 1,\n  "findings": []\n}\n');
    }));
});

describe('--baseline FILE that cannot be used: exit 2, one line naming it, never a pass', () => {
  const entry = (over: Record<string, unknown> = {}): string =>
    JSON.stringify({ version: 1, findings: [{ rule: 'aws-access-key-id', fingerprint: '0123456789abcdef', file: 'a', match: 'x', ...over }] });
  const broken: [string, string | ((repo: Repo, file: string) => void)][] = [
    ['missing', (_repo, _file) => undefined],
    ['empty', ''],
    ['not JSON', '{"version": 1, "findings": [}'],
    ['truncated', '{"version": 1, "findings": [{"rule": "aws-access-key-id"'],
    ['a list', '[]'],
    ['another version', JSON.stringify({ version: 2, findings: [] })],
    ['no findings list', JSON.stringify({ version: 1 })],
    ['an unknown field', JSON.stringify({ version: 1, findings: [], allowAll: true })],
    ['a bad fingerprint', entry({ fingerprint: 'not-a-fingerprint' })],
    ['a fingerprint that is a glob', entry({ fingerprint: '*' })],
    ['an entry without rule', entry({ rule: undefined })],
    ['a __proto__ entry field', '{"version": 1, "findings": [{"__proto__": {"x": 1}, "rule": "a", "fingerprint": "0123456789abcdef", "file": "a"}]}'],
    ['nested too deep', `{"version": 1, "findings": ${'['.repeat(200_000)}${']'.repeat(200_000)}}`],
    ['a directory', (repo, file) => mkdirSync(join(repo.dir, file))],
    ['a symbolic link', (repo, file) => symlinkSync('/dev/zero', join(repo.dir, file))],
    ['a FIFO', (repo, file) => spawnSync('mkfifo', [join(repo.dir, file)])],
  ];
  it.each(broken)('%s', (_what, make) =>
    withRepo((repo) => {
      const secrets = legacy(repo);
      const file = 'my baseline.json';
      if (typeof make === 'string') writeFileSync(join(repo.dir, file), make);
      else make(repo, file);
      for (const args of [
        ['scan', '--staged', '--baseline', file],
        ['scan', '--baseline', file, '--', 'deploy/old.ini'],
      ]) {
        const r = repo.keygate(args);
        expect(r.status, r.stderr).toBe(2);
        expect(r.stdout).toBe('');
        const lines = r.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toMatch(/^keygate: error: baseline my baseline\.json: /);
        assertNoSecret([r.stderr], secrets);
      }
      const push = prePush(repo, ['--baseline', file]);
      expect(push.status).toBe(2);
      expect(push.stderr).toMatch(/^keygate: error: baseline my baseline\.json: /);
    }),
  );

  it('keygate baseline --output to a place it cannot write: exit 2, one line naming it', () =>
    withRepo((repo) => {
      legacy(repo);
      const r = repo.keygate(['baseline', '--output', 'no/such/dir/b.json']);
      expect(r.status).toBe(2);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/cannot write .*no\/such\/dir\/b\.json: its directory does not exist/);
    }));

  it('a big baseline does not bury the text report: five allowed lines, the rest counted by reason; JSON lists all', () =>
    withRepo((repo) => {
      const secrets: string[] = [];
      for (let i = 0; i < 12; i++) {
        const id = fakeKeyId();
        const secret = fakeSecret();
        secrets.push(id, secret);
        repo.write(`deploy/old${String(i).padStart(2, '0')}.ini`, creds(id, secret));
      }
      repo.git('add', '.');
      repo.git('commit', '-q', '-m', 'old leaks');
      expect(repo.keygate(['baseline']).status).toBe(0);
      const text = repo.keygate(['scan', '--baseline', BASELINE, '--no-color']);
      expect(text.status, text.stderr).toBe(0);
      const allowed = text.stdout.split('\n').filter((l) => l.startsWith('  allowed: '));
      expect(allowed).toHaveLength(6);
      expect(allowed.slice(0, 5).every((l) => /^ {2}allowed: deploy\/old0[0-2]\.ini:\d+:\d+ aws-/.test(l))).toBe(true);
      expect(allowed[5]).toBe('  allowed: 19 more — in the baseline (.keygate-baseline.json)');
      expect(text.stdout).toMatch(/--format json lists every allowed finding/);
      expect(scan(repo, ['scan', '--baseline', BASELINE]).report.suppressed).toHaveLength(24);
      assertNoSecret([text.stdout, text.stderr], secrets);
    }));
});

describe('the baseline file and filter (pure functions)', () => {
  const finding = (path: string, ruleId: string, fp: string, line = 1): Finding => ({
    ruleId,
    description: ruleId,
    path,
    line,
    column: 1,
    redacted: 'AB…YZ',
    fingerprint: fp,
    severity: 'high',
    confidence: 'high',
    facts: {},
    pairedWith: [],
  });
  const hostileNames = ['a "quoted"\nname.txt', 'b\\back\u2028slash', 'c/\u00e9t\u00e9.env'];

  it('one entry per line whatever the file names, sorted, read back as written', () => {
    const findings = hostileNames.flatMap((n, i) => [finding(n, 'rule-b', `${i}123456789abcdef`), finding(n, 'rule-a', `${i}fedcba987654321`, 9)]);
    const text = renderBaseline(baselineEntries(findings.reverse()));
    expect(text.split('\n')).toHaveLength(3 + 6 + 3);
    const back = parseBaseline(text, 'b.json');
    expect(back.entries.map((e) => `${e.file}|${e.rule}`)).toEqual(hostileNames.flatMap((n) => [`${n}|rule-a`, `${n}|rule-b`]));
    expect(renderBaseline(back.entries)).toBe(text);
    // The same secret twice in one file is one entry.
    expect(baselineEntries([finding('x', 'r', '0123456789abcdef', 1), finding('x', 'r', '0123456789abcdef', 7)])).toHaveLength(1);
  });

  it('moves known findings to the suppressed ones, leaving the report it was given as it was', () => {
    const report: Report = {
      findings: [finding('a', 'r', '0123456789abcdef'), finding('b', 'r', 'fedcba9876543210'), finding('c', 'other', '0123456789abcdef')],
      suppressed: [{ finding: finding('d', 'r', '1111111111111111'), reason: 'inline keygate:allow' }],
      stats: { files: 3, addedLines: 3, bytes: 3, binarySkipped: 0, binaryFiles: [], submodulesSkipped: 0 },
    };
    const before = JSON.stringify(report);
    const out = applyBaseline(report, { name: 'base.json', entries: [{ rule: 'r', fingerprint: '0123456789abcdef', file: 'elsewhere', match: '' }] });
    expect(JSON.stringify(report)).toBe(before);
    // Same rule and fingerprint: known, in any file; the same fingerprint under another rule is not.
    expect(out.findings.map((f) => f.path)).toEqual(['b', 'c']);
    expect(out.suppressed.map((s) => `${s.finding.path} ${s.reason}`)).toEqual(['d inline keygate:allow', 'a in the baseline (base.json)']);
  });
});
