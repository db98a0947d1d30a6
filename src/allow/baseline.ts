import { lstatSync, readFileSync, statSync } from 'node:fs';
import { JsonSyntaxError, lineColumn, parseJsonWithPositions, type JsonValue } from '../config/json.js';
import { RULE_ID_RE } from '../config/rule-ids.js';
import { KeygateError } from '../errors.js';
import { baselineReason } from '../messages.js';
import { displayPath } from '../report/display.js';
import type { Finding, Report } from '../types.js';

/**
 * A baseline: the secrets a repository already had when it adopted keygate (old, already
 * rotated leaks), so that scans fail only on new ones. An entry is what identifies a secret —
 * its rule and fingerprint (a hash, never the secret) — and the file it was in, for the reader.
 * No line: lines move when code above them changes, and the file must not churn then.
 *
 * Matching is on (rule, fingerprint) alone: the fingerprint identifies the secret wherever it
 * is, so a file renamed or moved does not make a known secret new again. A secret whose
 * fingerprint is not in the baseline fails, in whatever file.
 */
export interface BaselineEntry {
  rule: string;
  fingerprint: string;
  file: string;
  /** Redacted, as reports show it: for the reader of the file's diff, never used to match. */
  match: string;
}

export interface Baseline {
  /** The file as the user named it: what the suppression reason says. */
  name: string;
  entries: BaselineEntry[];
}

export const BASELINE_VERSION = 1;
export const MAX_BASELINE_BYTES = 32 * 1024 * 1024;

const FINGERPRINT_RE = /^[0-9a-f]{16}$/;

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return byText(a.file, b.file) || byText(a.rule, b.rule) || byText(a.fingerprint, b.fingerprint);
}

/** Today's findings as baseline entries: one per (file, rule, fingerprint), sorted by them. */
export function baselineEntries(findings: readonly Finding[]): BaselineEntry[] {
  const seen = new Map<string, BaselineEntry>();
  for (const f of findings) {
    const key = `${f.path}\0${f.ruleId}\0${f.fingerprint}`;
    if (!seen.has(key)) seen.set(key, { rule: f.ruleId, fingerprint: f.fingerprint, file: f.path, match: f.redacted });
  }
  return [...seen.values()].sort(compareEntries);
}

/** The file's text: fixed key order, one entry per line, so that its diff reads entry by entry. */
export function renderBaseline(entries: readonly BaselineEntry[]): string {
  const lines = [...entries]
    .sort(compareEntries)
    .map(
      (e) =>
        `    { "rule": ${JSON.stringify(e.rule)}, "fingerprint": ${JSON.stringify(e.fingerprint)}, "file": ${JSON.stringify(e.file)}, "match": ${JSON.stringify(e.match)} }`,
    );
  const body = lines.length === 0 ? '[]' : `[\n${lines.join(',\n')}\n  ]`;
  return `{\n  "version": ${BASELINE_VERSION},\n  "findings": ${body}\n}\n`;
}

function keyOf(rule: string, fingerprint: string): string {
  return `${rule}\0${fingerprint}`;
}

/**
 * The one place a baseline applies, as a pure filter: findings it holds move to the suppressed
 * ones with the reason, the others stay, so the exit code counts only new findings.
 */
export function applyBaseline(report: Report, baseline: Baseline): Report {
  const known = new Set(baseline.entries.map((e) => keyOf(e.rule, e.fingerprint)));
  const reason = baselineReason(baseline.name);
  const findings: Finding[] = [];
  const suppressed = [...report.suppressed];
  for (const f of report.findings) {
    if (known.has(keyOf(f.ruleId, f.fingerprint))) suppressed.push({ finding: f, reason });
    else findings.push(f);
  }
  return { ...report, findings, suppressed };
}

function baselineError(name: string, message: string): KeygateError {
  return new KeygateError('CONFIG', `baseline ${displayPath(name)}: ${message}`, {
    hint: `make it (again) with keygate baseline --output ${displayPath(name)}, or fix the path; the scan fails until the baseline can be read`,
  });
}

