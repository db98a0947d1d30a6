import { KeygateError } from './errors.js';

/**
 * Bounds that keep a commit from hanging or a config from eating the machine, in one place.
 * KEYGATE_TIMEOUT: seconds a guarding run (scan, hook, pre-push) may take, and each git it
 * runs may stay silent, before the commit is blocked.
 */
export const DEFAULT_TIMEOUT_SECONDS = 120;

export function timeoutSeconds(): number {
  const raw = process.env['KEYGATE_TIMEOUT'];
  if (raw === undefined || raw === '') return DEFAULT_TIMEOUT_SECONDS;
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0) {
    throw new KeygateError('USAGE', `KEYGATE_TIMEOUT must be a number of seconds above 0, not "${raw}"`);
  }
  return n;
}
