import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { historyProgress } from '../../src/messages.js';
import { scanCommits, scanHistory } from '../../src/index.js';
import type { Report } from '../../src/types.js';
import { CLI, gitEnv, type Repo, withRepo } from '../helpers/repo.js';
import { assertNoSecret, fakeKeyId, fakeSecret } from '../helpers/secrets.js';

/** keygate's history scan (issue 14), on real repositories built commit by commit. */
function commit(repo: Repo, message: string, files: Record<string, string>, date = '2024-01-01T00:00:00Z'): string {
  for (const [path, content] of Object.entries(files)) repo.write(path, content);
  repo.git('add', '-A');
  repo.gitRun(['commit', '-q', '--allow-empty', '-m', message], { env: { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } });
  return repo.git('rev-parse', 'HEAD').trim();
}
const where = (r: Report) => r.findings.map((f) => `${f.ruleId} ${f.path}:${f.line} ${f.commit?.slice(0, 7)}`);
const short = (sha: string) => sha.slice(0, 7);

describe('keygate scan --history (the library)', () => {
  it('a secret kept for 60 commits is reported once, at the commit that added it, with its author and date', () =>
    withRepo(async (repo) => {
      commit(repo, 'start', { 'README.md': 'hello\n' });
      const id = fakeKeyId();
      const added = commit(repo, 'add config', { 'conf/app.ini': `[aws]\nkey = ${id}\n` }, '2024-02-03T04:05:06Z');
      for (let i = 0; i < 60; i++)
        commit(repo, `work ${i}`, { 'conf/app.ini': `[aws]\nkey = ${id}\n${'x = 1\n'.repeat(i + 1)}`, [`src/f${i}.js`]: `export const n = ${i};\n` });
      const report = await scanHistory({ cwd: repo.dir, selection: {} });
      expect(where(report)).toEqual([`aws-access-key-id conf/app.ini:2 ${short(added)}`]);
      expect(report.findings[0]!.date).toBe('2024-02-03T04:05:06+00:00');
      expect(report.findings[0]!.author).toBeTruthy();
      expect(report.stats.commits).toBe(62);
      assertNoSecret([JSON.stringify(report)], [id]);
    }));

  it('says which secrets are still in HEAD (anywhere in it) and which only in history, found early or late in it', () =>
    withRepo(async (repo) => {
      const gone = fakeKeyId();
      const kept = fakeKeyId();
      const moved = fakeKeyId();
      const late = fakeKeyId();
      // The first secret comes first: the look at HEAD starts then, beside the rest of the history.
      commit(repo, 'add', { 'conf/a.ini': `key = ${gone}\n`, 'conf/b.ini': `key = ${kept}\n`, 'conf/c.ini': `key = ${moved}\n` });
      for (let i = 0; i < 30; i++) commit(repo, `work ${i}`, { [`src/f${i}.js`]: `export const n = ${i};\n` });
      commit(repo, 'remove one, move one', { 'conf/a.ini': 'key = none\n', 'conf/c.ini': 'key = elsewhere\n', 'deploy/c.ini': `key = ${moved}\n` });
      commit(repo, 'late', { 'conf/d.ini': `key = ${late}\n` });
      for (const threads of [1, 2]) {
        const report = await scanHistory({ cwd: repo.dir, selection: {}, maxThreads: threads });
        const inHead = Object.fromEntries(report.findings.map((f) => [`${f.path}:${f.line}`, f.inHead]));
        expect(inHead, `${threads} threads`).toEqual({
          'conf/a.ini:1': false,
          'conf/b.ini:1': true,
          'conf/c.ini:1': true,
          'conf/d.ini:1': true,
          'deploy/c.ini:1': true,
        });
        assertNoSecret([JSON.stringify(report)], [gone, kept, moved, late]);
      }
    }));

  it('a secret taken out and put back is found at both introductions; one whose line is edited, once', () =>
    withRepo(async (repo) => {
      const id = fakeKeyId();
      const edited = fakeKeyId();
      const first = commit(repo, 'add', { 'conf/app.ini': `key = ${id}\n`, 'conf/other.ini': `# keys\nk = ${edited}\n` });
      // The line holding `edited` changes three times; the secret never leaves the file.
      for (let i = 0; i < 3; i++) commit(repo, `edit ${i}`, { 'conf/other.ini': `# keys\nk = ${edited} # v${i}\n` });
      commit(repo, 'remove', { 'conf/app.ini': 'key = ${AWS_ACCESS_KEY_ID}\n' });
      commit(repo, 'unrelated', { 'README.md': 'hi\n' });
      const back = commit(repo, 'put back', { 'conf/app.ini': `# again\nkey = ${id}\n` });
      // Moved within the file in one commit: not a new introduction.
      commit(repo, 'move', { 'conf/app.ini': `key = ${id}\n# again\n` });
      const report = await scanHistory({ cwd: repo.dir, selection: {} });
      expect(where(report)).toEqual([
        `aws-access-key-id conf/app.ini:1 ${short(first)}`,
        `aws-access-key-id conf/other.ini:2 ${short(first)}`,
        `aws-access-key-id conf/app.ini:2 ${short(back)}`,
      ]);
      // Copied into another file: a new place it is in, found there too.
      const copied = commit(repo, 'copy', { 'deploy/app.ini': `key = ${id}\n` });
      expect(where(await scanHistory({ cwd: repo.dir, selection: {} }))).toContain(`aws-access-key-id deploy/app.ini:1 ${short(copied)}`);
      assertNoSecret([JSON.stringify(report)], [id, edited]);
    }));

  it('a secret taken out on main and brought back by merging a branch that still has it is not a new introduction', () =>
    withRepo(async (repo) => {
      const id = fakeKeyId();
      const first = commit(repo, 'add', { 'k.ini': `key = ${id}\n`, 'a.txt': 'a\n' });
      repo.git('checkout', '-q', '-b', 'side');
      commit(repo, 'side', { 'b.txt': 'b\n' });
      repo.git('checkout', '-q', 'main');
      commit(repo, 'remove', { 'k.ini': 'key = none\n' });
      // The merge keeps the branch's k.ini: the secret is back on main, but the branch never lost it.
      expect(repo.gitRun(['merge', '-q', '--no-ff', '-s', 'ours', 'side', '-m', 'merge']).status).toBe(0);
      repo.write('k.ini', `key = ${id}\n`);
      repo.git('add', 'k.ini');
      repo.gitRun(['commit', '-q', '--amend', '--no-edit']);
      expect(where(await scanHistory({ cwd: repo.dir, selection: {} }))).toEqual([`aws-access-key-id k.ini:1 ${short(first)}`]);
    }));

  it('a UTF-16 file in a commit is scanned, by history and by pre-push (git shows its bytes; it is read again whole)', () =>
    withRepo(async (repo) => {
      commit(repo, 'start', { 'README.md': 'hi\n' });
      const id = fakeKeyId();
      const secret = fakeSecret();
      const text = `# PowerShell profile\r\n$env:AWS_ACCESS_KEY_ID = "${id}"\r\n$env:AWS_SECRET_ACCESS_KEY = "${secret}"\r\n`;
      repo.write('profile.ps1', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      repo.git('add', '-A');
      repo.gitRun(['commit', '-q', '-m', 'profile']);
      const sha = repo.git('rev-parse', 'HEAD').trim();
      // A later commit edits the file: only its added line is reported there.
      const edited = `${text}# more\r\n$env:OTHER_KEY_ID = "${fakeKeyId()}"\r\n`;
      repo.write('profile.ps1', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(edited, 'utf16le')]));
      repo.git('add', '-A');
      repo.gitRun(['commit', '-q', '-m', 'more']);
      const later = repo.git('rev-parse', 'HEAD').trim();
      const history = await scanHistory({ cwd: repo.dir, selection: {} });
      expect(where(history).sort()).toEqual(
        [
          `aws-access-key-id profile.ps1:2 ${short(sha)}`,
          `aws-secret-access-key profile.ps1:3 ${short(sha)}`,
          `aws-access-key-id profile.ps1:5 ${short(later)}`,
        ].sort(),
      );
      const pushed = await scanCommits({ cwd: repo.dir, commits: [sha, later] });
      expect(pushed.findings.map((f) => `${f.ruleId} ${f.line} ${f.commit?.slice(0, 7)}`).sort()).toEqual(
        [`aws-access-key-id 2 ${short(sha)}`, `aws-secret-access-key 3 ${short(sha)}`, `aws-access-key-id 5 ${short(later)}`].sort(),
      );
      assertNoSecret([JSON.stringify(history), JSON.stringify(pushed)], [id, secret]);
    }));

  it('a secret from a merged branch is reported at its own commit; one added only by a conflict resolution, at the merge', () =>
    withRepo(async (repo) => {
      commit(repo, 'base', { 'app.env': 'MODE=dev\n' });
      repo.git('checkout', '-q', '-b', 'side');
      const sideId = fakeKeyId();
      const onSide = commit(repo, 'side', { 'side.ini': `key = ${sideId}\n`, 'app.env': 'MODE=side\n' });
      repo.git('checkout', '-q', 'main');
      commit(repo, 'main', { 'app.env': 'MODE=main\n' });
      expect(repo.gitRun(['merge', '-q', 'side', '-m', 'merge']).status).not.toBe(0); // conflict in app.env
      const secret = fakeSecret();
      repo.write('app.env', `MODE=both\nAWS_SECRET_ACCESS_KEY=${secret}\n`);
      repo.git('add', 'app.env');
      repo.gitRun(['commit', '-q', '--no-edit']);
      const merge = repo.git('rev-parse', 'HEAD').trim();
      const report = await scanHistory({ cwd: repo.dir, selection: {} });
      expect(where(report).sort()).toEqual([`aws-access-key-id side.ini:1 ${short(onSide)}`, `aws-secret-access-key app.env:2 ${short(merge)}`].sort());
    }));

  it('--range A..B scans only what B adds over A; --max-commits the newest n; --branch one branch', () =>
    withRepo(async (repo) => {
      const old = fakeKeyId();
      const a = commit(repo, 'old', { 'old.ini': `key = ${old}\n` });
      const fresh = fakeKeyId();
      const b = commit(repo, 'new', { 'new.ini': `key = ${fresh}\n` });
      expect(where(await scanHistory({ cwd: repo.dir, selection: { range: `${a}..${b}` } }))).toEqual([`aws-access-key-id new.ini:1 ${short(b)}`]);
      expect(where(await scanHistory({ cwd: repo.dir, selection: { maxCommits: 1 } }))).toEqual([`aws-access-key-id new.ini:1 ${short(b)}`]);
      repo.git('checkout', '-q', '-b', 'other', a);
      const elsewhere = commit(repo, 'other', { 'other.ini': `key = ${fakeKeyId()}\n` });
      expect(where(await scanHistory({ cwd: repo.dir, selection: { refs: ['main'] } })).map((w) => w.split(' ')[1])).toEqual(['old.ini:1', 'new.ini:1']);
      expect(where(await scanHistory({ cwd: repo.dir, selection: {} }))).toContain(`aws-access-key-id other.ini:1 ${short(elsewhere)}`);
      await expect(scanHistory({ cwd: repo.dir, selection: { refs: ['--output=/tmp/x'] } })).rejects.toThrow(/must be a revision/);
    }));

  it('commits with the same timestamp: the secret is still reported at the commit that added it, not at the merge', () =>
    withRepo(async (repo) => {
      commit(repo, 'base', { 'README.md': 'hi\n' });
      repo.git('checkout', '-q', '-b', 'feat');
      const id = fakeKeyId();
      const feat = commit(repo, 'feat', { 'feat.ini': `key = ${id}\n` });
      repo.git('checkout', '-q', 'main');
      commit(repo, 'main2', { 'other.txt': 'x\n' });
      repo.gitRun(['merge', '-q', '--no-ff', 'feat', '-m', 'merge'], {
        env: { GIT_AUTHOR_DATE: '2024-01-01T00:00:00Z', GIT_COMMITTER_DATE: '2024-01-01T00:00:00Z' },
      });
      expect(where(await scanHistory({ cwd: repo.dir, selection: {} }))).toEqual([`aws-access-key-id feat.ini:1 ${short(feat)}`]);
    }));

  it('a SHA-256 repository', () =>
    withRepo(async (repo) => {
      repo.git('init', '-q', '--object-format=sha256', '-b', 'main', 'sha256');
      const sub = {
        ...repo,
        dir: `${repo.dir}/sha256`,
        git: (...a: string[]) => repo.git('-C', 'sha256', ...a),
        gitRun: (a: string[], o?: { env?: Record<string, string> }) => repo.gitRun(['-C', 'sha256', ...a], o),
        write: (p: string, c: string) => repo.write(`sha256/${p}`, c),
      };
      const added = commit(sub as Repo, 'a', { 'k.ini': `key = ${fakeKeyId()}\n` });
      expect(added).toHaveLength(64);
      expect(where(await scanHistory({ cwd: sub.dir, selection: {} }))).toEqual([`aws-access-key-id k.ini:1 ${short(added)}`]);
    }));

  it(
    '150 commits stream through one git process: every one is parsed, none lost at chunk edges',
    () =>
      withRepo(async (repo) => {
        const ids: string[] = [];
        for (let i = 0; i < 150; i++) {
          const id = fakeKeyId();
          ids.push(id);
          // Long lines, so that git's output crosses pipe-chunk edges everywhere.
          commit(repo, `c${i}`, { [`d/${i % 7}/f${i}.txt`]: `${'filler '.repeat(1500)}\nkey = ${id}\n` });
        }
        const report = await scanHistory({ cwd: repo.dir, selection: {} });
        expect(report.stats.commits).toBe(150);
        expect(report.findings).toHaveLength(150);
        expect(report.findings.every((f) => f.line === 2)).toBe(true);
      }),
    120_000,
  );
});

