/**
 * The one seed behind every generated test value (fake secrets, fuzz inputs). Fixed unless
 * KEYGATE_TEST_SEED says otherwise; test/helpers/print-seed.ts prints it at the start of a run,
 * so a failure seen once can be run again with the same draws.
 */
export const DEFAULT_SEED = 20261201;

export function testSeed(): number {
  const raw = process.env['KEYGATE_TEST_SEED'];
  if (raw === undefined || raw === '') return DEFAULT_SEED;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`KEYGATE_TEST_SEED must be a whole number, not "${raw}"`);
  return n;
}
