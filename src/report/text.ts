import type { Colors } from 'picocolors/types.js';
import {
  auditSummary,
  allowCommandFor,
  blockedHeadline,
  falsePositiveHelp,
  NOTHING_IN_FILES,
  NOTHING_STAGED,
  NOTHING_TO_PUSH,
  scannedSummary,
  whatToDo,
} from '../messages.js';
import type { Finding, Report } from '../types.js';
import { displayPath, displayPlace, displayText } from './display.js';
import { displayFacts } from './facts.js';

function factsLine(f: Finding): string | undefined {
  const parts = displayFacts(f.facts);
  if (f.confidence !== 'high') parts.push(`${f.confidence} confidence`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}

function findingLines(f: Finding, c: Colors): string[] {
  const when = f.date !== undefined ? `, ${f.date.slice(0, 10)}${f.author !== undefined ? ` by ${displayText(f.author)}` : ''}` : '';
  const where = `${displayPlace(f.path, f.line, f.column)}${f.commit ? ` (commit ${f.commit.slice(0, 12)}${when})` : ''}`;
  const sev = f.severity === 'critical' ? c.bold(c.red(f.severity)) : c.red(f.severity);
  const lines = [`  ${c.bold(where)}  ${c.yellow(f.ruleId)}  ${f.redacted}  ${sev}`];
  const facts = factsLine(f);
  if (facts) lines.push(`      ${c.dim(facts)}`);
  for (const p of f.pairedWith) {
    lines.push(`      ${c.red('credential pair')} with ${p.rule} at ${displayPlace(p.file, p.line, p.column)}`);
  }
  for (const note of f.notes ?? []) lines.push(`      ${c.yellow(note)}`);
  lines.push(`      ${c.dim(`fingerprint ${f.fingerprint} · not a secret? ${allowCommandFor(f.fingerprint)}`)}`);
  return lines;
}

/** Allowed findings listed one by one up to this many; past it, the first few and a count by reason. */
export const ALLOWED_LISTED = 10;
const ALLOWED_SHOWN_WHEN_MANY = 5;

/**
 * One line per allowed finding, saying why; a baseline of hundreds of old leaks would bury the
 * report, so past ALLOWED_LISTED the rest are counted by reason (JSON and SARIF list them all).
 */
function allowedLines(suppressed: Report['suppressed']): string[] {
  const line = (s: Report['suppressed'][number]) =>
    `  allowed: ${displayPlace(s.finding.path, s.finding.line, s.finding.column)} ${s.finding.ruleId} — ${displayText(s.reason)}`;
  if (suppressed.length <= ALLOWED_LISTED) return suppressed.map(line);
  const byReason = new Map<string, number>();
  for (const s of suppressed.slice(ALLOWED_SHOWN_WHEN_MANY)) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
  return [
    ...suppressed.slice(0, ALLOWED_SHOWN_WHEN_MANY).map(line),
    ...[...byReason].map(([reason, n]) => `  allowed: ${n} more — ${displayText(reason)}`),
    '  (--format json lists every allowed finding)',
  ];
}

/** The human report. Pure: colours are injected, nothing is printed here. */
export function renderText(report: Report, c: Colors): string {
  const out: string[] = [];
  const { findings, suppressed, stats } = report;
  const source = report.source ?? (stats.commits !== undefined ? 'commits' : 'staged');
  const push = source === 'commits';
  if (findings.length > 0) {
    out.push(c.red(c.bold(blockedHeadline(findings.length, source))), '');
    for (const f of findings) out.push(...findingLines(f, c));
    const rules = findings.map((f) => f.ruleId);
    out.push('', ...whatToDo(rules, source), '', ...falsePositiveHelp(rules[0] as string, push).map((l) => c.dim(l)), '');
    if (source === 'history') out.push(...auditSummary(findings), '');
  }
  out.push(...allowedLines(suppressed).map((l) => c.dim(l)));
  if (stats.commits === 0 && source === 'commits') out.push(NOTHING_TO_PUSH);
  else if (stats.commits === undefined && stats.files === 0 && stats.binarySkipped === 0 && findings.length === 0)
    out.push(source === 'files' ? NOTHING_IN_FILES : NOTHING_STAGED);
  else out.push(scannedSummary(stats, suppressed.length));
  if (stats.binaryFiles.length > 0) {
    const shown = stats.binaryFiles.slice(0, 5).map(displayPath).join(', ');
    const more = stats.binaryFiles.length > 5 ? ` and ${stats.binaryFiles.length - 5} more` : '';
    out.push(c.dim(`keygate: binary files, read for keys and tokens of a known form only: ${shown}${more}`));
  }
  if (findings.length === 0) out.push(c.green('keygate: no secrets found'));
  return out.join('\n') + '\n';
}
