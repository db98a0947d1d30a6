import { describeEntry } from '../allow/index.js';
import { loadMicromatch, pathMatcher } from '../allow/globs.js';
import { requireBuiltin } from '../builtins.js';
import { boundedTest } from '../detectors/bounded-regex.js';
import { type AllowEntry, CONFIG_FILE, configPath, type KeygateConfig, loadConfig, parseConfig } from '../config/config.js';
import { findRoot } from '../git/root.js';
import { formatConfig, sameTarget, writeConfig } from '../config/write.js';
import { DETECTORS } from '../detectors/index.js';
import { KeygateError } from '../errors.js';
import { gitDir } from '../git/git.js';
import { ALLOW_USAGE } from '../messages.js';
import { relative, posix, sep } from 'node:path';
import { unknownRuleMessage } from '../config/rule-ids.js';
import { regexRisk } from '../config/regex-risk.js';
import { loadLastRun } from '../report/last-run.js';
import { loadSha256 } from '../report/finding.js';
import { displayPlace } from '../report/display.js';
import { type KnownFinding, literalRuns, patternLeak, textLeak } from '../allow/pattern-guard.js';
import { customDetector } from '../detectors/custom.js';
import { scanStagedKeepingSecrets } from '../index.js';
import { parseOptions } from './args.js';
import { EXIT_CLEAN, type Io } from './io.js';

export function repoRoot(cwd: string): string {
  const root = findRoot(cwd);
  if (root === undefined) {
    throw new KeygateError('NOT_A_REPO', 'not inside a git repository', { hint: 'run keygate from inside a git work tree' });
  }
  return root;
}

export function builtinIds(): string[] {
  return DETECTORS.map((d) => d.id);
}

/**
 * What this repository's scans have found, with fingerprints: the staged findings (allowed
 * ones too) and the last blocked run's. A pattern is checked against them (pattern-guard.ts).
 */
interface Known extends KnownFinding {
  file: string;
  line: number;
  /** Found in the staged changes now (not only in the last blocked run). */
  staged: boolean;
}

async function knownFindings(io: Io): Promise<{ known: Known[]; stagedRead: boolean; real: Set<string>; secrets: string[] }> {
  const known: Known[] = [];
  let stagedRead = false;
  let secrets: string[] = [];
  try {
    // One staged scan: its findings (with fingerprints and places) and, in memory, its secrets.
    const staged = await scanStagedKeepingSecrets({ cwd: io.cwd });
    stagedRead = true;
    secrets = staged.secrets;
    for (const f of [...staged.report.findings, ...staged.report.suppressed.map((s) => s.finding)]) known.push({ ...f, file: f.path, staged: true });
  } catch {
    // Nothing staged to compare with (a bare checkout, a broken index): the other checks stand.
  }
  let real = new Set<string>();
  try {
    const run = loadLastRun(await gitDir(io.cwd));
    real = new Set(run.real ?? []);
    for (const f of run.findings) known.push({ ruleId: f.rule, redacted: f.match, fingerprint: f.fingerprint, file: f.file, line: f.line, staged: false });
  } catch {
    // No blocked run yet.
  }
  return { known, stagedRead, real, secrets };
}

/** Mistakes in the arguments, said as such (not as if .keygate.json were broken). */
function checkArguments(values: { rule?: string; path?: string; pattern?: string }, ruleIds: readonly string[]): void {
  if (values.rule !== undefined && !ruleIds.includes(values.rule)) {
    throw new KeygateError('USAGE', `--rule: ${unknownRuleMessage(values.rule, ruleIds)}`);
  }
  if (values.pattern !== undefined) {
    try {
      new RegExp(values.pattern);
    } catch (error) {
      // V8 quotes the pattern in its message (/.../: Unterminated group): only the reason is shown.
      throw new KeygateError(
        'USAGE',
        `--pattern is not a valid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: \/[\s\S]*\/[a-z]*: /, '')}`,
      );
    }
    const risk = regexRisk(values.pattern);
    if (risk !== undefined) throw new KeygateError('USAGE', `--pattern can take exponential time on some input (${risk})`);
  }
  if (values.path !== undefined && (values.path.startsWith('/') || values.path.includes('\\'))) {
    throw new KeygateError('USAGE', `--path ${values.path}: give a glob relative to where you are, with /`);
  }
}

/** A glob given from a subdirectory, made relative to the repository root as .keygate.json keeps them. */
function rootRelative(glob: string, root: string, cwd: string): string {
  const sub = relative(root, cwd).split(sep).join('/');
  if (sub === '' || sub.startsWith('..')) return glob;
  return posix.normalize(`${sub}/${glob}`);
}

