import { type AllowInput, applyAllows } from '../allow/index.js';
import type { AllowEntry, KeygateConfig } from '../config/config.js';
import { loadSha256, redact, type Sha256Hex, withFingerprint } from '../report/finding.js';
import type { Detector, Finding, Fragment, ScanStats, Suppressed } from '../types.js';
import { type Detected, Detection } from './detect.js';
import { pathFragment } from './fragments.js';
import { linkCredentialPairs } from './pairs.js';
import { IN_THE_NAME } from '../messages.js';
import { DETECTORS } from '../detectors/index.js';

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
  async result(
    config: KeygateConfig,
    /** Paths shown besides the findings' (binary files named in the report). */
    alsoShown: readonly string[] = [],
  ): Promise<{ findings: Finding[]; suppressed: Suppressed[]; usedAllows: Map<AllowEntry, number>; showPath: PathShown }> {
    // Every path shown, redacted of what the rules find in the paths to be shown: not only the
    // names scanned as they were added (a range or a scan of one file names a file whose name came
    // in before it; a directory named after a key holds files whose findings name it too).
    const showPath = redactorFor(this.detection, [...this.pending.map((p) => p.finding.path), ...alsoShown]);
    // node:crypto only when there is something to fingerprint (~5 ms at every clean commit).
    const sha256 = this.pending.length > 0 ? loadSha256() : undefined;
    const inputs: AllowInput[] = this.pending.map((p) => ({ finding: withFingerprint(p, sha256 as Sha256Hex), secret: p.secret, lineText: p.lineText }));
    this.pending.length = 0;
    const { kept, suppressed, used } = await applyAllows(inputs, config, this.detection.ruleIds());
    const order = (a: Finding, b: Finding): number => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column);
    for (const f of kept) if (f.line === 0) f.notes = [...(f.notes ?? []), IN_THE_NAME];
    return { findings: linkCredentialPairs(kept.sort(order)), suppressed, usedAllows: used, showPath };
  }
}

/**
 * A function that redacts from any text what the detection's rules of a known form find in
 * `texts` (each read as a path is: one line, a binary's strings), each secret as a finding's
 * match is redacted. Longest secret first: one inside another is redacted as part of it. The
 * secrets are kept in the function's memory only.
 */
function redactorFor(detection: Detection, texts: readonly string[]): PathShown {
  const found = new Set<string>();
  for (const text of new Set(texts)) for (const d of detection.detect(pathFragment(text))) found.add(d.secret);
  if (found.size === 0) return (text) => text;
  const secrets = [...found].sort((a, b) => b.length - a.length);
  return (text) => secrets.reduce((t, s) => (t.includes(s) ? t.split(s).join(redact(s)) : t), text);
}

/**
 * A message about to be shown, with what the built-in rules of a known form find in it
 * redacted: an error names what the user typed (`keygate scan -- conf/AKIA….json`, a file
 * that is not there), and keygate never prints a secret, not even one it was given.
 */
export function withoutSecrets(message: string): string {
  return redactorFor(new Detection(DETECTORS), [message])(message);
}

/** A file's path as it may be shown: with every secret found in a path redacted from it. */
export type PathShown = (path: string) => string;

/** A scan's findings, allowed findings and stats, with every path in them as `show` shows it. */
export function withPathsShown<T extends { findings: Finding[]; suppressed: Suppressed[]; stats: ScanStats }>(report: T, show: PathShown): T {
  const finding = (f: Finding): Finding => ({ ...f, path: show(f.path), pairedWith: f.pairedWith.map((p) => ({ ...p, file: show(p.file) })) });
  return {
    ...report,
    findings: report.findings.map(finding),
    suppressed: report.suppressed.map((s) => ({ ...s, finding: finding(s.finding) })),
    stats: { ...report.stats, binaryFiles: report.stats.binaryFiles.map(show) },
  };
}
