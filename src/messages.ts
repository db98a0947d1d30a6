/** All user-facing text lives here, so wording is reviewed in one place. */
import type { Finding, ScanSource, ScanStats } from './types.js';
import { displayFacts } from './report/facts.js';

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1024 ** 3) return `${(n / 1024 / 1024).toFixed(1)} MB`;
  return `${(n / 1024 ** 3).toFixed(2)} GB`;
}

export function blockedHeadline(count: number, source: ScanSource = 'staged'): string {
  if (source === 'commits') return `keygate: push blocked: ${plural(count, 'secret')} in the commits to push`;
  if (source === 'files') return `keygate: blocked: ${plural(count, 'secret')} in the files scanned`;
  if (source === 'history') return `keygate: ${plural(count, 'secret')} in the history scanned`;
  return `keygate: commit blocked: ${plural(count, 'secret')} in the staged changes`;
}

/** The first step, for where the secret is. */
const TAKE_IT_OUT: Record<ScanSource, string[]> = {
  staged: ['  1. Take the secret out of the staged change: edit the file, then `git add` it again', '     (or `git restore --staged <file>` to unstage it).'],
  files: ['  1. Take the secret out of the file (and `git add` it again if it is staged).'],
  commits: [
    '  1. Take the secret out of the commits to push: edit the file, then `git commit --amend`',
    '     for the last commit, or `git rebase -i` for an older one; then push again.',
  ],
  history: [
    '  1. A secret in history stays readable in every clone: rotate it first (step 2), then take it out',
    '     of HEAD if it is still there; rewriting history (git filter-repo) only helps once it is rotated.',
  ],
};

/** What to do about real secrets, for the rules that found them (AWS keys get AWS's steps). */
export function whatToDo(rules: readonly string[], source: ScanSource = 'staged'): string[] {
  const aws = rules.some((r) => r.startsWith('aws-'));
  const other = rules.some((r) => !r.startsWith('aws-'));
  return [
    'What to do:',
    ...TAKE_IT_OUT[source],
    '  2. Keep credentials out of code: read them from the environment or fetch them from a',
    `     secrets manager${aws ? '; for AWS, use an IAM role (instance profile, IRSA, SSO), not keys' : ''}.`,
    '  3. If it was ever pushed or shared, rotate it now:',
    ...(aws ? ['     an AWS key: create a new access key, switch every app over to it, then deactivate', '     and delete the old key;'] : []),
    ...(other ? [`     ${aws ? 'the others' : 'revoke it'} with ${aws ? 'their' : 'its'} provider, issue a new one and switch every app over to it.`] : []),
  ];
}

/**
 * The end of a history audit: findings per rule and per file, AWS keys by the account their
 * key IDs name, and which secrets are still in the tracked files versus only in history, with
 * what each needs.
 */
