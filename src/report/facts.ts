import type { Facts } from '../types.js';

/**
 * What is known offline about a finding, as a reader sees it: every fact a detector recorded,
 * in one order for the text report and SARIF alike. Known facts read as sentences; any other
 * reads as `name: value`, so a fact a new rule records is shown without touching a renderer.
 * The credential pair is left out: both reports say it on a line of its own.
 */
const SHOWN: readonly [key: keyof Facts & string, show: (value: string, facts: Facts) => string | undefined][] = [
  ['keyKind', (v) => v],
  ['tokenKind', (v) => v],
  ['validated', (v) => v],
  ['encoding', (v) => v],
  ['awsAccountId', (v) => `AWS account ${v}`],
  ['awsAccount', (v, facts) => (facts['awsAccountId'] === undefined ? `AWS account ${v}` : undefined)],
];
const NOT_SHOWN = new Set<keyof Facts>(['credentialPair']);
const KNOWN = new Set([...SHOWN.map(([key]) => key), ...NOT_SHOWN]);

export function displayFacts(facts: Facts): string[] {
  const shown: string[] = [];
  for (const [key, show] of SHOWN) {
    const value = facts[key];
    const line = value === undefined || value === '' ? undefined : show(value, facts);
    if (line !== undefined) shown.push(line);
  }
  for (const [key, value] of Object.entries(facts)) if (!KNOWN.has(key) && value !== undefined && value !== '') shown.push(`${key}: ${value}`);
  return shown;
}
