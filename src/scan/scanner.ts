import { inlineAllowReason } from '../allow/inline.js';
import { fingerprint, loadSha256, type PendingFinding, position, toFinding } from '../report/finding.js';
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
  private readonly findings: PendingFinding[] = [];
  private readonly suppressed: (PendingFinding & { reason: string })[] = [];

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
        const pending = toFinding(c, this.descriptions.get(c.ruleId) ?? c.ruleId, line, column);
        const reason = inlineAllowReason(lineText, c.ruleId);
        if (reason !== undefined) this.suppressed.push({ ...pending, reason });
        else this.findings.push(pending);
      }
    }
  }

  /** Fingerprints what was found; after this, no secret is kept. */
  async result(): Promise<{ findings: Finding[]; suppressed: Suppressed[] }> {
    const all = [...this.findings, ...this.suppressed];
    if (all.length > 0) {
      const sha256 = loadSha256();
      for (const p of all) p.finding.fingerprint = fingerprint(p.finding.ruleId, p.secret, sha256);
    }
    const order = (a: Finding, b: Finding): number =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column;
    const findings = this.findings.map((p) => p.finding).sort(order);
    linkCredentialPairs(findings);
    const suppressed = this.suppressed.map((p) => ({ finding: p.finding, reason: p.reason }));
    return { findings, suppressed };
  }
}