export function auditSummary(findings: readonly Finding[]): string[] {
  const count = (key: (f: Finding) => string | undefined): [string, number][] => {
    const m = new Map<string, number>();
    for (const f of findings) {
      const k = key(f);
      if (k !== undefined) m.set(k, (m.get(k) ?? 0) + 1);
    }
    return [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  };
  const list = (rows: [string, number][], max = 10): string[] => [
    ...rows.slice(0, max).map(([k, n]) => `    ${String(n).padStart(4)}  ${k}`),
    ...(rows.length > max ? [`          ... and ${rows.length - max} more`] : []),
  ];
  const accounts = count((f) => (f.ruleId === 'aws-access-key-id' ? (f.facts['awsAccountId'] ?? 'account not encoded (older key ID)') : undefined));
  const present = findings.filter((f) => f.inHead === true).length;
  const past = findings.filter((f) => f.inHead === false).length;
  return [
    'Audit summary:',
    '  findings by rule:',
    ...list(count((f) => f.ruleId)),
    '  findings by file:',
    ...list(count((f) => f.path)),
    ...(accounts.length > 0 ? ['  AWS access key IDs by account:', ...list(accounts)] : []),
    `  still in the tracked files: ${present} (take each out, then rotate it)`,
    `  only in history: ${past} (rotate each: every clone and fork still has it)`,
  ];
}

/** A history scan's status line: commits and MB done, rate, and time left. */
export function historyProgress(p: { commits: number; of: number; bytes: number; ms: number }): string {
  const mb = p.bytes / 1024 / 1024;
  const secs = p.ms / 1000;
  const perSec = secs > 0 ? p.commits / secs : 0;
  const left = perSec > 0 ? Math.ceil((p.of - p.commits) / perSec) : undefined;
  return `keygate: ${p.commits}/${p.of} commits, ${mb.toFixed(1)} MB, ${perSec.toFixed(0)} commits/s${left !== undefined ? `, ~${left} s left` : ''}`;
}

/**
 * How the user runs this keygate: npx keygate, except from a plain hook's own copy
 * (<hooks>/keygate/dist/cli.cjs), which npx cannot find when keygate is in no package.json
 * (a newcomer's trial: every "npx keygate allow ..." the hook printed failed with npm's 404);
 * then node and the copy's path, from the work tree's root (where git runs hooks).
 */
export function keygateCommand(script = process.argv[1] ?? '', cwd = process.cwd()): string {
  const parts = script.split(/[\\/]/);
  const n = parts.length;
  const ownCopy = n >= 3 && parts[n - 3] === 'keygate' && parts[n - 2] === 'dist' && !parts.includes('node_modules');
  if (!ownCopy) return 'npx keygate';
  const prefix = cwd.endsWith('/') ? cwd : `${cwd}/`;
  const shown = script.startsWith(prefix) ? script.slice(prefix.length) : script;
  return `node ${/[^A-Za-z0-9_./-]/.test(shown) ? `'${shown.replace(/'/g, "'\\''")}'` : shown}`;
}

export function falsePositiveHelp(rule: string, push = false): string[] {
  const keygate = keygateCommand();
  return [
    'Not a secret? Allow it, for review in .keygate.json, with the command under the finding;',
    `  or all of them: ${keygate} allow --last --reason "..."; or one by one: ${keygate} review;`,
    `  or on the line itself: value = "..."  # keygate:allow ${rule} -- test fixture`,
    push
      ? 'Bypass once: git push --no-verify (not recommended: the secret leaves your machine).'
      : 'Bypass for one commit: git commit --no-verify (not recommended: the secret lands in history).',
  ];
}

export function allowCommandFor(fingerprint: string): string {
  return `${keygateCommand()} allow ${fingerprint} --reason "..."`;
}

export function scannedSummary(stats: ScanStats, suppressed: number): string {
  const parts = [
    ...(stats.commits !== undefined ? [`scanned ${plural(stats.commits, 'commit')}`] : []),
    `${stats.commits !== undefined ? '' : 'scanned '}${plural(stats.files, 'file')}`,
    plural(stats.addedLines, 'added line'),
    formatBytes(stats.bytes),
  ];
  if (stats.binarySkipped > 0) parts.push(`${plural(stats.binarySkipped, 'binary file')} read for known forms only`);
  if (stats.submodulesSkipped > 0) parts.push(`${plural(stats.submodulesSkipped, 'submodule')} skipped`);
  if (suppressed > 0) parts.push(`${suppressed} allowed`);
  return `keygate: ${parts.join(', ')}`;
}

/** What a finding in a file's name needs (its note, and keygate review): editing the file does not take it out. */
export const IN_THE_NAME = "in the file's name: rename the file (git mv) to take it out";

export const NOTHING_STAGED = 'keygate: nothing staged to scan (0 files)';
export const NOTHING_IN_FILES = 'keygate: no files to scan (0 files)';
export const NOTHING_TO_PUSH = 'keygate: no new commits to push (0 commits scanned)';

export function errorLine(message: string, hint?: string): string {
  return `keygate: error: ${message}${hint ? ` (${hint})` : ''}`;
}

export function lastRunNotSaved(reason: string): string {
  return `keygate: warning: this run could not be kept for keygate allow --last and keygate review (${reason}); the findings above still block`;
}

