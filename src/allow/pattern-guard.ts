import { shannonEntropy } from '../detectors/entropy.js';
import type { Detector } from '../types.js';
import { fingerprint, type Sha256Hex } from '../report/finding.js';

/**
 * `keygate allow --pattern` writes its pattern to .keygate.json, in plain text, for the whole
 * team and its history. A pattern that holds a secret (pasted whole, wrapped in ^…$, with its
 * + and / escaped) leaks what it was meant to allow. So a pattern is read for the literal text
 * it spells, whatever its syntax, and refused when that text holds: a credential any rule
 * recognises; a random-looking run (a secret in part: "nearly so"); or a secret of a known
 * finding, judged by fingerprint against the staged findings and the last blocked run's.
 */

/** \xNN, \uNNNN, \u{N}, octal \NNN and \c escapes decoded; other escapes left as written. */
function decodeEscapes(s: string): string {
  return s.replace(/\\(?:x([0-9a-fA-F]{2})|u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|([0-7]{1,3}))/g, (_m, x?: string, ub?: string, u?: string, o?: string) => {
    const code = x !== undefined ? parseInt(x, 16) : ub !== undefined ? parseInt(ub, 16) : u !== undefined ? parseInt(u, 16) : parseInt(o ?? '0', 8);
    const ch = String.fromCodePoint(code);
    // A decoded metacharacter stays escaped, so it is read as the literal it was.
    return /[\\^$.*+?()[\]{}|/]/.test(ch) ? `\\${ch}` : ch;
  });
}

/** The characters a pattern matches literally, in order; each metacharacter splits a run. */
export function literalRuns(written: string): string[] {
  const pattern = decodeEscapes(written);
  const runs: string[] = [];
  let run = '';
  const flush = (): void => {
    if (run !== '') runs.push(run);
    run = '';
  };
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      const next = pattern[i + 1];
      i++;
      if (next !== undefined && /[^A-Za-z0-9]/.test(next))
        run += next; // \+ \/ \. are literals
      else flush(); // \d \w \s \b ...: a class, not a literal
      continue;
    }
    if (c === '[') {
      // A class of one character, however written ([+], [mm], [mM], [m-m]) is that literal;
      // any other class ends the run.
      const close = pattern.indexOf(']', i + 2);
      const body = close === -1 ? '' : pattern.slice(i + 1, close).replace(/\\(.)/g, '$1');
      const one = oneCharacter(body);
      if (one !== undefined) run += one;
      else flush();
      i = close === -1 ? pattern.length : close;
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      // A group's prefix (?: (?= (?! (?<= (?<! (?<name>) is syntax, not text.
      const m = /^\(\?(?:<[A-Za-z_$][\w$]*>|<=|<!|[:=!])/.exec(pattern.slice(i));
      if (m !== null) i += m[0].length - 1;
      flush();
      continue;
    }
    if ('^$.*+?()|{}'.includes(c)) {
      // x? x* x{0,n}: the atom before it may be absent; keep it (it is still written in the file).
      flush();
      continue;
    }
    run += c;
  }
  flush();
  return runs;
}

/** The one character a class body stands for, case aside ([mM], [mm], [m-m]), if it is one. */
function oneCharacter(body: string): string | undefined {
  const range = /^(.)-(.)$/.exec(body);
  if (range !== null && range[1] === range[2]) return range[1];
  const chars = [...body];
  if (chars.length >= 1 && chars.length <= 4 && chars.every((ch) => ch.toLowerCase() === (chars[0] as string).toLowerCase())) return chars[0];
  return undefined;
}

/**
 * Whether free text about to be written to .keygate.json (a reason, a path) holds a staged
 * secret, or most of one: any 12 characters in a row of it, or a credential a rule finds.
 */
export function textLeak(text: string, detectors: readonly Detector[], secrets: readonly string[]): boolean {
  const squeezed = text.replace(/[\s\-_.,;:]+/g, '');
  let decoded: string;
  try {
    decoded = Buffer.from(text.trim(), 'base64').toString('latin1');
  } catch {
    decoded = '';
  }
  for (const secret of secrets) if (coveredShare([text, squeezed, decoded], secret) >= MAX_COVERED_SHARE) return true;
  // A long random-looking token is no reason and no path: a secret, encoded or not.
  if (/[A-Za-z0-9+/=]{24,}/.test(text) && [...text.matchAll(/[A-Za-z0-9+/=]{24,}/g)].some((m) => shannonEntropy(m[0]) >= 4.0 && /\d/.test(m[0]))) return true;
  const fragment = { path: '.keygate.json', startLine: 1, startColumn: 0, text };
  return detectors.some((d) => d.detect(fragment).length > 0);
}

/** A run that looks generated: 12+ characters, letters with digits or symbols, high entropy. */
function randomLooking(run: string): boolean {
  for (const m of run.matchAll(/[A-Za-z0-9+/=_\-]{12,}/g)) {
    const t = m[0];
    if (/[A-Za-z]/.test(t) && /[0-9+/]/.test(t) && shannonEntropy(t) >= 3.3) return true;
  }
  return false;
}

export interface KnownFinding {
  ruleId: string;
  /** As printed: first and last characters of the secret around an ellipsis. */
  redacted: string;
  fingerprint: string;
}

