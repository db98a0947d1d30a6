import { requireBuiltin } from '../builtins.js';
import type { Candidate, Finding } from '../types.js';

/**
 * Never the secret: its first and last four characters, enough to recognise which key it is
 * (AWS lists key IDs in the IAM console; the account ID is shown beside it).
 */
export function redact(secret: string): string {
  const n = [...secret].length;
  if (n >= 16) return `${secret.slice(0, 4)}…${secret.slice(-4)}`;
  if (n >= 8) return `${secret.slice(0, 2)}…${secret.slice(-2)}`;
  return '*'.repeat(n);
}

/**
 * A stable id for (rule, secret), independent of where the secret sits: the first 64 bits of
 * SHA-256 over a versioned, rule-scoped input. It reveals nothing useful about a high-entropy
 * secret; low-entropy secrets are a concern for the allowlist (see README).
 */
export type Sha256Hex = (input: string) => string;

export function fingerprint(ruleId: string, secret: string, sha256: Sha256Hex): string {
  return sha256(`keygate:v1\0${ruleId}\0${secret}`).slice(0, 16);
}

/**
 * node:crypto costs ~5 ms to load, paid at every commit if loaded eagerly; it is only needed
 * when there is something to fingerprint.
 */
export function loadSha256(): Sha256Hex {
  const { createHash } = requireBuiltin<typeof import('node:crypto')>('node:crypto');
  return (input) => createHash('sha256').update(input).digest('hex');
}

/** Where a candidate sits: 1-based line, and 1-based column in code points. */
export function position(c: Candidate): { line: number; column: number; lineText: string } {
  const { text, startLine, startColumn } = c.fragment;
  let line = startLine;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < c.start; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const lineEnd = text.indexOf('\n', c.start);
  const before = text.slice(lineStart, c.start);
  const column = [...before].length + 1 + (lineStart === 0 ? startColumn : 0);
  return { line, column, lineText: text.slice(lineStart, lineEnd === -1 ? undefined : lineEnd) };
}

/** A finding as the detect stage places it, before its fingerprint; the only place the secret is kept. */
export interface PendingFinding {
  finding: Omit<Finding, 'fingerprint'>;
  secret: string;
}

/**
 * What a finding may carry beyond its place and rule, for the JSON and SARIF reports alike: the
 * commit that introduced it, its author and date, whether it is still in the tracked files (a
 * history scan), and notes. Only those it has.
 */
export function reportedExtras(f: Finding): Pick<Finding, 'commit' | 'author' | 'date' | 'inHead' | 'notes'> {
  return {
    ...(f.commit !== undefined ? { commit: f.commit } : {}),
    ...(f.author !== undefined ? { author: f.author } : {}),
    ...(f.date !== undefined ? { date: f.date } : {}),
    ...(f.inHead !== undefined ? { inHead: f.inHead } : {}),
    ...(f.notes !== undefined ? { notes: f.notes } : {}),
  };
}

/** The finding, whole: its fingerprint computed from its rule and secret. */
export function withFingerprint(p: PendingFinding, sha256: Sha256Hex): Finding {
  return { ...p.finding, fingerprint: fingerprint(p.finding.ruleId, p.secret, sha256) };
}

export function toFinding(c: Candidate, description: string, line: number, column: number): PendingFinding {
  const finding: Omit<Finding, 'fingerprint'> = {
    ruleId: c.ruleId,
    description,
    path: c.fragment.path,
    line,
    column,
    // With an identity (a PEM key's body), the reported span is a marker, not the secret.
    redacted: c.identity !== undefined ? c.secret : redact(c.secret),
    severity: c.severity,
    confidence: c.confidence,
    facts: { ...(c.facts ?? {}) },
    pairedWith: [],
  };
  if (c.entropy !== undefined) finding.entropy = Math.round(c.entropy * 1000) / 1000;
  if (c.fragment.commit !== undefined) finding.commit = c.fragment.commit;
  return { finding, secret: c.identity ?? c.secret };
}
