/**
 * Small named predicates that turn a pattern match into "not a secret". Each is about the
 * candidate value only, so a detector can say exactly why it let something go.
 */

/** Long ascending or descending runs (ABCDEFGH, 23456789, abcdef...) are typed, not generated. */
export function hasSequentialRun(value: string, minRun = 6): boolean {
  let up = 1;
  let down = 1;
  for (let i = 1; i < value.length; i++) {
    const d = value.charCodeAt(i) - value.charCodeAt(i - 1);
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    if (up >= minRun || down >= minRun) return true;
  }
  return false;
}

/** XXXX, ****, 0000 and the like: a placeholder someone will fill in later. */
export function isPlaceholder(value: string): boolean {
  if (/(.)\1{5,}/.test(value)) return true;
  return /x{4,}|\*{3,}|\.{3,}|your|placeholder|redacted|changeme|dummy/i.test(value);
}

export function hasMixedCase(value: string): boolean {
  return /[a-z]/.test(value) && /[A-Z]/.test(value);
}