describe('keygate scan --history / --range / the work tree (the CLI)', () => {
  it('JSON findings with commit, author and date; exit 1; a range; the work tree with no files', () =>
    withRepo((repo) => {
      const a = commit(repo, 'a', { 'README.md': 'hi\n' });
      const id = fakeKeyId();
      const b = commit(repo, 'b', { 'conf/app.ini': `key = ${id}\n` });
      commit(repo, 'c', { 'conf/app.ini': 'key = ${AWS_ACCESS_KEY_ID}\n' });
      const history = repo.keygate(['scan', '--history', '--format', 'json']);
      expect(history.status).toBe(1);
      const [f] = JSON.parse(history.stdout).findings;
      expect(f).toMatchObject({ rule: 'aws-access-key-id', file: 'conf/app.ini', line: 1, commit: b });
      expect(f.author).toBeTruthy();
      expect(f.date).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(repo.keygate(['scan', '--range', `${b}..HEAD`]).status).toBe(0);
      expect(repo.keygate(['scan', '--range', `${a}..${b}`, '--format', 'json']).status).toBe(1);
      const text = repo.keygate(['scan', '--history', '--no-color']);
      expect(text.stdout).toContain(`conf/app.ini:1:7 (commit ${b.slice(0, 12)}, 2024-01-01 by `);
      expect(text.stdout).toContain('in the history scanned');
      // The work tree holds no secret now (HEAD replaced it): history is where it is.
      expect(repo.keygate(['scan']).status).toBe(0);
      repo.write('notes.txt', `key = ${fakeKeyId()}\n`);
      expect(repo.keygate(['scan', '--format', 'json']).status).toBe(1);
      assertNoSecret([history.stdout, text.stdout], [id]);
    }));

  it('a directory is the files git lists under it; outside a repository, every regular file beneath', () =>
    withRepo((repo) => {
      const ids = Array.from({ length: 6 }, () => fakeKeyId());
      commit(repo, 'a', { '.gitignore': 'build/\n', 'src/app/tracked.ini': `key = ${ids[0]}\n`, 'other/skip.ini': `key = ${ids[1]}\n` });
      repo.write('src/app/new.ini', `key = ${ids[2]}\n`);
      repo.write('src/build/out.ini', `key = ${ids[3]}\n`);
      // Names that are pathspec magic to git, and a directory that looks like an option.
      repo.write('src/[x]/*.ini', `key = ${ids[4]}\n`);
      repo.write('-d/:(glob).ini', `key = ${ids[5]}\n`);
      symlinkSync(join(repo.dir, 'other'), join(repo.dir, 'src/link'));
      const files = (args: string[], cwd = repo.dir) => {
        const r = spawnSync(process.execPath, [CLI, 'scan', '--format', 'json', ...args], { cwd, env: gitEnv(), encoding: 'utf8' });
        expect(r.status, r.stderr).toBe(1);
        assertNoSecret([r.stdout, r.stderr], ids);
        return (JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file).sort();
      };
      // Tracked and untracked-not-ignored; not the ignored build/, not through the link, not other/.
      expect(files(['src'])).toEqual(['src/[x]/*.ini', 'src/app/new.ini', 'src/app/tracked.ini']);
      expect(files(['--all-files', 'src'])).toEqual(['src/[x]/*.ini', 'src/app/new.ini', 'src/app/tracked.ini', 'src/build/out.ini']);
      expect(files(['--', '-d', 'src/app/new.ini'])).toEqual(['-d/:(glob).ini', 'src/app/new.ini']);
      // From a subdirectory: paths relative to it, reported from the repository's root.
      expect(files(['.', '../../other'], join(repo.dir, 'src/app'))).toEqual(['other/skip.ini', 'src/app/new.ini', 'src/app/tracked.ini']);
      // Through a symbolic link to the repository (a logical $PWD): the same listing, git's.
      const link = `${repo.dir}-link`;
      symlinkSync(repo.dir, link);
      try {
        expect(files([join(link, 'src')], link)).toEqual(['src/[x]/*.ini', 'src/app/new.ini', 'src/app/tracked.ini']);
      } finally {
        rmSync(link, { force: true });
      }
      // Outside any repository (a copy of src with no .git above it), the walk reads everything;
      // a clone inside is listed by its own git (its ignored files left out), a .git never entered.
      const outside = mkdtempSync(join(tmpdir(), 'keygate-walk-'));
      try {
        cpSync(join(repo.dir, 'src'), join(outside, 'src'), { recursive: true, verbatimSymlinks: true });
        const clone = join(outside, 'src/vendor/lib');
        mkdirSync(clone, { recursive: true });
        spawnSync('git', ['init', '-q'], { cwd: clone, env: gitEnv() });
        writeFileSync(join(clone, '.gitignore'), 'secret.ini\n');
        writeFileSync(join(clone, 'lib.ini'), `key = ${ids[1]}\n`);
        writeFileSync(join(clone, 'secret.ini'), `key = ${ids[1]}\n`);
        writeFileSync(join(clone, '.git/config.ini'), `key = ${ids[1]}\n`);
        expect(files(['src'], outside)).toEqual(['src/[x]/*.ini', 'src/app/new.ini', 'src/app/tracked.ini', 'src/build/out.ini', 'src/vendor/lib/lib.ini']);
        // Named itself, a repository inside another answers for its own files (not the outer one's, which lists none).
        expect(files(['src/vendor/lib'], outside)).toEqual(['src/vendor/lib/lib.ini']);
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    }));

  it('a nested clone or an empty directory named on the command line: its files, or "no files to scan"', () =>
    withRepo((repo) => {
      const id = fakeKeyId();
      commit(repo, 'a', { 'README.md': 'hi\n' });
      const nested = join(repo.dir, 'nestedrepo');
      mkdirSync(nested);
      spawnSync('git', ['init', '-q'], { cwd: nested, env: gitEnv() });
      writeFileSync(join(nested, 'n.env'), `AWS_ACCESS_KEY_ID=${id}\n`);
      const r = repo.keygate(['scan', '--format', 'json', 'nestedrepo']);
      expect(r.status, r.stderr).toBe(1);
      expect((JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file)).toEqual(['nestedrepo/n.env']);
      // The whole work tree: the clone inside it too, as its own git lists it.
      const tree = repo.keygate(['scan', '--format', 'json']);
      expect(tree.status, tree.stderr).toBe(1);
      expect((JSON.parse(tree.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file)).toEqual(['nestedrepo/n.env']);
      // A FIFO where git tracks a file: an error naming it, not a scan that passes over it.
      repo.write('conf/x.ini', 'x = 1\n');
      repo.git('add', 'conf/x.ini');
      repo.git('commit', '-q', '-m', 'b');
      rmSync(join(repo.dir, 'conf/x.ini'));
      spawnSync('mkfifo', [join(repo.dir, 'conf/x.ini')]);
      const fifo = repo.keygate(['scan', 'conf']);
      expect(fifo.status).toBe(2);
      expect(fifo.stderr).toMatch(/conf\/x\.ini: not a regular file/);
      mkdirSync(join(repo.dir, 'empty'));
      const none = repo.keygate(['scan', 'empty']);
      expect(none.status).toBe(0);
      expect(none.stdout).toContain('no files to scan (0 files)');
      assertNoSecret([r.stdout, r.stderr, tree.stdout, tree.stderr], [id]);
    }));

  it("git's replace refs do not hide a commit's content: history and ranges read what push would send", () =>
    withRepo((repo) => {
      commit(repo, 'a', { 'README.md': 'hi\n' });
      const [id, secret] = [fakeKeyId(), fakeSecret()];
      commit(repo, 'leak', { 'leak.ini': `aws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n` });
      // A clean stand-in for the commit that holds the key (git replace; --graft works alike).
      const clean = repo.git('commit-tree', 'HEAD~1^{tree}', '-p', 'HEAD~1', '-m', 'leak').trim();
      repo.git('replace', 'HEAD', clean);
      const outputs: string[] = [];
      for (const args of [
        ['scan', '--history', '--format', 'json'],
        ['scan', '--range', 'HEAD~1..HEAD', '--format', 'json'],
      ]) {
        const r = repo.keygate(args);
        outputs.push(r.stdout, r.stderr);
        expect(r.status, `${args.join(' ')}: ${r.stderr}`).toBe(1);
        expect((JSON.parse(r.stdout) as { findings: { file: string }[] }).findings.map((f) => f.file)).toContain('leak.ini');
      }
      assertNoSecret(outputs, [id, secret]);
    }));

  it('mistakes are one clear line, exit 2', () =>
    withRepo((repo) => {
      commit(repo, 'a', { 'README.md': 'hi\n' });
      const cases: [string[], RegExp][] = [
        [['scan', '--staged', '--history'], /give one of --staged, --history/],
        [['scan', '--since', '2024-01-01'], /--since limits a history scan: add --history/],
        [['scan', '--history', '--max-commits', 'ten'], /--max-commits must be a whole number/],
        [['scan', '--history', '--branch', '--upload-pack=evil'], /must be a revision/],
        [['scan', '--range', 'nope..main'], /error/],
        [['scan', '--all-files', '--staged'], /--all-files is for a scan of the work tree/],
        // git reads text that is no date as now: a typo would select no commit and pass.
        [['scan', '--history', '--since', 'yesterdy'], /--since "yesterdy" is not a past date git can read/],
        [['scan', '--history', '--since', '2099-01-01'], /--since "2099-01-01" is not a past date/],
      ];
      for (const [args, message] of cases) {
        const r = repo.keygate(args);
        expect(r.status, args.join(' ')).toBe(2);
        expect(r.stderr, args.join(' ')).toMatch(message);
        expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      }
    }));
});

describe('progress of a history scan', () => {
  it('status lines go to a terminal only: none when stderr is a pipe, none with --quiet', () =>
    withRepo((repo) => {
      for (let i = 0; i < 5; i++) commit(repo, `c${i}`, { [`f${i}.txt`]: `line ${i}\n` });
      const piped = repo.keygate(['scan', '--history']);
      expect(piped.status).toBe(0);
      expect(piped.stderr).not.toContain('\r');
      const hasScript = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).status === 0;
      if (!hasScript) {
        console.warn('progress on a terminal: not tested here (no `script` command to give keygate a terminal)');
        return;
      }
      // script(1) gives keygate a terminal for stdout and stderr, as a developer's shell does.
      const onTerminal = (args: string) =>
        spawnSync('script', ['-qec', `${process.execPath} ${CLI} scan --history ${args}`, '/dev/null'], { cwd: repo.dir, env: gitEnv(), encoding: 'utf8' });
      const shown = onTerminal('--no-color');
      expect(shown.status).toBe(0);
      expect(shown.stdout).toContain('\r\x1b[K'); // the status line, cleared at the end
      expect(onTerminal('--no-color --quiet').stdout).not.toContain('\r\x1b[K');
    }));

  it('the status line says commits, MB, rate and time left', () => {
    expect(historyProgress({ commits: 250, of: 1000, bytes: 3 * 1024 * 1024, ms: 500 })).toBe('keygate: 250/1000 commits, 3.0 MB, 500 commits/s, ~2 s left');
  });
});

describe('pre-push (scanCommits) reads commits the same way', () => {
  it('one git for all the pushed commits, in order; a merge: what it adds over its first parent', () =>
    withRepo(async (repo) => {
      commit(repo, 'base', { 'app.env': 'MODE=dev\n' });
      repo.git('checkout', '-q', '-b', 'side');
      commit(repo, 'side', { 'app.env': 'MODE=side\n' });
      repo.git('checkout', '-q', 'main');
      commit(repo, 'main', { 'app.env': 'MODE=main\n' });
      expect(repo.gitRun(['merge', '-q', 'side', '-m', 'merge']).status).not.toBe(0);
      repo.write('app.env', `MODE=both\nAWS_ACCESS_KEY_ID=${fakeKeyId()}\n`);
      repo.git('add', 'app.env');
      repo.gitRun(['commit', '-q', '--no-edit']);
      const shas = repo.git('rev-list', '--reverse', 'HEAD').trim().split('\n');
      const report = await scanCommits({ cwd: repo.dir, commits: shas });
      expect(report.stats.commits).toBe(4);
      expect(where(report)).toEqual([`aws-access-key-id app.env:2 ${short(shas[3]!)}`]);
      await expect(scanCommits({ cwd: repo.dir, commits: ['0123456789abcdef0123456789abcdef01234567'] })).rejects.toThrow();
    }));
});

describe('keygate pre-push: what the destination does not have', () => {
  it("scans commits that are on another remote's branches but not the destination's", () =>
    withRepo((repo) => {
      // Found by an adversarial trial: --not --remotes excluded every remote's branches, so a
      // key fetched from a teammate's remote (or a private clone pushed to a new public
      // remote) was pushed unscanned.
      const bare = (name: string) => {
        const dir = `${repo.dir}/../${name}-${short(commit(repo, `seed ${name}`, { [`${name}.txt`]: name }))}.git`;
        repo.git('init', '-q', '--bare', dir);
        repo.git('remote', 'add', name, dir);
        return dir;
      };
      const origin = bare('origin');
      const mirror = bare('mirror');
      repo.git('push', '-q', 'origin', 'main');
      const before = repo.git('rev-parse', 'HEAD').trim();
      const id = fakeKeyId();
      const secret = fakeSecret();
      const head = commit(repo, 'creds', { 'creds.ini': `aws_access_key_id = ${id}\naws_secret_access_key = ${secret}\n` });
      repo.git('push', '-q', 'mirror', 'main');
      const prePush = (remote: string, url: string, remoteSha: string) =>
        // As the hooks pass them: after --, so a remote named like an option stays a name.
        spawnSync(process.execPath, [CLI, 'pre-push', '--', remote, url], {
          cwd: repo.dir,
          env: gitEnv(),
          encoding: 'utf8',
          input: `refs/heads/main ${head} refs/heads/main ${remoteSha}\n`,
        });
      const toOrigin = prePush('origin', origin, before);
      expect(toOrigin.status, toOrigin.stdout + toOrigin.stderr).toBe(1);
      expect(toOrigin.stdout + toOrigin.stderr).toContain('creds.ini:1');
      assertNoSecret([toOrigin.stdout, toOrigin.stderr], [id, secret]);
      // To a URL that is no configured remote: everything the remote ref does not have.
      expect(prePush('https://example.com/new.git', 'https://example.com/new.git', '0'.repeat(40)).status).toBe(1);
      // A remote named like an option (git allows -h): a name, not keygate's --help (a review).
      expect(prePush('-h', 'https://example.com/h.git', '0'.repeat(40)).status).toBe(1);
      // A remote named origin/mirror keeps its branches under refs/remotes/origin/mirror/: they
      // are not origin's.
      repo.git('remote', 'add', 'origin/mirror', mirror);
      repo.git('push', '-q', 'origin/mirror', 'main');
      expect(prePush('origin', origin, before).status).toBe(1);
      repo.git('remote', 'remove', 'origin/mirror');
      // The mirror has it already: nothing new to send.
      expect(prePush('mirror', mirror, head).status).toBe(0);
      rmSync(origin, { recursive: true, force: true });
      rmSync(mirror, { recursive: true, force: true });
    }));
});
