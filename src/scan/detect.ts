import { fnv1a } from '../fnv.js';
import { position, toFinding, type PendingFinding } from '../report/finding.js';
import type { Candidate, Detector, Fragment } from '../types.js';
import { decodedViews, fromView } from './decoded.js';
import { Prefilter } from './prefilter.js';
import { prebuiltIndex } from './prebuilt.js';

/**
 * The detect stage: a fragment in, what the detectors found in it out, placed (line, column)
 * and with its secret. Plain data, no reference to the fragment: it is what a worker thread
 * hands back (src/scan/shards.ts). Nothing here is kept between fragments but the prefilter.
 */
export interface Detected extends PendingFinding {
  /** The whole line the secret is on (for inline allow comments), never printed. */
  lineText: string;
  /** Where and what it is (commit, file, line, column, rule, secret hash): fragments overlap, this tells repeats apart. */
  key: string;
}

export class Detection {
  private readonly prefilter: Prefilter;
  /** The first detector of each rule id (a rule's description is read only once it finds something). */
  private readonly byId = new Map<string, Detector>();
  /** Rules that yield to a provider's rule finding the same secret (Detector.broad). */
  private readonly broad: Set<string>;

  constructor(detectors: readonly Detector[]) {
    this.prefilter = new Prefilter(detectors, undefined, prebuiltIndex());
    this.broad = new Set(detectors.filter((d) => d.broad).map((d) => d.id));
    for (const d of detectors) if (!this.byId.has(d.id)) this.byId.set(d.id, d);
  }

  /** Every rule id the detectors have. */
  ruleIds(): Set<string> {
    return new Set(this.byId.keys());
  }

  detect(fragment: Fragment): Detected[] {
    return this.candidates(fragment).map((c) => {
      const { line, column, lineText } = position(c);
      // The secret's hash too: findings inside one encoded value share its position.
      const key = `${c.fragment.commit ?? ''}\0${c.fragment.path}\0${line}\0${column}\0${c.ruleId}\0${quickHash(c.secret)}`;
      return { ...toFinding(c, this.byId.get(c.ruleId)?.description ?? c.ruleId, line, column), lineText, key };
    });
  }

  /**
   * What the detectors find, in the text as written and in its decoded views (escapes, base64
   * values: src/scan/decoded.ts); a catch-all's match yields to a specific rule's on the same text.
   */
  private candidates(fragment: Fragment): Candidate[] {
    const specific: Candidate[] = [];
    const fallback: Candidate[] = [];
    for (const detector of this.prefilter.select(fragment.text)) {
      if (fragment.binary === true && !forBinary(detector)) continue;
      (detector.fallback ? fallback : specific).push(...detector.detect(fragment));
    }
    if (fragment.binary === true) return oneRulePerSecret(specific, this.broad);
    const views = decodedViews(fragment);
    const plain = views.length === 0 ? undefined : new Set([...specific, ...fallback].map((c) => `${c.ruleId}\0${c.start}`));
    for (const view of views) {
      for (const detector of this.prefilter.select(view.fragment.text)) {
        for (const c of detector.detect(view.fragment)) {
          const placed = fromView(c, view, fragment);
          if (placed === undefined || plain?.has(`${placed.ruleId}\0${placed.start}`)) continue;
          (detector.fallback ? fallback : specific).push(placed);
        }
      }
    }
    const kept = oneRulePerSecret(specific, this.broad);
    const all = fallback.length === 0 ? kept : [...kept, ...fallback.filter((c) => !kept.some((b) => c.start < b.end && b.start < c.end))];
    return fragment.context === undefined ? all : onAddedLines(all, fragment);
  }
}

/**
 * What touches an added line: a diff's context lines (Fragment.context) are read with the
 * added ones, so that a value added under an unchanged name is judged with it, but a secret
 * on them alone was there before this change and is not this change's to report. A secret's
 * lines run from its start to its reach (a PEM key's BEGIN line and body).
 */
function onAddedLines(candidates: Candidate[], fragment: Fragment): Candidate[] {
  const context = new Set(fragment.context);
  const { text, startLine } = fragment;
  const lineAt = (offset: number): number => {
    let line = startLine;
    for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    return line;
  };
  return candidates.filter((c) => {
    const first = lineAt(c.start);
    const last = lineAt(Math.max(c.start, Math.max(c.end, c.reach ?? 0) - 1));
    for (let line = first; line <= last; line++) if (!context.has(line)) return true;
    return false;
  });
}

/**
 * The rules a binary file's strings (and a path, and a message to redact) are read by: those
 * of a known form, at high confidence or saying they are one (Detector.knownForm); no catch-all.
 */
function forBinary(d: Detector): boolean {
  return (d.confidence === 'high' || d.knownForm === true) && d.fallback !== true;
}

const CONFIDENCE_RANK = { high: 3, medium: 2, low: 1 } as const;

/**
 * One finding per secret when several specific rules know its format. A broad rule's match
 * (Detector.broad: an S3-style secret key name, a URL's password, a bearer token, a JWT) yields
 * to an overlapping match of a rule that knows the provider (Wasabi's key under AWS's name, a
 * Cloudinary URL, a Google token in an Authorization header). The same text found by two rules
 * of the same kind (a JWT that is a Kubernetes or Supabase token, an Azure key in its
 * identifiable form) is reported by the rule that validated it, else the more confident one,
 * else the first in reporting order.
 */
function oneRulePerSecret(candidates: Candidate[], broad: ReadonlySet<string>): Candidate[] {
  if (candidates.length < 2) return candidates;
  const narrow = candidates.filter((c) => !broad.has(c.ruleId));
  // The same secret: overlapping, and one's text holding the other's (findings inside one encoded
  // value share its position, and a key ID and its secret key there are two secrets).
  const overlaps = (a: Candidate, b: Candidate): boolean => a.start < b.end && b.start < a.end && (a.secret.includes(b.secret) || b.secret.includes(a.secret));
  const kept = narrow.length === candidates.length ? candidates : candidates.filter((c) => !broad.has(c.ruleId) || !narrow.some((n) => overlaps(n, c)));
  const best = new Map<string, Candidate>();
  const rank = (c: Candidate): number => (c.facts?.['validated'] !== undefined ? 10 : 0) + CONFIDENCE_RANK[c.confidence];
  // By span and secret: two secrets inside one base64 value share the encoded value's span.
  const keyOf = (c: Candidate): string => `${c.start}:${c.end}:${quickHash(c.secret)}`;
  for (const c of kept) {
    const key = keyOf(c);
    const known = best.get(key);
    if (known === undefined || rank(c) > rank(known)) best.set(key, c);
  }
  return best.size === kept.length ? kept : kept.filter((c) => best.get(keyOf(c)) === c);
}

/** FNV-1a of a secret, for telling secrets apart in memory (never shown, never written). */
function quickHash(s: string): string {
  return `${s.length}:${fnv1a(s).toString(36)}`;
}
