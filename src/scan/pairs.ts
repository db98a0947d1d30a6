import { PAIR_WINDOW } from '../detectors/aws-facts.js';
import type { Finding, Location } from '../types.js';

const KEY_ID = 'aws-access-key-id';
const PARTNERS = new Set(['aws-secret-access-key', 'aws-session-token']);

const PAIRED = 'key ID and secret together: a usable credential';

function location(f: Finding): Location {
  return { rule: f.ruleId, file: f.path, line: f.line, column: f.column };
}

/**
 * The findings with credential pairs linked: a key ID and a secret key (or session token) in
 * the same file (and commit) within PAIR_WINDOW lines form a usable credential, so both are
 * raised to critical and each names the other, keeping its own file:line. A secret pairs with
 * its nearest key ID. Returns new findings for the paired ones; the input is not changed.
 */
export function linkCredentialPairs(findings: readonly Finding[]): Finding[] {
  const keyIds = findings.filter((f) => f.ruleId === KEY_ID);
  if (keyIds.length === 0) return [...findings];
  const partners = new Map<Finding, Finding[]>();
  for (const secret of findings) {
    if (!PARTNERS.has(secret.ruleId)) continue;
    let best: Finding | undefined;
    for (const k of keyIds) {
      if (k.path !== secret.path || k.commit !== secret.commit || Math.abs(k.line - secret.line) > PAIR_WINDOW) continue;
      if (best === undefined || Math.abs(k.line - secret.line) < Math.abs(best.line - secret.line)) best = k;
    }
    if (best === undefined) continue;
    partners.set(secret, [...(partners.get(secret) ?? []), best]);
    partners.set(best, [...(partners.get(best) ?? []), secret]);
  }
  return findings.map((f) => {
    const with_ = partners.get(f);
    if (with_ === undefined) return f;
    return { ...f, severity: 'critical', facts: { ...f.facts, credentialPair: PAIRED }, pairedWith: [...f.pairedWith, ...with_.map(location)] };
  });
}
