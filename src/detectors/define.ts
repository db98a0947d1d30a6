import type { Candidate, Confidence, Detector, Facts, Fragment, Severity } from '../types.js';
import { shannonEntropy } from './entropy.js';
import { isMostlyOneCharacter, isMostlyPlaceholderRun, isPlaceholder, isWellKnownHash } from './heuristics.js';
import { anchoredHits, headStarts, lowerCase, regexHits, stickyOf } from './regex.js';
import { regexLiteral } from './regex-parts.js';

/**
 * A rule as data: id, what it finds, the literal keywords the prefilter looks for, a regex
 * with the secret in a `secret` group, an optional entropy floor and validator, severity, and
 * its own examples. `defineRule` turns it into a Detector.
 */
export interface RuleSpec {
  id: string;
  description: string;
  /** Lower-case literals: the rule runs only on text holding one of them. */
  keywords: string[];
  /** Source of a regex with a named group `secret` (flags d, g added; i if `ignoreCase`). */
  regex: string;
  ignoreCase?: boolean;
  /** Minimum Shannon entropy of the secret, in bits per character of its own alphabet. */
  entropy?: number;
  /** Drop placeholders (XXXX, your-..., repeated characters). Default true. */
  placeholders?: boolean;
  /**
   * Structure or checksum check: 'valid' raises confidence one step (judgeMatch), 'invalid'
   * drops the match, 'unknown' keeps it at the rule's confidence.
   */
  validate?: (secret: string, match: RegExpExecArray, fragment: Fragment) => 'valid' | 'invalid' | 'unknown';
  /**
   * What a 'valid' verdict checked, as the finding states it (facts.validated): "checksum
   * verified" only where the format carries a checksum; by default "format verified" (an
   * encoding, a decoded payload, a structure that holds). A Basic credential in a test said
   * "checksum verified" (a newcomer's trial), which it has none of.
   */
  validatedAs?: string;
  severity: Severity;
  /** A severity that depends on the value (Stripe test-mode keys are lower). */
  severityFor?: (secret: string) => Severity;
  confidence?: Confidence;
  /** A confidence that depends on the value (a prefix whose format is published beside one that is not). */
  confidenceFor?: (secret: string) => Confidence;
  /**
   * Its pattern for a binary's strings, where formats pack fields with nothing between them (a
   * SQLite row is its values back to back: aliceghp_...prod): no boundaries, so a match counts
   * only where the rule's check validates it (a checksum says where the token ends). Found
   * besides what the boundaried pattern finds there.
   */
  packed?: string;
  /** See Detector.knownForm: a rule below high confidence whose format still identifies it. */
  knownForm?: boolean;
  facts?: (secret: string) => Facts;
  /** A cheap necessary condition on a fragment's text, tried before the regex (a "://" with an "@" after it). */
  precondition?: (text: string) => boolean;
  /** A cheap necessary condition at a keyword occurrence (see Detector.gate). */
  gate?: (text: string, keywordEnd: number) => boolean;
  /** A last look at each candidate (the generic rule hands AWS-shaped secrets to AWS's id). */
  refine?: (candidate: Candidate) => Candidate;
  /** A shape many providers share: yields to a provider's rule finding the same secret (Detector.broad). */
  broad?: boolean;
  /** A catch-all rule: yields to specific rules matching the same text. */
  fallback?: boolean;
  /** Keywords as written (short keywords such as "SG." would match "msg." ignoring case). */
  keywordsCaseSensitive?: boolean;
  /** The keywords name the context, not the match: the fragment must hold one (Detector.context). */
  context?: boolean;
  /**
   * Every match starts at one of these literals (lower-case, one regex: /a|b/g): the regex is
   * tried only where they occur, found by one search that rules with the same heads share.
   */
  heads?: RegExp;
  examples: { positives: string[]; negatives: string[] };
}

/**
 * Whether the text holds one of the keywords (ignoring case unless they are case-sensitive),
 * at an occurrence where the rule's gate holds: a context rule's context is what its gate
 * says it is ("Ably" as a word, not the end of "probably"), with or without the prefilter.
 */
