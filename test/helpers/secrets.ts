import { randomBytes } from 'node:crypto';
import { hasSequentialRun, isPlaceholder } from '../../src/detectors/heuristics.js';

/**
 * Fake AWS credentials made fresh for each test run: random, never issued by AWS, and never
 * present as literals in this repository (keygate scans its own commits).
 */
const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function pick(alphabet: string, n: number): string {
  const bytes = randomBytes(n);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return s;
}

function mixed(make: () => string, ok: (s: string) => boolean): string {
  for (;;) {
    const s = make();
    if (ok(s)) return s;
  }
}

/** A fake key ID (5th char not I/J, so it decodes to an account). */
export function fakeKeyId(prefix = 'AKIA'): string {
  return mixed(
    () => prefix + 'Q' + pick(B32, 15),
    // Random values that happen to look typed (XXXX, YOUR, ABCDEF...) are redrawn: a real
    // generated key would not be one, and the gates that reject them are tested on their own.
    (s) => !isPlaceholder(s.slice(4)) && !hasSequentialRun(s.slice(4)) && !/EXAMPLE/.test(s),
  );
}

export function fakeSecret(): string {
  return mixed(
    () => pick(B64, 40),
    (s) => /[a-z]/.test(s) && /[A-Z]/.test(s) && !isPlaceholder(s) && !hasSequentialRun(s, 8) && !/EXAMPLE/.test(s),
  );
}

export function fakeSessionToken(): string {
  return 'IQoJb3JpZ2luX2Vj' + pick(B64, 380);
}

/** Every stream must be free of the whole secret. */
export function assertNoSecret(texts: string[], secrets: string[]): void {
  for (const t of texts) {
    for (const s of secrets) {
      if (t.includes(s)) throw new Error(`a full secret appeared in output: ${s.slice(0, 4)}…`);
    }
  }
}