/**
 * Reads and validates a baseline file. Any problem is an error naming the file, never an empty
 * baseline: a broken one must not pass new secrets, nor hide old ones silently.
 */
export function loadBaseline(path: string, name: string): Baseline {
  let text: string;
  try {
    // Not opened unless it is a regular file: a FIFO would block, /dev/zero never end.
    if (lstatSync(path).isSymbolicLink()) throw baselineError(name, 'is a symbolic link, not a regular file');
    const st = statSync(path);
    if (!st.isFile())
      throw baselineError(name, `is not a regular file (a ${st.isDirectory() ? 'directory' : st.isFIFO() ? 'FIFO' : 'device or special file'})`);
    if (st.size > MAX_BASELINE_BYTES)
      throw baselineError(name, `is ${(st.size / 1048576).toFixed(1)} MB; keygate reads at most ${MAX_BASELINE_BYTES / 1048576} MB`);
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    if (error instanceof KeygateError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw baselineError(name, 'no such file');
    throw baselineError(name, `cannot be read (${code ?? (error as Error).message.split('\n')[0]})`);
  }
  return parseBaseline(text, name);
}

/** Validates a baseline's text; every fault names the file, and where in it. */
export function parseBaseline(text: string, name: string): Baseline {
  let parsed;
  try {
    parsed = parseJsonWithPositions(text);
  } catch (error) {
    if (error instanceof JsonSyntaxError) throw baselineError(name, `${error.line}:${error.column}: invalid JSON: ${error.message}`);
    // A document nested deeper than the stack: hostile, or not a baseline.
    throw baselineError(name, 'is not a baseline (it cannot be parsed as one)');
  }
  const at = (path: string): string => {
    const p = lineColumn(text, parsed.positions.get(path) ?? 0);
    return `${p.line}:${p.column}: ${path || '(top level)'}`;
  };
  const top = parsed.value;
  if (!isObject(top)) throw baselineError(name, `${at('')}: must be an object with "version" and "findings"`);
  for (const key of Object.keys(top)) {
    if (key !== 'version' && key !== 'findings') throw baselineError(name, `${at(key)}: unknown field`);
  }
  if (top['version'] !== BASELINE_VERSION) {
    throw baselineError(name, `${at('version')}: version must be ${BASELINE_VERSION} (this keygate reads baselines of version ${BASELINE_VERSION})`);
  }
  const list = top['findings'];
  if (!Array.isArray(list)) throw baselineError(name, `${at('findings')}: must be a list of findings`);
  return { name, entries: list.map((item, i) => entryOf(item, `findings[${i}]`, (p) => baselineError(name, `${at(p)}: ${whatIsWrong(p)}`))) };
}

function whatIsWrong(path: string): string {
  if (path.endsWith('.fingerprint')) return 'must be a fingerprint: 16 lower-case hex digits, as keygate prints it';
  if (path.endsWith('.rule')) return 'must be a rule id';
  if (path.endsWith('.file') || path.endsWith('.match')) return 'must be a string';
  if (path.endsWith(']')) return 'must be an object with rule, fingerprint, file and match';
  return 'unknown field (an entry has rule, fingerprint, file and match)';
}

function entryOf(item: JsonValue, path: string, fail: (path: string) => KeygateError): BaselineEntry {
  if (!isObject(item)) throw fail(path);
  for (const key of Object.keys(item)) {
    if (!['rule', 'fingerprint', 'file', 'match'].includes(key)) throw fail(`${path}.${key}`);
  }
  const { rule, fingerprint, file, match } = item;
  if (typeof rule !== 'string' || rule.length > 100 || !RULE_ID_RE.test(rule)) throw fail(`${path}.rule`);
  if (typeof fingerprint !== 'string' || !FINGERPRINT_RE.test(fingerprint)) throw fail(`${path}.fingerprint`);
  if (typeof file !== 'string') throw fail(`${path}.file`);
  if (match !== undefined && typeof match !== 'string') throw fail(`${path}.match`);
  return { rule, fingerprint, file, match: match ?? '' };
}

function isObject(v: JsonValue | undefined): v is { [key: string]: JsonValue } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