function holdsKeyword(text: string, keywords: readonly string[], caseSensitive: boolean, gate?: RuleSpec['gate']): boolean {
  const lower = caseSensitive ? text : lowerCase(text);
  // Offsets into the lower-cased text are the text's only if lower-casing kept its length
  // (a few letters, such as U+0130, lower-case to two characters): else a case-blind regex.
  const sameLength = lower.length === text.length;
  return keywords.some((k) => {
    const word = caseSensitive ? k : k.toLowerCase();
    if (!sameLength) {
      const re = new RegExp(regexLiteral(word), 'gi');
      for (let m = re.exec(text); m !== null; m = re.exec(text)) {
        if (gate === undefined || gate(text, m.index + m[0].length)) return true;
        re.lastIndex = m.index + 1;
      }
      return false;
    }
    for (let at = lower.indexOf(word); at !== -1; at = lower.indexOf(word, at + 1)) {
      if (gate === undefined || gate(text, at + word.length)) return true;
    }
    return false;
  });
}

/** What judgeMatch needs of a rule: a team's own rules (custom.ts) have these too. */
export type Judgement = Pick<
  RuleSpec,
  'placeholders' | 'entropy' | 'validate' | 'validatedAs' | 'severity' | 'severityFor' | 'confidence' | 'confidenceFor' | 'facts'
>;

/**
 * The one judgement of a rule's match, for every rule: placeholders in any format (XXXX, a run
 * of one character, sk_live_xxxx...), well-known digests, the entropy floor, the rule's own
 * structure or checksum check; then the candidate, at the rule's confidence (one step higher
 * when its check validated it: a low rule's check is on a structure seen in issued tokens, not
 * a published one, so a pass makes it medium, not high), with its facts. Undefined when the
 * match is not a secret.
 */
export function judgeMatch(
  rule: Judgement,
  hit: { start: number; end: number; secret: string; match?: RegExpExecArray },
  fragment: Fragment,
): Found | undefined {
  const { secret } = hit;
  if (rule.placeholders !== false && isPlaceholder(secret)) return undefined;
  // Even rules that keep their own placeholder checks: a token that is mostly one repeated
  // character (sk_live_xxxxxxxx..., hf_xxxx...) is a placeholder in its own format.
  if (isMostlyPlaceholderRun(secret.replace(/^[A-Za-z]{1,12}[_-](?:[A-Za-z]{1,8}[_-])?/, ''))) return undefined;
  if (isWellKnownHash(secret) || isMostlyOneCharacter(secret)) return undefined;
  const entropy = shannonEntropy(secret);
  if (rule.entropy !== undefined && entropy < rule.entropy) return undefined;
  const verdict = hit.match !== undefined ? (rule.validate?.(secret, hit.match, fragment) ?? 'unknown') : 'unknown';
  if (verdict === 'invalid') return undefined;
  const confidence = rule.confidenceFor?.(secret) ?? rule.confidence ?? 'medium';
  const found: Found = {
    start: hit.start,
    end: hit.end,
    secret,
    severity: rule.severityFor?.(secret) ?? rule.severity,
    confidence: verdict === 'valid' ? raised(confidence) : confidence,
    entropy,
  };
  const facts = rule.facts?.(secret);
  if (facts) found.facts = facts;
  if (verdict === 'valid') found.facts = { ...(found.facts ?? {}), validated: rule.validatedAs ?? 'format verified' };
  return found;
}

function raised(confidence: Confidence): Confidence {
  return confidence === 'low' ? 'medium' : 'high';
}

/** What a detector reports of one secret it found; its definition adds the rule id and the fragment. */
export type Found = Omit<Candidate, 'ruleId' | 'fragment'>;

/**
 * A detector as data (everything `keygate rules` lists and the prefilter reads) plus where it
 * finds secrets in a fragment. The hand-written detectors (a PEM key and its body, a JWT and its
 * header, an AWS key beside its ID, the generic name-and-value shapes) say so in `find`; a
 * declarative rule is a RuleSpec, whose `find` defineRule writes.
 */
