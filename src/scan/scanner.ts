import { type AllowInput, applyAllows } from '../allow/index.js';
import type { AllowEntry, KeygateConfig } from '../config/config.js';
import { loadSha256, type Sha256Hex, withFingerprint } from '../report/finding.js';
import type { Detector, Finding, Fragment, Suppressed } from '../types.js';
import { type Detected, Detection } from './detect.js';
import { linkCredentialPairs } from './pairs.js';

/**
 * Collects what the detect stage finds (here, fragment by fragment, or handed back by a worker
 * thread), and turns it into findings: fingerprints, allows, credential pairs. Fragments
 * overlap a little (carried lines, slices of huge lines), so what is found twice at the same
 * place is kept once.
 */
export class Scanner {
  private readonly detection: Detection;
  private readonly seen = new Set<string>();
  private readonly pending: Detected[] = [];

  constructor(detectors: readonly Detector[]) {
    this.detection = new Detection(detectors);
  }

  scan(fragment: Fragment): void {
    this.add(this.detection.detect(fragment));
  }

  /** What a detect stage found, here or in another thread. */
  add(detected: readonly Detected[]): void {
    for (const d of detected) {
      if (this.seen.has(d.key)) continue;
      this.seen.add(d.key);
      this.pending.push(d);
      if (this.onFirst !== undefined) {
        const first = this.onFirst;
        this.onFirst = undefined;
        first();
      }
    }
  }

  private onFirst: (() => void) | undefined;

  /** Calls `fn` once, as the first thing is found (a history scan then starts its look at HEAD). */
  whenFound(fn: () => void): void {
    if (this.seen.size > 0) fn();
    else this.onFirst = fn;
  }

  /**
   * The secrets found so far, for checking in memory that an allow pattern does not spell one
   * (keygate allow --pattern). Never printed, never written.
   */
  secrets(): string[] {
    return this.pending.map((p) => p.secret);
  }

  /**
   * Fingerprints what was found, applies the allows (the one place they apply), and links
   * credential pairs among what is left. After this, no secret is kept.
   */
  async result(config: KeygateConfig): Promise<{ findings: Finding[]; suppressed: Suppressed[]; usedAllows: Map<AllowEntry, number> }> {
    // node:crypto only when there is something to fingerprint (~5 ms at every clean commit).
    const sha256 = this.pending.length > 0 ? loadSha256() : undefined;
    const inputs: AllowInput[] = this.pending.map((p) => ({ finding: withFingerprint(p, sha256 as Sha256Hex), secret: p.secret, lineText: p.lineText }));
    this.pending.length = 0;
    const { kept, suppressed, used } = await applyAllows(inputs, config, this.detection.ruleIds());
    const order = (a: Finding, b: Finding): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column);
    return { findings: linkCredentialPairs(kept.sort(order)), suppressed, usedAllows: used };
  }
}