export async function allowCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions('allow', args, {
    reason: { type: 'string' },
    path: { type: 'string' },
    rule: { type: 'string' },
    pattern: { type: 'string' },
    last: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    'no-color': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(ALLOW_USAGE + '\n');
    return EXIT_CLEAN;
  }
  const root = repoRoot(io.cwd);
  const config = await loadConfig(root, builtinIds());
  const reason = values.reason?.trim();
  if (!reason) {
    throw new KeygateError('USAGE', 'say why: --reason "..." is required', {
      hint: 'the reason is what your reviewers read in the diff of .keygate.json',
    });
  }
  const ruleIds = [...builtinIds(), ...config.rules.map((r) => r.id)];
  checkArguments(values, ruleIds);
  const found = await knownFindings(io);
  const detectors = [...DETECTORS, ...config.rules.map(customDetector)];
  if (values.pattern !== undefined) {
    const others = config.allow.flatMap((e) => (e.pattern !== undefined ? [e.pattern, literalRuns(e.pattern).join('')] : []));
    const leak = patternLeak(values.pattern, detectors, found.known, loadSha256(), found.secrets, others);
    if (leak !== undefined) {
      // Never echoed: the pattern is what must not be shown or written.
      throw new KeygateError('USAGE', `that pattern was not written to ${CONFIG_FILE}: ${leak}, and .keygate.json is plain text for everyone`, {
        hint: 'allow the secret by its fingerprint instead (keygate allow <fingerprint>); a pattern should name a shape (a prefix, a word such as EXAMPLE), never the value',
      });
    }
  }
  // Free text goes into .keygate.json as written: never a secret (pasted by mistake).
  for (const [what, text] of [
    ['--reason', reason],
    ['--path', values.path],
  ] as const) {
    if (text !== undefined && textLeak(text, detectors, found.secrets)) {
      throw new KeygateError(
        'USAGE',
        `${what} was not written to ${CONFIG_FILE}: it holds a secret, or what looks like one, and .keygate.json is plain text for everyone`,
        {
          hint: 'say why in words, and allow the secret by its fingerprint',
        },
      );
    }
  }
  const path = values.path !== undefined ? rootRelative(values.path, root, io.cwd) : undefined;
  if (path !== undefined && path !== values.path)
    io.out(`keygate: --path ${values.path} from ${relative(root, io.cwd)}/ is recorded as ${path} (relative to the repository root)\n`);
  await warnIfBroad(io, path, values.rule, values.pattern, positionals.length > 0 || values.last === true);
  const scope: Partial<AllowEntry> = {
    ...(path !== undefined ? { path } : {}),
    ...(values.rule !== undefined ? { rule: values.rule } : {}),
    ...(values.pattern !== undefined ? { pattern: values.pattern } : {}),
  };
  const entries = await wantedEntries(io, positionals, values.last === true, scope, reason, found);
  const { added, already } = merge(config, entries);
  // Validate exactly what will be written, with the same checks as loading it.
  const next: KeygateConfig = { ...config, allow: [...config.allow, ...added] };
  await parseConfig(formatConfig(next), CONFIG_FILE, builtinIds());
  for (const e of already) io.out(`keygate: already allowed: ${describeEntry(e)}\n`);
  if (added.length === 0) return EXIT_CLEAN;
  if (!values['dry-run']) writeConfig(configPath(root), next);
  const verb = values['dry-run'] ? 'would add' : 'added';
  for (const e of added) io.out(`keygate: ${verb} to ${CONFIG_FILE}: ${describeEntry(e)} — ${e.reason}\n`);
  if (!values['dry-run']) {
    io.out(`keygate: commit it with your change, for review: git add ${CONFIG_FILE}\n`);
  }
  return EXIT_CLEAN;
}

async function wantedEntries(
  io: Io,
  fingerprints: string[],
  last: boolean,
  scope: Partial<AllowEntry>,
  reason: string,
  found: Awaited<ReturnType<typeof knownFindings>>,
): Promise<AllowEntry[]> {
  const added = io.today();
  const stagedNow = new Set(found.known.filter((k) => k.staged).map((k) => k.fingerprint));
  if (last) {
    if (fingerprints.length > 0) throw new KeygateError('USAGE', '--last and fingerprints do not go together');
    const run = loadLastRun(await gitDir(io.cwd));
    // Only what is still staged (a clean commit since makes the run stale), never what review
    // was told is real.
    const offered = run.findings.filter((f) => (!found.stagedRead || stagedNow.has(f.fingerprint)) && !found.real.has(f.fingerprint));
    const left = run.findings.length - offered.length;
    if (offered.length === 0) {
      throw new KeygateError(
        'USAGE',
        `nothing to allow from the last blocked run (${run.time}): ${left > 0 ? 'its findings are no longer staged, or were marked real in keygate review' : 'it found nothing'}`,
        {
          hint: 'commit again to see what blocks it now',
        },
      );
    }
    io.out(`keygate: the last blocked run (${run.time}) found, still staged:\n`);
    for (const f of offered) io.out(`  ${displayPlace(f.file, f.line, f.column)}  ${f.rule}  ${f.match}  ${f.fingerprint}\n`);
    if (left > 0) io.out(`keygate: left out ${left} finding(s) no longer staged or marked real in keygate review\n`);
    const seen = new Set<string>();
    return offered
      .filter((f) => !seen.has(f.fingerprint) && seen.add(f.fingerprint))
      .map((f) => ({ fingerprint: f.fingerprint, rule: f.rule, ...scope, seen: `${f.file}:${f.line} ${f.match}`, reason, added }));
  }
  if (fingerprints.length > 0) {
    return fingerprints.map((fingerprint) => {
      const k = found.known.find((x) => x.fingerprint === fingerprint);
      if (k === undefined) {
        io.warn(
          `keygate: warning: fingerprint ${/^[0-9a-f]{16}$/.test(fingerprint) ? fingerprint : '(not shown: not 16 hex digits)'} matches no finding of the staged changes or of the last blocked run; it is added, but check it was copied right`,
        );
        return { fingerprint, ...scope, reason, added };
      }
      return { fingerprint, rule: scope.rule ?? k.ruleId, ...scope, seen: `${k.file}:${k.line} ${k.redacted}`, reason, added };
    });
  }
  if (Object.keys(scope).length === 0) {
    throw new KeygateError('USAGE', 'nothing to allow', {
      hint: 'give a fingerprint, --last, --path, --rule or --pattern (see keygate allow --help)',
    });
  }
  return [{ ...scope, reason, added }];
}