export interface DetectorSpec extends Omit<Detector, 'detect'> {
  find(fragment: Fragment): Iterable<Found>;
  /** A last look at each candidate (the generic rule hands AWS-shaped secrets to AWS's id). */
  refine?: (candidate: Candidate) => Candidate;
}

const DEFINED = new WeakSet<Detector>();

/** Whether a detector was made by defineDetector (the test suite checks every built-in one is). */
export function isDefined(detector: Detector): boolean {
  return DEFINED.has(detector);
}

/**
 * The one definition path: every detector, built-in or a team's (custom.ts), is made here, so
 * each of its candidates carries its rule id and its fragment, and its description, keywords,
 * gates and examples are what it says it is. The examples stay a getter (generated on first
 * use, by the tests: at every commit they would cost milliseconds).
 */
export function defineDetector(spec: DetectorSpec): Detector {
  // The spec object becomes the detector (a fresh literal at every call): copying its
  // properties (the examples getter among them) cost ~1.5 ms over 400 rules at every commit.
  const detector = spec as DetectorSpec & Pick<Detector, 'detect'>;
  detector.detect = (fragment: Fragment): Candidate[] => {
    const out: Candidate[] = [];
    for (const found of spec.find(fragment)) {
      const c: Candidate = { ruleId: spec.id, fragment, ...found };
      out.push(spec.refine ? spec.refine(c) : c);
    }
    return out;
  };
  DEFINED.add(detector);
  return detector;
}

export function defineRule(spec: RuleSpec): Detector {
  // Compiled on first use: most rules never run on a given commit (the prefilter skips them),
  // and parsing 50 patterns up front costs milliseconds at every commit.
  let compiled: RegExp | undefined;
  const regex = (): RegExp => (compiled ??= new RegExp(spec.regex, spec.ignoreCase ? 'dgi' : 'dg'));
  let sticky: RegExp | undefined;
  let packedRegex: RegExp | undefined;
  const packed = (source: string): RegExp => (packedRegex ??= new RegExp(source, 'dg'));
  const hits = (text: string) =>
    spec.heads === undefined ? regexHits(regex(), text) : anchoredHits(regex(), (sticky ??= stickyOf(regex())), text, headStarts(text, spec.heads));
  return defineDetector({
    id: spec.id,
    description: spec.description,
    keywords: spec.keywords,
    confidence: spec.confidence ?? 'medium',
    patterns: () => (spec.packed === undefined ? [regex()] : [regex(), packed(spec.packed)]),
    get examples() {
      return spec.examples;
    },
    ...(spec.gate ? { gate: spec.gate } : {}),
    ...(spec.fallback ? { fallback: true } : {}),
    ...(spec.knownForm ? { knownForm: true } : {}),
    ...(spec.broad ? { broad: true } : {}),
    ...(spec.keywordsCaseSensitive ? { keywordsCaseSensitive: true } : {}),
    ...(spec.context ? { context: true } : {}),
    ...(spec.heads ? { heads: spec.heads } : {}),
    ...(spec.refine ? { refine: spec.refine } : {}),
    find(fragment: Fragment): Found[] {
      const out: Found[] = [];
      if (spec.precondition && !spec.precondition(fragment.text)) return out;
      if (spec.context && !holdsKeyword(fragment.text, spec.keywords, spec.keywordsCaseSensitive === true, spec.gate)) return out;
      for (const hit of hits(fragment.text)) {
        const found = judgeMatch(spec, hit, fragment);
        if (found !== undefined) out.push(found);
      }
      if (spec.packed === undefined || fragment.binary !== true) return out;
      for (const hit of regexHits(packed(spec.packed), fragment.text)) {
        if (out.some((f) => f.start <= hit.start && hit.start < f.end)) continue;
        const found = judgeMatch(spec, hit, fragment);
        if (found?.facts?.['validated'] !== undefined) out.push(found);
      }
      return out;
    },
  });
}