export const TIMEOUT_HINT =
  'the commit is blocked; a git or file system that hangs is the usual cause: try again, raise KEYGATE_TIMEOUT=<seconds> for a huge change, or bypass once with git commit --no-verify';

/** What a hook says when it cannot find keygate (hooks/pre-commit and every hook install writes). */
export function hookNotFound(what: 'commit' | 'push'): string {
  return `keygate: error: keygate is not installed here, so the secret scan cannot run (${what} blocked; run npm install, or npx keygate install, or bypass once with git ${what} --no-verify)`;
}

/** What a hook says when node is not on PATH. */
export function hookNoNode(what: 'commit' | 'push'): string {
  return `keygate: error: node is not on PATH, so the secret scan cannot run (${what} blocked; install Node.js >= 20, or bypass once with git ${what} --no-verify)`;
}

export const FAIL_CLOSED_HINT = 'the commit is blocked; fix the cause, or bypass once with git commit --no-verify';

/** Where SARIF consumers send a reader who wants to know what keygate is (the package's page). */
export const KEYGATE_URL = 'https://www.npmjs.com/package/keygate';

/** A SARIF result's message: what was found, redacted, and what is known offline. Never the secret. */
export function sarifMessage(f: Finding): string {
  const known = displayFacts(f.facts);
  const commit = f.commit !== undefined ? ` in commit ${f.commit.slice(0, 12)}` : '';
  return `${f.description}: ${f.redacted}${commit}${known.length > 0 ? ` (${known.join('; ')})` : ''}. Take it out of the code and rotate it; not a secret? ${allowCommandFor(f.fingerprint)}`;
}

export function sarifRuleFullDescription(rule: string, description: string): string {
  return `keygate rule ${rule}: ${description}. A credential in a repository is readable by everyone who can read the repository or its history, and by every CI log and fork it reaches.`;
}

/** What to do about a finding of a rule, for SARIF's help (GitHub shows it beside the alert). */
export function sarifRuleHelp(rule: string): { text: string; markdown: string } {
  const rotate = rule.startsWith('aws-')
    ? 'create a new access key, switch every app over to it, then deactivate and delete the old key (AWS IAM console or aws iam update-access-key / delete-access-key)'
    : 'revoke it with its provider, issue a new one and switch every app over to it';
  const steps = [
    `Remove the secret from the code: read it from the environment or fetch it from a secrets manager${rule.startsWith('aws-') ? ' (for AWS, use an IAM role: instance profile, IRSA, SSO)' : ''}.`,
    `Rotate it if it was ever committed, pushed or shared (a finding in a commit or in history was): ${rotate}. Removing it from the latest commit does not take it out of history.`,
    'Not a secret (a test fixture, an example)? Allow it for review in .keygate.json: npx keygate allow <fingerprint> --reason "..." (the fingerprint is the result\'s keygate/v1 partial fingerprint).',
  ];
  return {
    text: steps.map((s, i) => `${i + 1}. ${s}`).join('\n'),
    markdown: steps.map((s, i) => `${i + 1}. ${s.replace(/npx keygate allow <fingerprint> --reason "\.\.\."/, '`$&`')}`).join('\n'),
  };
}

/** The report could not be written where --output said (nothing was written there). */
export function outputNotWritten(what: string, file: string, reason: string): string {
  return `cannot write ${what} to ${file}: ${reason}`;
}

export const BASELINE_FILE = '.keygate-baseline.json';

export function baselineReason(file: string): string {
  return `in the baseline (${file})`;
}

export function baselineWritten(file: string, entries: number, files: number): string {
  return `keygate: wrote ${file}: ${plural(entries, 'known secret')} in ${plural(files, 'file')}; scans with --baseline ${file} fail only on new ones (commit it, and review its changes like code)`;
}

