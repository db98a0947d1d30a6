import { inlineAllowReason } from '../allow/inline.js';
import { position, toFinding } from '../report/finding.js';
import type { Detector, Finding, Fragment, Suppressed } from '../types.js';
import { linkCredentialPairs } from './pairs.js';
import { Prefilter } from './prefilter.js';

/**
 * Runs the detectors over each fragment as it arrives and keeps what they find: findings,
 * and the ones an allow rule suppressed (with the reason). Fragments overlap a little (carried
 * lines, slices of huge lines), so findings are de-duplicated by rule and position.
 */
export class Scanner {
  private readonly prefilter: Prefilter;
  private readonly descriptions = new Map<string, string>();
  private readonly seen = new Set<string>();
  private readonly findings: Finding[] = [];
  private readonly suppressed: Suppressed[] = [];

  constructor(detectors: readonly Detector[]) {
    this.prefilter = new Prefilter(detectors);
    for (const d of detectors) this.descriptions.set(d.id, d.description);
  }

  scan(fragment: Fragment): void {
    for (const detector of this.prefilter.select(fragment.text)) {
      for (const c of detector.detect(fragment)) {
        const { line, column, lineText } = position(c);
        const key = `${c.fragment.path}\0${line}\0${column}\0${c.ruleId}`;
        if (this.seen.has(key)) continue;
        this.seen.add(key);
        const finding = toFinding(c, this.descriptions.get(c.ruleId) ?? c.ruleId, line, column);
        const reason = inlineAllowReason(lineText, c.ruleId);
        if (reason !== undefined) this.suppressed.push({ finding, reason });
        else this.findings.push(finding);
      }
    }
  }

  result(): { findings: Finding[]; suppressed: Suppressed[] } {
    const order = (a: Finding, b: Finding): number =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column;
    const findings = [...this.findings].sort(order);
    linkCredentialPairs(findings);
    return { findings, suppressed: this.suppressed };
  }
}
