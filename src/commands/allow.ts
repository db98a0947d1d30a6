import { describeEntry } from '../allow/index.js';
import { type AllowEntry, CONFIG_FILE, configPath, type KeygateConfig, loadConfig, parseConfig } from '../config/config.js';
import { findRoot } from '../git/root.js';
import { formatConfig, sameTarget, writeConfig } from '../config/write.js';
import { DETECTORS } from '../detectors/index.js';
import { KeygateError } from '../errors.js';
import { gitDir } from '../git/git.js';
import { ALLOW_USAGE } from '../messages.js';
import { loadLastRun } from '../report/last-run.js';
import { loadSha256 } from '../report/finding.js';
import { displayPath } from '../report/display.js';
import { type KnownFinding, patternLeak } from '../allow/pattern-guard.js';
import { customDetector } from '../detectors/custom.js';
import { scanStaged } from '../index.js';
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
async function knownFindings(io: Io): Promise<KnownFinding[]> {
  const known: KnownFinding[] = [];
  try {
    const staged = await scanStaged({ cwd: io.cwd });
    for (const f of [...staged.findings, ...staged.suppressed.map((s) => s.finding)]) known.push(f);
  } catch {
    // Nothing staged to compare with (a bare checkout, a broken index): the other checks stand.
  }
  try {
    for (const f of loadLastRun(await gitDir(io.cwd)).findings) known.push({ ruleId: f.rule, redacted: f.match, fingerprint: f.fingerprint });
  } catch {
    // No blocked run yet.
  }
  return known;
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
  if (values.pattern !== undefined) {
    const detectors = [...DETECTORS, ...config.rules.map(customDetector)];
    const leak = patternLeak(values.pattern, detectors, await knownFindings(io), loadSha256());
    if (leak !== undefined) {
      // Never echoed: the pattern is what must not be shown or written.
      throw new KeygateError('USAGE', `that pattern was not written to ${CONFIG_FILE}: ${leak}, and .keygate.json is plain text for everyone`, {
        hint: 'allow the secret by its fingerprint instead (keygate allow <fingerprint>); a pattern should name a shape (a prefix, a word such as EXAMPLE), never the value',
      });
    }
  }
  const scope: Partial<AllowEntry> = {
    ...(values.path !== undefined ? { path: values.path } : {}),
    ...(values.rule !== undefined ? { rule: values.rule } : {}),
    ...(values.pattern !== undefined ? { pattern: values.pattern } : {}),
  };
  const entries = await wantedEntries(io, positionals, values.last === true, scope, reason);
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
): Promise<AllowEntry[]> {
  const added = io.today();
  if (last) {
    if (fingerprints.length > 0) throw new KeygateError('USAGE', '--last and fingerprints do not go together');
    const run = loadLastRun(await gitDir(io.cwd));
    io.out(`keygate: the last blocked run (${run.time}) found:\n`);
    for (const f of run.findings) io.out(`  ${displayPath(f.file)}:${f.line}:${f.column}  ${f.rule}  ${f.match}  ${f.fingerprint}\n`);
    const seen = new Set<string>();
    return run.findings
      .filter((f) => !seen.has(f.fingerprint) && seen.add(f.fingerprint))
      .map((f) => ({ fingerprint: f.fingerprint, rule: f.rule, ...scope, reason, added }));
  }
  if (fingerprints.length > 0) return fingerprints.map((fingerprint) => ({ fingerprint, ...scope, reason, added }));
  if (Object.keys(scope).length === 0) {
    throw new KeygateError('USAGE', 'nothing to allow', {
      hint: 'give a fingerprint, --last, --path, --rule or --pattern (see keygate allow --help)',
    });
  }
  return [{ ...scope, reason, added }];
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
