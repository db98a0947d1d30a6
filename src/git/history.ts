import { requireBuiltin } from '../builtins.js';
import { KeygateError } from '../errors.js';
import { type LineSink, DiffParser } from './diff-parser.js';
import { runGit, STAGED_DIFF_ARGS, streamGit } from './git.js';

/**
 * History, as git keeps it: the commits to scan (oldest first) and what each one added, read
 * from one `git diff-tree --stdin` process for all of them, streamed.
 *
 * Merges are diffed against their first parent: what the merged branch brought is shown again
 * there (and de-duplicated by the caller, having been seen at its own commits), and what only
 * the merge itself added — a conflict resolution — is shown once, at the merge.
 */
export interface HistoryCommit {
  sha: string;
  /** Its parents, the first one first; none for a root commit. */
  parents: readonly string[];
  /** Author date, ISO 8601. */
  date: string;
  author: string;
}

export interface HistorySelection {
  /** `A..B` (what a push or a pull request adds); else refs, else every ref (--all). */
  range?: string;
  refs?: readonly string[];
  /** Passed to git as --since (a date git understands: 2024-01-01, "2 weeks ago"). */
  since?: string;
  /** The newest this many commits of the selection. */
  maxCommits?: number;
}

/** A revision the user gave, refused when git could read it as an option. */
function revision(rev: string, what: string): string {
  if (rev === '' || rev.startsWith('-') || /[\0\n]/.test(rev)) {
    throw new KeygateError('USAGE', `${what} must be a revision (a branch, a tag, a commit, A..B), not "${rev.slice(0, 40)}"`);
  }
  return rev;
}

/**
 * A --since date, checked as git reads it: git takes any text it cannot read as a date
 * ("garbage", "yesterdy") as now, which selects no commit, and the audit would pass having
 * scanned nothing. A date that git reads as now or later is refused.
 */
async function sinceDate(cwd: string, since: string): Promise<string> {
  const before = Math.floor(Date.now() / 1000);
  const read = /--max-age=(\d+)/.exec(await runGit(cwd, ['rev-parse', `--since=${since}`]));
  if (read === null || Number(read[1]) >= before - 1) {
    throw new KeygateError('USAGE', `--since "${since.slice(0, 40)}" is not a past date git can read (git takes it as now or later, which selects no commit)`, {
      hint: 'write a date such as 2024-01-01 or "6 months ago"',
    });
  }
  return since;
}

export async function listCommits(cwd: string, selection: HistorySelection): Promise<HistoryCommit[]> {
  // --topo-order: parents before children even where commit dates tie (scripted commits, rebases).
  const args = ['log', '--reverse', '--topo-order', '-z', '--no-color', '--format=%H%x01%P%x01%aI%x01%an'];
  if (selection.since !== undefined) args.push(`--since=${await sinceDate(cwd, selection.since)}`);
  if (selection.maxCommits !== undefined) args.push(`--max-count=${selection.maxCommits}`);
  const revs =
    selection.range !== undefined
      ? [revision(selection.range, '--range')]
      : selection.refs?.length
        ? selection.refs.map((r) => revision(r, '--branch'))
        : ['--all'];
  if (revs[0] !== '--all') args.push('--end-of-options');
  args.push(...revs);
  const out = await runGit(cwd, args);
  const commits: HistoryCommit[] = [];
  for (const record of out.split('\0')) {
    const line = record.replace(/^\n/, '');
    if (line === '') continue;
    const [sha = '', parents = '', date = '', author = ''] = line.split('\x01');
    commits.push({ sha, date, author, parents: parents.split(' ').filter(Boolean) });
  }
  return commits;
}

/**
 * The given commits (a push's), in the order given, each with its parents: read by one
 * `git rev-list --stdin` (a push of thousands of commits would not fit on a command line).
 */
export async function commitsWithParents(cwd: string, shas: readonly string[]): Promise<HistoryCommit[]> {
  if (shas.length === 0) return [];
  let out = '';
  await streamGit(
    cwd,
    ['rev-list', '--stdin', '--no-walk=unsorted', '--parents'],
    (chunk) => ((out += chunk.toString('latin1')), true),
    shas.join('\n') + '\n',
  );
  const commits = out
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [sha = '', ...parents] = line.split(' ');
      return { sha, date: '', author: '', parents };
    });
  if (commits.length !== shas.length) throw new KeygateError('DIFF_PARSE', `git rev-list named ${commits.length} of ${shas.length} commits`);
  return commits;
}

/**
 * Streams what each commit added into the sink `newSink` gives for it, in order. Each commit's
 * output from diff-tree is followed by a line this run makes up (diff-tree passes lines that are
 * no commit through), so that where one commit ends is known without parsing git's output twice.
 */