export const USAGE = `Usage: keygate <command> [options]

Commands:
  scan --staged   Scan the staged changes (what git commit would record). The hook runs this.
  hook            Same as scan --staged (the pre-commit hook's entry).
  pre-push        Scan the commits a push would send (the pre-push hook's entry).
  allow           Allow a false positive: by fingerprint, --last, --path, --rule or --pattern.
  allowlist       List the allowlist (and what each entry still matches); remove; prune.
  review          Walk through the last blocked commit's findings on a terminal.
  baseline        Record today's findings, so that scans with --baseline fail only on new ones.
  install         Guard this repository's commits (husky in a Node repo, else a git hook).
  uninstall       Remove exactly what install added; put back what was there.
  doctor          Say whether keygate will run on the next commit here, and if not, why.
  rules           List the built-in rules: id, what each finds, confidence, keywords.
  --version       Print keygate's version.
  help            Show this help.

Run keygate <command> --help for a command's options.

Exit codes: 0 clean, 1 secrets found (commit blocked), 2 error (commit blocked).`;

export const SCAN_USAGE = `Usage: keygate scan --staged [--format text|json|sarif] [--output FILE] [--baseline FILE] [--no-color]
       keygate scan --history [--branch REF]... [--since DATE] [--max-commits N] [options]
       keygate scan --range A..B [options]
       keygate scan [--all-files] [options]
       keygate scan [--all-files] [options] [--] <file or directory>...

--staged: the added lines of the index against HEAD (against the empty tree before the first
commit): exactly what git commit would record, including partial staging and the temporary
index of git commit -a / git commit <path>.

--history: what every commit reachable from any ref added (or from the --branch refs), oldest
first, each finding with its commit, author and date; a secret kept over many commits, or
brought again by a merge, is reported once, at the commit that added it. Merges are read
against their first parent, so what a conflict resolution added is scanned too.
--range A..B: the commits B has and A has not (a push, a pull request), the same way.

Files: those files of the work tree, whole (the pre-commit framework passes files this way).
A directory: the files under it, as git lists them (tracked, and untracked-not-ignored);
outside a repository, every regular file beneath it. Links are not followed.
No files: every tracked file of the work tree and every untracked one git does not ignore.

Options:
  --staged          Scan the staged changes.
  --history         Scan history. --branch REF (repeatable), --since DATE (as git log reads
                    it: 2024-01-01, "6 months ago") and --max-commits N (the newest N) limit it.
  --range A..B      Scan what B adds over A.
  --all-files       With no files, or for directories: ignored files too.
  --quiet           No status lines (a history scan shows them on a terminal's stderr).
  --format <fmt>    text (default), json or sarif. JSON:
                    {"version":1,"findings":[{"rule","file","line","column","match",
                    "fingerprint","severity",...}],"suppressed":[...],"stats":{...}}
                    SARIF 2.1.0, for GitHub code scanning and other SARIF readers.
  --output <file>   Write the report to this file (whole, or not at all) instead of stdout.
  --baseline <file> Findings recorded in this baseline (keygate baseline) are reported as
                    suppressed and do not fail the scan: only new ones do.
  --no-color        No colour (also when NO_COLOR is set or output is not a terminal).
  -h, --help        Show this help.

Exit codes: 0 clean, 1 secrets found, 2 error.`;

export const ALLOW_USAGE = `Usage: keygate allow <fingerprint>... --reason "<why>" [--path <glob>]
       keygate allow --last --reason "<why>"
       keygate allow --path <glob> [--rule <id>] --reason "<why>"
       keygate allow --rule <id> [--path <glob>] --reason "<why>"
       keygate allow --pattern <regex> [--rule <id>] [--path <glob>] --reason "<why>"

Adds an entry to .keygate.json (committed and reviewed like code; entries sorted, one per line,
each with its reason and the date). It never holds a secret: fingerprints are hashes.

  <fingerprint>      As printed for each finding: allows that secret wherever it moves.
  --last             Every finding of the last blocked commit (shown first).
  --path <glob>      A micromatch glob from the repository root (e.g. 'test/fixtures/**');
                     alone it allows everything there, with a fingerprint it scopes it.
  --rule <id>        Turn a rule off (everywhere, or under --path).
  --pattern <regex>  Allow matched values that this regular expression finds.
  --reason <why>     Required: what your reviewers will read.
  --dry-run          Show what would be added; change nothing.`;

