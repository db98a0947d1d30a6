import type { Candidate, Confidence, Fragment, Severity, Facts } from '../types.js';

export interface RegexHit {
  /** Offsets of the `secret` named group in the fragment text. */
  start: number;
  end: number;
  secret: string;
  /** The whole match, for context checks. */
  match: RegExpExecArray;
}

/**
 * Every match of `re` (which must carry the `g` and `d` flags and a `secret` group), with the
 * secret's position taken from the regex itself so that text.slice(start, end) === secret.
 */
export function* regexHits(re: RegExp, text: string): Generator<RegexHit> {
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const span = m.indices?.groups?.['secret'];
    const secret = m.groups?.['secret'];
    if (span !== undefined && secret !== undefined) {
      yield { start: span[0], end: span[1], secret, match: m };
    }
    if (m[0].length === 0) re.lastIndex++;
  }
}

export function candidate(
  ruleId: string,
  fragment: Fragment,
  hit: { start: number; end: number; secret: string },
  extra: { severity: Severity; confidence: Confidence; entropy?: number; facts?: Facts },
): Candidate {
  return { ruleId, fragment, start: hit.start, end: hit.end, secret: hit.secret, ...extra };
}

/** 0-based index of the line holding `offset` in `text`, counting from the fragment start. */
export function lineIndexAt(text: string, offset: number): number {
  let n = 0;
  let i = text.indexOf('\n');
  while (i !== -1 && i < offset) {
    n++;
    i = text.indexOf('\n', i + 1);
  }
  return n;
}