/** Whether `text` contains the secret of `f`: every substring with its printed ends, hashed. */
function holdsSecretOf(text: string, f: KnownFinding, sha256: Sha256Hex): boolean {
  const [head, tail] = f.redacted.split('…');
  if (head === undefined || tail === undefined || head === '' || tail === '') return false;
  for (let i = text.indexOf(head); i !== -1; i = text.indexOf(head, i + 1)) {
    for (let j = text.indexOf(tail, i + head.length); j !== -1; j = text.indexOf(tail, j + 1)) {
      if (fingerprint(f.ruleId, text.slice(i, j + tail.length), sha256) === f.fingerprint) return true;
    }
  }
  return false;
}

/**
 * How much of a secret a pattern pins down: the share of its characters that, changed one at
 * a time, stop the pattern matching it. A shape (^AKIAQ, ^sk_test_) pins a prefix, a quarter
 * of a key or less; a pattern that spells the secret, however encoded (per-character classes,
 * \xNN, a lookahead), pins nearly all of it. 0 when the pattern does not match it at all.
 */
export function pinnedShare(re: RegExp, secret: string): number {
  const test = (s: string): boolean => {
    re.lastIndex = 0;
    return re.test(s);
  };
  if (secret.length === 0 || !test(secret)) return 0;
  let pinned = 0;
  for (let i = 0; i < secret.length; i++) {
    const c = secret[i] as string;
    const other = c === 'Q' ? 'Z' : c === '~' ? '!' : /[A-Za-z0-9]/.test(c) ? 'Q' : '~';
    if (!test(secret.slice(0, i) + other + secret.slice(i + 1))) pinned++;
  }
  return pinned / secret.length;
}

/** Patterns may pin at most this share of a secret: more spells it. */
export const MAX_PINNED_SHARE = 0.4;
/** Literal text may hold at most this share of a secret's body, all patterns together. */
export const MAX_COVERED_SHARE = 0.25;

/**
 * How much of a secret literal text holds in chunks of six or more characters in a row
 * (forwards or reversed): 0..1. Split pieces (S[0:10]%S[10:20]...) add up.
 */
export function coveredShare(texts: readonly string[], whole: string): number {
  // A token's type prefix (sk_test_, ghp_, AKIA) is no secret: shapes name it.
  const secret = whole.replace(/^(?:[A-Za-z]{1,12}[_-](?:[A-Za-z]{1,8}[_-])?|A(?:KIA|SIA|BIA|CCA))/, '');
  const n = 6;
  if (secret.length < n) return 0;
  const reversed = [...secret].reverse().join('');
  const covered = new Uint8Array(secret.length);
  for (let i = 0; i + n <= secret.length; i++) {
    const chunk = secret.slice(i, i + n);
    const rchunk = reversed.slice(secret.length - i - n, secret.length - i);
    if (texts.some((t) => t.includes(chunk) || t.includes(rchunk))) covered.fill(1, i, i + n);
  }
  return covered.reduce((a, b) => a + b, 0) / secret.length;
}

/**
 * Whether the pattern, run as the regex it is, matches most of a secret (80% of it or more):
 * then it spells that secret, whatever its encoding ([mM][hH]..., \uXXXX, octal, groups).
 * A shape (^AKIAQ, EXAMPLE$) matches a few characters of it; a pattern like .* matches all
 * of every secret and allows everything: refused too.
 */
function spellsASecret(pattern: string, secrets: readonly string[]): boolean {
  let re: RegExp;
  try {
    re = new RegExp(pattern, 'g');
  } catch {
    return false;
  }
  for (const secret of secrets) {
    re.lastIndex = 0;
    for (let m = re.exec(secret); m !== null; m = re.exec(secret)) {
      if (m[0].length >= secret.length * 0.8) return true;
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return false;
}

/** Why the pattern must not be written, or undefined. Never says what the secret is. */
export function patternLeak(
  pattern: string,
  detectors: readonly Detector[],
  known: readonly KnownFinding[],
  sha256: Sha256Hex,
  /** The staged secrets, in memory (index.ts stagedSecrets). */
  secrets: readonly string[] = [],
  /** The patterns .keygate.json has already: pieces of one secret across patterns add up. */
  others: readonly string[] = [],
): string | undefined {
  if (spellsASecret(pattern, secrets)) return 'run as a regex, it matches all or most of a staged secret';
  let re: RegExp | undefined;
  try {
    re = new RegExp(pattern);
  } catch {
    re = undefined;
  }
  if (re !== undefined && secrets.some((x) => pinnedShare(re as RegExp, x) >= MAX_PINNED_SHARE)) return 'it pins down most of a staged secret';
  const texts = [pattern, literalRuns(pattern).join(''), ...others];
  if (secrets.some((x) => coveredShare(texts, x) >= MAX_COVERED_SHARE))
    return 'it holds pieces of a staged secret (with the patterns already in .keygate.json)';
  const runs = literalRuns(pattern);
  const joined = runs.join('');
  for (const text of [pattern, ...runs, joined]) {
    const fragment = { path: '.keygate.json', startLine: 1, startColumn: 0, text };
    const hit = detectors.find((d) => d.detect(fragment).length > 0);
    if (hit !== undefined) return `it holds what the ${hit.id} rule finds`;
  }
  if (runs.some(randomLooking) || randomLooking(joined)) return 'it holds a random-looking run, a secret or part of one';
  if (known.some((f) => runs.some((r) => holdsSecretOf(r, f, sha256)) || holdsSecretOf(joined, f, sha256))) {
    return 'it holds the secret of a finding';
  }
  return undefined;
}