export async function streamHistory(
  cwd: string,
  commits: readonly HistoryCommit[],
  newSink: (commit: HistoryCommit) => LineSink,
  /** Called as each commit's output ends, so that what it holds is let go of at once. */
  commitDone: (commit: HistoryCommit) => void = () => undefined,
): Promise<void> {
  if (commits.length === 0) return;
  // node:crypto loaded here, not at import: the commit hook never pays for it.
  const { randomBytes } = requireBuiltin<typeof import('node:crypto')>('node:crypto');
  const end = `keygate-end-of-commit-${randomBytes(12).toString('hex')}`;
  // A commit and its first parent: a merge is diffed against that one only.
  const input = commits.map((c) => `${c.sha}${c.parents[0] ? ` ${c.parents[0]}` : ''}\n${end}\n`).join('');
  const [, , ...flags] = STAGED_DIFF_ARGS; // drop 'diff', '--cached'
  const splitter = new CommitSplitter(commits, newSink, commitDone, Buffer.from(`${end}\n`));
  await streamGit(cwd, ['diff-tree', '--stdin', '-r', '--root', ...flags], (chunk) => (splitter.push(chunk), true), input);
  splitter.end();
}

/** Cuts diff-tree's output at the end-of-commit lines and feeds each commit to a parser of its own. */
class CommitSplitter {
  private index = 0;
  private parser: DiffParser | undefined;
  /** Still before the NUL that ends the commit id diff-tree puts first (40 or 64 hex digits: SHA-1 or SHA-256). */
  private inHeader = true;
  private held: Buffer = Buffer.alloc(0);

  constructor(
    private readonly commits: readonly HistoryCommit[],
    private readonly newSink: (commit: HistoryCommit) => LineSink,
    private readonly commitDone: (commit: HistoryCommit) => void,
    private readonly mark: Buffer,
  ) {
    this.begin();
  }

  private begin(): void {
    const commit = this.commits[this.index];
    this.parser = commit === undefined ? undefined : new DiffParser(this.newSink(commit));
    this.inHeader = true;
  }

  push(chunk: Buffer): void {
    let data = this.held.length > 0 ? Buffer.concat([this.held, chunk]) : chunk;
    for (let at = data.indexOf(this.mark); at !== -1; at = data.indexOf(this.mark)) {
      this.feed(data.subarray(0, at));
      this.parser?.end();
      this.commitDone(this.commits[this.index] as HistoryCommit);
      this.index++;
      this.begin();
      data = data.subarray(at + this.mark.length);
    }
    // What could be the start of an end-of-commit line waits for the next chunk.
    const keep = Math.min(data.length, this.mark.length - 1);
    this.feed(data.subarray(0, data.length - keep));
    this.held = Buffer.from(data.subarray(data.length - keep));
  }

  private feed(bytes: Buffer): void {
    let rest = bytes;
    if (this.inHeader) {
      const nul = rest.indexOf(0);
      if (nul === -1) return; // all of it commit id
      this.inHeader = false;
      rest = rest.subarray(nul + 1);
    }
    if (rest.length > 0) {
      if (this.parser === undefined) throw new KeygateError('DIFF_PARSE', 'git diff-tree showed more commits than it was given');
      this.parser.push(rest);
    }
  }

  end(): void {
    if (this.held.length > 0 || this.index !== this.commits.length) {
      throw new KeygateError('DIFF_PARSE', `git diff-tree ended after ${this.index} of ${this.commits.length} commits`);
    }
  }
}

/** A file as one commit has it. */
export interface FileAt {
  commit: string;
  path: string;
}

/**
 * The blob each place names (`commit:path`), or undefined where the commit has no such file:
 * one `git cat-file --batch-check` for all of them. A path holding a newline cannot be asked
 * for that way and counts as absent.
 */
export async function blobsAt(cwd: string, places: readonly FileAt[]): Promise<(string | undefined)[]> {
  const asked = places.map((p, i) => ({ i, name: `${p.commit}:${p.path}` })).filter((q) => !/[\n\r]/.test(q.name));
  const found: (string | undefined)[] = places.map(() => undefined);
  if (asked.length === 0) return found;
  let out = '';
  const input = asked.map((q) => q.name).join('\n') + '\n';
  await streamGit(cwd, ['cat-file', '--batch-check=%(objectname) %(objecttype)'], (chunk) => ((out += chunk.toString('utf8')), true), input);
  const lines = out.split('\n');
  if (lines.length !== asked.length + 1) throw new KeygateError('DIFF_PARSE', `git cat-file answered ${lines.length - 1} of ${asked.length} questions`);
  asked.forEach((q, n) => {
    const m = /^([0-9a-f]{40,64}) blob$/.exec(lines[n] as string);
    if (m !== null) found[q.i] = m[1];
  });
  return found;
}
