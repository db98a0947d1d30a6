/**
 * Does a value read as text (words, identifiers, type names) rather than as generated
 * characters? Shannon entropy cannot tell: `NonEmptyMaxLength64String` measures 3.9 bits per
 * character, as much as many random tokens. Letter pairs can: in text most adjacent letters
 * form pairs that text uses all the time (th, er, in, on, ...); in a generated value a pair is
 * such a pair only by chance.
 *
 * The judgement (after the idea of sirwart/ripsecrets' p_random, measured afresh here): count
 * the value's adjacent pairs, and how many are common pairs (COMMON_PAIRS, case-folded); if
 * the value were random, each pair would be a common one with probability
 * p = (share of letters in the value)^2 * |COMMON_PAIRS| / 676. The chance of seeing at least
 * that many common pairs in a random value is the binomial upper tail; below TEXT_TAIL the
 * value is text. A random value is misjudged with probability at most TEXT_TAIL by
 * construction (test/unit/randomness.test.ts measures it on 100,000 seeded values).
 */

/**
 * The letter pairs that cover 80% of all pairs in letter runs of 4+ in real code: 129 of 676,
 * from 83.7 million pairs in the pinned real-code set (bench/real-code: typescript, lodash,
 * aws-sdk, webpack, eslint and dependencies), measured by `node scripts/bigrams.mjs`.
 */
const COMMON_PAIRS = new Set(
  (
    'ac ag al am an ap ar as at be ca ce ch ck cl co cr ct da de di ea ec ed ef el em en eq er es et ex fa fi ge ha he hi ' +
    'ic id ie if ig il im in io ir is it ke la le li ll lo lt lu ma mb me mo mp na nc nd ne ng no ns nt oc od ol om on op ' +
    'or ou pa pe pl po pr pt pu qu ra rc re ri rn ro rr rs rt ru sc se sh si so sp ss st su ta te th ti to tp tr ts tt tu ' +
    'ty uc ue ul un ur us ut va ve xp yp'
  ).split(' '),
);

/** Below this chance of arising at random, a value's common pairs say it is text. */
export const TEXT_TAIL = 1e-4;

/** P(X >= k) for X ~ Binomial(n, p), summed in log space (n is at most a few hundred). */
function binomialTail(n: number, k: number, p: number): number {
  if (k <= 0) return 1;
  if (p <= 0) return 0;
  if (p >= 1) return 1;
  let logChoose = 0; // log C(n, 0)
  for (let i = 0; i < k; i++) logChoose += Math.log(n - i) - Math.log(i + 1);
  let sum = 0;
  for (let i = k; i <= n; i++) {
    sum += Math.exp(logChoose + i * Math.log(p) + (n - i) * Math.log(1 - p));
    logChoose += Math.log(n - i) - Math.log(i + 1);
  }
  return Math.min(1, sum);
}

/** The chance that a random value of this length and letter share has as many common pairs. */
export function randomChance(value: string): number {
  const lower = value.toLowerCase();
  let letters = 0;
  for (let i = 0; i < lower.length; i++) {
    const c = lower.charCodeAt(i);
    if (c >= 97 && c <= 122) letters++;
  }
  const pairs = lower.length - 1;
  if (pairs < 1 || letters === 0) return 1;
  let common = 0;
  for (let i = 0; i < pairs; i++) if (COMMON_PAIRS.has(lower.slice(i, i + 2))) common++;
  const share = letters / lower.length;
  return binomialTail(pairs, common, share * share * (COMMON_PAIRS.size / 676));
}

/** Whether a value reads as text: its common letter pairs are too many to be chance. */
export function readsAsText(value: string): boolean {
  return randomChance(value) < TEXT_TAIL;
}