/**
 * Made-up paths of many kinds. Whether a glob covers every file is told by trying it on these,
 * not by its text: `{**,x}`, `!(zzz)/**` and `**\/*.*` cover everything too, and `**\/` covers
 * no file at all (found by an adversarial trial, when only `**`-like text was warned about).
 */
const PROBE_PATHS = [
  'README.md',
  'Makefile',
  'src/app.ts',
  'src/deep/nested/dir/settings.env',
  '.env',
  '.github/workflows/ci.yml',
  'test/fixtures/keys.json',
  'docs/v1.2/notes.txt',
];

/**
 * Made-up secrets of many shapes, made afresh at each run and never shown or written: a
 * pattern that matches nearly all of them (`.`, `^`, `[A-Za-z]`) allows nearly any secret.
 */
function probeSecrets(): string[] {
  const { randomBytes } = requireBuiltin<typeof import('node:crypto')>('node:crypto');
  const draw = (alphabet: string, n: number): string => [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
  const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [
    `AKIA${draw('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`,
    draw(`${B62}+/`, 40),
    `ghp_${draw(B62, 36)}`,
    draw('0123456789abcdef', 32),
    `xoxb-${draw('0123456789', 12)}-${draw(B62, 24)}`,
    `sk_live_${draw(B62, 24)}`,
    draw(`${B62}!#%&*+-=?@^_~`, 14),
    `eyJ${draw(B62, 20)}.eyJ${draw(B62, 30)}.${draw(B62, 43)}`,
  ];
}

/** The share of the probes a glob or a pattern must match to count as covering nearly everything. */
const NEARLY_ALL = 0.75;

/** An allow that switches a rule off everywhere, covers nearly every path, or matches nearly any secret, is said out loud. */
async function warnIfBroad(io: Io, path: string | undefined, rule: string | undefined, pattern: string | undefined, specific: boolean): Promise<void> {
  if (specific) return;
  const share = (hits: boolean[]): number => hits.filter(Boolean).length / hits.length;
  let pathShare = 1;
  if (path !== undefined) {
    const matches = pathMatcher(await loadMicromatch(), path);
    pathShare = share(PROBE_PATHS.map((p) => matches(p)));
  }
  const re = pattern === undefined ? undefined : new RegExp(pattern);
  const secretShare = re === undefined ? 1 : share(probeSecrets().map((s) => boundedTest(re, s, `the pattern /${re.source.slice(0, 40)}/`)));
  if (pathShare < NEARLY_ALL || secretShare < NEARLY_ALL) return;
  const where = path === undefined ? 'in every file' : `under --path ${path}, which covers ${pathShare === 1 ? 'every' : 'nearly every'} file,`;
  if (pattern !== undefined) {
    io.warn(
      `keygate: warning: --pattern /${pattern}/ matches ${secretShare === 1 ? 'any' : 'nearly any'} secret: every finding${rule ? ` of ${rule}` : ''} ${where} would be allowed; a fingerprint is narrower`,
    );
  } else if (rule !== undefined) {
    const scope =
      path === undefined ? 'in every file of this repository; a fingerprint or a --path is narrower' : `${where.replace(/,$/, '')}; a fingerprint is narrower`;
    io.warn(`keygate: warning: this turns the ${rule} rule off ${scope}`);
  } else if (path !== undefined) {
    io.warn(`keygate: warning: --path ${path} covers ${pathShare === 1 ? 'every' : 'nearly every'} file: every finding would be allowed`);
  }
}

function merge(config: KeygateConfig, wanted: AllowEntry[]): { added: AllowEntry[]; already: AllowEntry[] } {
  const added: AllowEntry[] = [];
  const already: AllowEntry[] = [];
  for (const e of wanted) {
    if ([...config.allow, ...added].some((x) => sameTarget(x, e))) already.push(e);
    else added.push(e);
  }
  return { added, already };
}
