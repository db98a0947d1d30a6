import type { Detector } from '../types.js';
import { awsAccessKeyId, awsSecretAccessKey, awsSessionToken } from './aws.js';
import { bedrockLongTermKey, bedrockShortTermKey } from './bedrock.js';
import { genericSecretMarked, genericSecretPairs } from './generic-pairs.js';
import { lazyGroup } from './lazy.js';
import { isLockFile } from './lockfiles.js';
import { MANIFEST } from './manifest.js';
import { cloudRules } from './providers/cloud.js';
import { messagingRules } from './providers/messaging.js';
import { monitoringSaasRules } from './providers/monitoring-saas.js';
import { paymentsAiDataRules } from './providers/payments-ai-data.js';
import { sourceCiRules } from './providers/source-ci.js';
import { STRUCTURED_RULES } from './structured.js';
import { syntaxFamily } from './syntax.js';
import { tokenRules } from './tokens.js';

/**
 * A group of provider rules, built when first needed (src/detectors/lazy.ts): a commit whose
 * text holds none of a group's keywords never builds it.
 */
function lazy(name: string, build: () => readonly Detector[]): readonly Detector[] {
  const entries = MANIFEST[name];
  if (entries === undefined) throw new Error(`no manifest for the ${name} rules`);
  return lazyGroup(name, entries, build);
}

/** The built-in detectors by category, in reporting order (keygate rules lists them so). */
export const DETECTOR_GROUPS: readonly { category: string; detectors: readonly Detector[] }[] = [
  { category: 'AWS', detectors: [awsAccessKeyId, awsSecretAccessKey, awsSessionToken, bedrockLongTermKey, bedrockShortTermKey] },
  { category: 'Widely used tokens (source hosting, registries, chat, payments, AI, cloud)', detectors: lazy('tokens', tokenRules) },
  { category: 'Source hosting, CI/CD and package registries', detectors: lazy('sourceCi', sourceCiRules) },
  { category: 'Cloud and infrastructure', detectors: lazy('cloud', cloudRules) },
  { category: 'Messaging, e-mail, identity and social', detectors: lazy('messaging', messagingRules) },
  { category: 'Monitoring, analytics and SaaS', detectors: lazy('monitoringSaas', monitoringSaasRules) },
  { category: 'Payments, AI providers, databases and password hashes', detectors: lazy('paymentsAiData', paymentsAiDataRules) },
  { category: 'Structured secrets (keys, JWTs, URLs, auth files)', detectors: STRUCTURED_RULES },
  { category: 'Generic (a secret-bearing name with a random-looking value)', detectors: [genericSecretPairs, ...genericSecretMarked] },
];

/** Every built-in detector, in reporting order. */
export const DETECTORS: readonly Detector[] = DETECTOR_GROUPS.flatMap((g) => g.detectors);

/**
 * Whether the detectors read text the same under both paths. What they take from a file's
 * path is its syntax family (an unquoted value is an expression in code, a secret in a .env;
 * base64 values are decoded in configuration) and whether it is a lock file (whose digests
 * are no secrets): a file moved between two paths that differ in these must be read again
 * whole under its new one.
 */
export function readAlike(a: string, b: string): boolean {
  return syntaxFamily(a) === syntaxFamily(b) && isLockFile(a) === isLockFile(b);
}
