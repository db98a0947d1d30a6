import { shannonEntropy } from '../detectors/entropy.js';
import type { Detector } from '../types.js';
import { redact } from './finding.js';

/**
 * The lines around a finding, for `keygate review`, with nothing secret left in them. What is
 * masked: every candidate any detector (built-in and the team's own) finds anywhere in the
 * file, before any allow and across lines (a PEM body, a key on the line after its ID), and,
 * as a backstop, any long random-looking token — a bare secret key that no rule names — and
 * any value assigned to a secret-bearing name (SECRET_ASSIGNMENT_RE). Masking
 * too much costs a reviewer a little context; masking too little prints a secret.
 */
export const CONTEXT_LINES = 2;
const MAX_SHOWN = 200;
const TOKEN_RE = /[A-Za-z0-9+/_\-.~%]{20,}={0,2}/g;
/**
 * A value assigned to a name with a secret word in it (pass: Winter55xyzQ, DB_PASSWORD=...,
 * "token": "..."), random-looking or not: a password no rule found (too short, words) is still
 * one, and a context line is no place to show it. Found by an adversarial trial.
 */
const SECRET_ASSIGNMENT_RE =
  /(?:pass(?:word|wd|phrase)?|pwd|secret|token|credentials?|api[_.-]?key|access[_.-]?key|private[_.-]?key|auth)[A-Za-z0-9_.-]{0,30}["'\]]{0,2}[ \t]{0,3}(?:=|:=|:|=>)[ \t]{0,16}["'\x60]?(?<value>[^\s"'\x60,;()\[\]{}]{4,})(?![(\[])/gi;
/** What reads a secret from elsewhere rather than holding one: shown (os.environ[...], process.env.X, self.password). */
const REFERENCE = /^(?:os|process|self|this|env|ENV|config|settings|cfg|props|options|opts|args|params|request|req|\$)[.\[]|^\$\{|^\$[A-Za-z_]/;

export interface Span {
  start: number;
  end: number;
}

/**
 * Where every detector's candidates lie in `text` (offsets), whatever the allows say. A key
 * block's candidate is its BEGIN line (where it is reported); its span here runs to its END
 * line, so the body is masked too.
 */
export function secretSpans(text: string, path: string, detectors: readonly Detector[]): Span[] {
  const fragment = { path, startLine: 1, startColumn: 0, text };
  return detectors
    .flatMap((d) => d.detect(fragment))
    .map((c) => ({ start: c.start, end: text.startsWith('-----BEGIN', c.start) ? blockEnd(text, c.end) : c.end }));
}

function blockEnd(text: string, from: number): number {
  const end = text.indexOf('-----END', from);
  if (end === -1) return Math.min(text.length, from + 4096);
  const eol = text.indexOf('\n', end);
  return eol === -1 ? text.length : eol;
}

/**
 * A token that looks generated: long, high entropy, with digits among its letters (hex,
 * base64): a long camelCase name has no digits, a CONSTANT_NAME one case only.
 */
function looksRandom(token: string): boolean {
  return /[0-9]/.test(token) && /[A-Za-z]/.test(token) && shannonEntropy(token) >= 3.5;
}

/** Every long random-looking token of `text` redacted (for text from outside, such as git's). */
export function maskRandomTokens(text: string): string {
  return text.replace(TOKEN_RE, (t) => (looksRandom(t) ? redact(t) : t));
}

interface Cut extends Span {
  /** Part of a secret that goes on beyond this line: shown as [redacted], not by its ends. */
  partial: boolean;
}

function cutsOf(line: string, lineStart: number, spans: readonly Span[]): Cut[] {
  const cuts: Cut[] = [];
  for (const s of spans) {
    const start = Math.max(s.start, lineStart) - lineStart;
    const end = Math.min(s.end, lineStart + line.length) - lineStart;
    if (start < end) cuts.push({ start, end, partial: s.start < lineStart || s.end > lineStart + line.length });
  }
  for (const m of line.matchAll(TOKEN_RE)) {
    if (looksRandom(m[0])) cuts.push({ start: m.index, end: m.index + m[0].length, partial: false });
  }
  for (const m of line.matchAll(SECRET_ASSIGNMENT_RE)) {
    const value = m.groups?.['value'] ?? '';
    if (REFERENCE.test(value)) continue;
    const start = m.index + m[0].length - value.length;
    cuts.push({ start, end: start + value.length, partial: false });
  }
  // Overlapping cuts become their union.
  cuts.sort((a, b) => a.start - b.start);
  const merged: Cut[] = [];
  for (const c of cuts) {
    const last = merged[merged.length - 1];
    if (last !== undefined && c.start < last.end) {
      last.end = Math.max(last.end, c.end);
      last.partial ||= c.partial;
    } else merged.push({ ...c });
  }
  return merged;
}

function maskLine(line: string, lineStart: number, spans: readonly Span[]): string {
  let out = line;
  for (const cut of cutsOf(line, lineStart, spans).reverse()) {
    const part = out.slice(cut.start, cut.end);
    out = out.slice(0, cut.start) + (cut.partial ? '[redacted]' : redact(part)) + out.slice(cut.end);
  }
  return out;
}

/** The token at a finding's position (1-based column), as a span: masked even if the file moved on. */
export function tokenAt(text: string, line: number, column: number): Span | undefined {
  let offset = 0;
  for (let n = 1; n < line; n++) {
    const next = text.indexOf('\n', offset);
    if (next === -1) return undefined;
    offset = next + 1;
  }
  const start = offset + column - 1;
  let end = start;
  while (end < text.length && /[A-Za-z0-9/+=_.\-]/.test(text[end] as string)) end++;
  return end > start ? { start, end } : undefined;
}

export function redactedContext(text: string, line: number, spans: readonly Span[]): string[] {
  const lines = text.split('\n');
  const starts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    starts.push(offset);
    offset += l.length + 1;
  }
  const first = Math.max(1, line - CONTEXT_LINES);
  const last = Math.min(lines.length, line + CONTEXT_LINES);
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const raw = lines[n - 1] ?? '';
    const masked = maskLine(raw, starts[n - 1] ?? 0, spans).replace(/\r$/, '');
    const mark = n === line ? '>' : ' ';
    out.push(`${mark} ${String(n).padStart(5)} | ${masked.length > MAX_SHOWN ? `${masked.slice(0, MAX_SHOWN)}…` : masked}`);
  }
  return out;
}
