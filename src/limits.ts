import { KeygateError } from './errors.js';

/**
 * Bounds that keep a commit from hanging or a config from eating the machine, in one place.
 * KEYGATE_TIMEOUT: seconds a guarding run (scan, hook, pre-push) may take, and each git it
 * runs may stay silent, before the commit is blocked.
 */
export const DEFAULT_TIMEOUT_SECONDS = 120;
export const MAX_TIMEOUT_SECONDS = 2_147_483;

export function timeoutSeconds(): number {
  const raw = process.env['KEYGATE_TIMEOUT'];
  if (raw === undefined || raw === '') return DEFAULT_TIMEOUT_SECONDS;
  const n = Number(raw);
  // Node's timers hold at most 2^31 - 1 ms (24.8 days); past that they fire at once.
  if (!Number.isFinite(n) || n <= 0 || n > MAX_TIMEOUT_SECONDS) {
    throw new KeygateError('USAGE', `KEYGATE_TIMEOUT must be a number of seconds above 0 and at most ${MAX_TIMEOUT_SECONDS}, not "${raw.slice(0, 20)}"`);
  }
  return n;
}
