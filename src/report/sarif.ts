import { keygateVersion } from '../install/package.js';
import { KEYGATE_URL, sarifMessage, sarifRuleFullDescription, sarifRuleHelp } from '../messages.js';
import type { Confidence, Finding, Report, Severity, Suppressed } from '../types.js';
import { reportedExtras } from './finding.js';

/**
 * SARIF 2.1.0, as GitHub code scanning reads it: one run, a reportingDescriptor per rule that
 * has results, results located repo-relative under %SRCROOT%, keygate's fingerprint as the
 * partial fingerprint (so an alert follows its secret when lines move). Like the JSON format it
 * is made from findings only, which never hold a secret: matches are redacted, facts are what
 * is known offline.
 */

const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };
const SEVERITY_RANK: Record<Severity, number> = { low: 0, medium: 1, high: 2, critical: 3 };
const CONFIDENCE_RANK: Record<Confidence, number> = { low: 0, medium: 1, high: 2 };

/** The schema SARIF consumers (GitHub among them) know this version by. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT_KEY = 'keygate/v1';

interface RuleSummary {
  id: string;
  description: string;
  severity: Severity;
  confidence: Confidence;
}

/** One summary per rule id among the results: its highest severity and confidence. */
function ruleSummaries(findings: readonly Finding[]): RuleSummary[] {
  const byId = new Map<string, RuleSummary>();
  for (const f of findings) {
    const r = byId.get(f.ruleId);
    if (r === undefined) {
      byId.set(f.ruleId, { id: f.ruleId, description: f.description, severity: f.severity, confidence: f.confidence });
      continue;
    }
    if (SEVERITY_RANK[f.severity] > SEVERITY_RANK[r.severity]) r.severity = f.severity;
    if (CONFIDENCE_RANK[f.confidence] > CONFIDENCE_RANK[r.confidence]) r.confidence = f.confidence;
  }
  return [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** `aws-access-key-id` -> `AwsAccessKeyId`: SARIF's name is an identifier, the id's words. */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');
}

function reportingDescriptor(r: RuleSummary): Record<string, unknown> {
  const help = sarifRuleHelp(r.id);
  return {
    id: r.id,
    name: ruleName(r.id) || r.id,
    shortDescription: { text: r.description },
    fullDescription: { text: sarifRuleFullDescription(r.id, r.description) },
    help: { text: help.text, markdown: help.markdown },
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: {
      'security-severity': SECURITY_SEVERITY[r.severity],
      precision: r.confidence,
      tags: ['security', 'external/cwe/cwe-798', 'secret'],
    },
  };
}

/**
 * A repo-relative path as a URI reference: each segment percent-encoded, so that a space, `#`,
 * `?` or a `:` in a first segment (which would read as a scheme) stays part of the name.
 */
export function pathToUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

function physicalLocation(file: string, line: number, column: number): Record<string, unknown> {
  return {
    artifactLocation: { uri: pathToUri(file), uriBaseId: '%SRCROOT%' },
    // Line 0: the secret is in the file's name, which is the artifact itself; no region in it.
    ...(line === 0 ? {} : { region: { startLine: line, startColumn: Math.max(1, column) } }),
  };
}

function result(f: Finding, ruleIndex: number, suppression?: Suppressed): Record<string, unknown> {
  return {
    ruleId: f.ruleId,
    ruleIndex,
    level: LEVEL[f.severity],
    message: { text: sarifMessage(f) },
    locations: [{ physicalLocation: physicalLocation(f.path, f.line, f.column) }],
    ...(f.pairedWith.length > 0
      ? {
          relatedLocations: f.pairedWith.map((p, id) => ({
            id,
            physicalLocation: physicalLocation(p.file, p.line, p.column),
            message: { text: `credential pair with ${p.rule}` },
          })),
        }
      : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(suppression !== undefined ? { suppressions: [{ kind: suppressionKind(suppression.reason), justification: suppression.reason }] } : {}),
    properties: {
      severity: f.severity,
      confidence: f.confidence,
      match: f.redacted,
      facts: f.facts,
      ...(f.entropy !== undefined ? { entropy: f.entropy } : {}),
      ...reportedExtras(f),
    },
  };
}

/** An allow written on the line itself is in the source; every other one is kept elsewhere. */
function suppressionKind(reason: string): 'inSource' | 'external' {
  return reason.startsWith('inline keygate:allow') ? 'inSource' : 'external';
}

/** The report as a SARIF 2.1.0 log. Pure: the same report gives the same text. */
export function renderSarif(report: Report): string {
  const rules = ruleSummaries([...report.findings, ...report.suppressed.map((s) => s.finding)]);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const at = (f: Finding): number => index.get(f.ruleId) as number;
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keygate',
            informationUri: KEYGATE_URL,
            version: keygateVersion(),
            semanticVersion: keygateVersion(),
            rules: rules.map(reportingDescriptor),
          },
        },
        invocations: [{ executionSuccessful: true }],
        // keygate's columns count characters (code points), not UTF-16 units.
        columnKind: 'unicodeCodePoints',
        results: [...report.findings.map((f) => result(f, at(f))), ...report.suppressed.map((s) => result(s.finding, at(s.finding), s))],
        properties: { stats: report.stats, ...(report.source !== undefined ? { source: report.source } : {}) },
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