export const RULES_USAGE = `Usage: keygate rules [--format text|json|markdown] [<rule-id>...]

Lists the built-in rules (all, or those named): id, what it finds, the confidence of its
findings, whether it validates a checksum or structure, and the keywords that make it run.
Rule ids are stable: use them with keygate allow --rule and in .keygate.json.`;

export const ALLOWLIST_USAGE = `Usage: keygate allowlist [list]          Entries, with reason, date, and what each still matches
       keygate allowlist remove <entry>   By number (as listed), fingerprint, path, rule or pattern
       keygate allowlist prune            Drop entries that match nothing in the tracked files

Matching is checked against every tracked file as the index holds it.`;

export const PRE_PUSH_USAGE = `Usage: keygate pre-push [<remote> <url>] [--format text|json|sarif] [--output FILE] [--baseline FILE]
       (the pre-push hook; reads git's ref lines on stdin)

Scans every commit the push would send (not already on the destination remote's branches), which
catches secrets committed with --no-verify. --format, --output and --baseline as for
keygate scan. Exit codes: 0 clean, 1 secrets found (push blocked), 2 error.`;

export const BASELINE_USAGE = `Usage: keygate baseline [--output FILE]

Scans every tracked file as the index holds it and writes the secrets found today to
.keygate-baseline.json at the repository root (or FILE): for each, its rule, fingerprint,
file and redacted match — never the secret — sorted, one per line, with no line numbers, so
that the file changes only when the secrets do. Then scans given --baseline FILE (keygate
scan, keygate pre-push) report those as suppressed and fail only on new findings.

A finding is in the baseline when its rule and fingerprint are, in whatever file: a renamed
or moved file does not make a known secret new. Commit the file and review its changes like
code: an entry added to it lets that secret pass.`;

export const REVIEW_USAGE = `Usage: keygate review

On a terminal: walks through the findings of the last blocked commit one by one, with a few
lines of context (secrets redacted), and asks whether each is a false positive (allowed in
.keygate.json with your reason) or a real secret (to take out, and rotate).`;

export const INSTALL_USAGE = `Usage: npx keygate install [--no-husky] [--pre-push] [--from SPEC] [--dry-run]

Guards this repository's commits, without touching what is there:
- a Node repository with husky: keygate goes first in .husky/pre-commit (every line kept), and
  into devDependencies so teammates get it on npm install;
- a Node repository without husky: husky is set up as it documents (devDependency, prepare
  script, .husky/pre-commit) with keygate in it; --no-husky installs a plain git hook instead.
  Where git runs hooks of the repository's own (the pre-commit framework's, git-lfs's),
  husky is not set up (it would make git skip them): keygate goes in beside them, as below;
- any other repository: a git hook where git looks for hooks (core.hooksPath, worktrees and
  submodules honoured), with its own copy of keygate beside it: no npx, no network at commit.
An existing hook is never overwritten and keeps running: a shell script gets keygate's block
first (the rest runs after it, its exit status counts); any other hook keeps its name under
hooks/keygate/chained/ and runs before keygate.
Running it twice changes nothing; keygate uninstall removes exactly what it added.

  --no-husky   A plain git hook even in a Node repository.
  --pre-push   Also a pre-push hook: scans every commit a push would send, which catches
               commits made with git commit --no-verify.
  --from SPEC  What to add to devDependencies as keygate (default keygate@^<this version>):
               a tarball (./keygate-0.1.0.tgz), a fork, a private registry name.
  --dry-run    Show what would change; change nothing.`;

export const UNINSTALL_USAGE = `Usage: npx keygate uninstall [--dry-run]

Removes exactly what keygate install added, and puts back what was there before.`;

export const DOCTOR_USAGE = `Usage: npx keygate doctor

Says whether keygate will run on your next commit here, and if not, why and what to do.
Exit code 0 when it will, 1 when it will not.`;
