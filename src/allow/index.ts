import type { AllowEntry, KeygateConfig } from '../config/config.js';
import type { Finding, Suppressed } from '../types.js';
import { DEFAULT_ALLOWS } from './defaults.js';
import { loadMicromatch, type Micromatch, pathMatcher } from './globs.js';
import { inlineAllowVerdict } from './inline.js';
import { boundedTest } from '../detectors/bounded-regex.js';
import { MAX_PINNED_SHARE, pinnedShare } from './pattern-guard.js';

/** What the allow stage needs to judge a finding; the secret never leaves this stage. */
export interface AllowInput {
  finding: Finding;
  secret: string;
  lineText: string;
}

export interface AllowResult {
  kept: Finding[];
  suppressed: Suppressed[];
  /** For each config.allow entry that suppressed something: how many findings. */
  used: Map<AllowEntry, number>;
}

type Test = (input: AllowInput) => boolean;

function entryTest(entry: AllowEntry, micromatch: Micromatch | undefined): Test {
  const tests: Test[] = [];
  if (entry.fingerprint !== undefined) tests.push((i) => i.finding.fingerprint === entry.fingerprint);
  if (entry.rule !== undefined) tests.push((i) => i.finding.ruleId === entry.rule);
  if (entry.path !== undefined && micromatch !== undefined) {
    const isMatch = pathMatcher(micromatch, entry.path);
    tests.push((i) => isMatch(i.finding.path));
  }
  if (entry.pattern !== undefined) {
    const re = new RegExp(entry.pattern);
    const what = `the allow pattern /${entry.pattern.length > 40 ? `${entry.pattern.slice(0, 40)}…` : entry.pattern}/`;
    tests.push((i) => {
      if (!boundedTest(re, i.secret, what)) return false;
      // A pattern that spells the very secret it allows (written into .keygate.json by hand)
      // is not applied: the file is plain text for everyone, and the commit must say so.
      if (pinnedShare(re, i.secret) >= MAX_PINNED_SHARE) {
        i.finding.notes = [
          ...(i.finding.notes ?? []),
          `${what} in .keygate.json spells this secret, so it is not applied: take it out of .keygate.json, and allow the secret by its fingerprint`,
        ];
        return false;
      }
      return true;
    });
  }
  return (input) => tests.every((t) => t(input));
}

export function describeEntry(entry: AllowEntry): string {
  const parts: string[] = [];
  if (entry.fingerprint) parts.push(`fingerprint ${entry.fingerprint}`);
  if (entry.pattern) parts.push(`pattern /${entry.pattern}/`);
  if (entry.rule) parts.push(`rule ${entry.rule}`);
  if (entry.path) parts.push(`path ${entry.path}`);
  return parts.join(', ');
}

/**
 * The one place where allows apply, as a pure filter: inline comments, then the entries of
 * .keygate.json, then the built-in defaults. Every suppressed finding keeps its reason.
 */
export async function applyAllows(
  inputs: readonly AllowInput[],
  config: KeygateConfig,
  /** Every rule id of this scan (built-in and custom): what an inline allow may name. */
  knownRules: ReadonlySet<string>,
): Promise<AllowResult> {
  const needsGlobs = inputs.length > 0 && config.allow.some((e) => e.path !== undefined);
  const micromatch = needsGlobs ? await loadMicromatch() : undefined;
  const entries = config.allow.map((entry) => ({ entry, test: entryTest(entry, micromatch) }));
  const defaults = config.defaults ? DEFAULT_ALLOWS : [];
  const result: AllowResult = { kept: [], suppressed: [], used: new Map() };
  for (const input of inputs) {
    const reason = allowReason(input, entries, defaults, result.used, knownRules);
    if (reason === undefined) result.kept.push(input.finding);
    else result.suppressed.push({ finding: input.finding, reason });
  }
  return result;
}

function allowReason(
  input: AllowInput,
  entries: { entry: AllowEntry; test: Test }[],
  defaults: typeof DEFAULT_ALLOWS,
  used: Map<AllowEntry, number>,
  knownRules: ReadonlySet<string>,
): string | undefined {
  const inline = inlineAllowVerdict(input.lineText, input.finding.ruleId, knownRules, input.finding.column);
  if (inline !== undefined && 'allowed' in inline) return inline.allowed;
  if (inline !== undefined) input.finding.notes = [...(input.finding.notes ?? []), inline.problem];
  for (const { entry, test } of entries) {
    if (!test(input)) continue;
    used.set(entry, (used.get(entry) ?? 0) + 1);
    return `.keygate.json allow: ${describeEntry(entry)} — ${entry.reason}`;
  }
  for (const d of defaults) {
    if (d.rules.includes(input.finding.ruleId) && d.value.test(input.secret)) return d.reason;
  }
  return undefined;
}
