import { PAIR_WINDOW } from '../detectors/aws.js';
import type { Finding, Location } from '../types.js';

const KEY_ID = 'aws-access-key-id';
const PARTNERS = new Set(['aws-secret-access-key', 'aws-session-token']);

function location(f: Finding): Location {
  return { rule: f.ruleId, file: f.path, line: f.line, column: f.column };
}

/**
 * A key ID and a secret key (or session token) in the same file within PAIR_WINDOW lines form a
 * usable credential: both are raised to critical and linked to each other, each keeping its
 * own file:line.
 */
export function linkCredentialPairs(findings: Finding[]): void {
  const keyIds = findings.filter((f) => f.ruleId === KEY_ID);
  if (keyIds.length === 0) return;
  for (const secret of findings) {
    if (!PARTNERS.has(secret.ruleId)) continue;
    let best: Finding | undefined;
    for (const k of keyIds) {
      if (k.path !== secret.path || k.commit !== secret.commit || Math.abs(k.line - secret.line) > PAIR_WINDOW) continue;
      if (best === undefined || Math.abs(k.line - secret.line) < Math.abs(best.line - secret.line)) best = k;
    }
    if (best === undefined) continue;
    secret.pairedWith.push(location(best));
    best.pairedWith.push(location(secret));
    secret.severity = 'critical';
    best.severity = 'critical';
    secret.facts['credentialPair'] = 'key ID and secret together: a usable credential';
    best.facts['credentialPair'] = 'key ID and secret together: a usable credential';
  }
}
