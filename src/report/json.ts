import type { Finding, Report } from '../types.js';
import { reportedExtras } from './finding.js';

/**
 * The JSON contract (version 1). `rule`, `file`, `line` are what the team's benchmarks rely on:
 * extend, never rename. `match` is redacted; `fingerprint` is a hash, never the secret.
 */
/** Where a finding is and what identifies it: the contract's first fields, and all that .git/keygate/last-run.json keeps. */
export interface FindingCore {
  rule: string;
  file: string;
  line: number;
  column: number;
  match: string;
  fingerprint: string;
  severity: string;
}

export function findingCore(f: Finding): FindingCore {
  return {
    rule: f.ruleId,
    file: f.path,
    line: f.line,
    column: f.column,
    match: f.redacted,
    fingerprint: f.fingerprint,
    severity: f.severity,
  };
}

function findingJson(f: Finding): Record<string, unknown> {
  return {
    ...findingCore(f),
    confidence: f.confidence,
    description: f.description,
    ...(f.entropy !== undefined ? { entropy: f.entropy } : {}),
    facts: f.facts,
    pairedWith: f.pairedWith,
    ...reportedExtras(f),
  };
}

export function renderJson(report: Report): string {
  return (
    JSON.stringify({
      version: 1,
      findings: report.findings.map(findingJson),
      suppressed: report.suppressed.map((s) => ({ ...findingJson(s.finding), reason: s.reason })),
      stats: report.stats,
    }) + '\n'
  );
}
