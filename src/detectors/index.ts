import type { Detector } from '../types.js';
import { awsAccessKeyId, awsSecretAccessKey, awsSessionToken } from './aws.js';
import { bedrockLongTermKey, bedrockShortTermKey } from './bedrock.js';
import { genericSecretMarked, genericSecretPairs } from './generic-pairs.js';
import { CLOUD_RULES } from './providers/cloud.js';
import { MESSAGING_RULES } from './providers/messaging.js';
import { MONITORING_SAAS_RULES } from './providers/monitoring-saas.js';
import { PAYMENTS_AI_DATA_RULES } from './providers/payments-ai-data.js';
import { SOURCE_CI_RULES } from './providers/source-ci.js';
import { STRUCTURED_RULES } from './structured.js';
import { TOKEN_RULES } from './tokens.js';

/** The built-in detectors by category, in reporting order (keygate rules lists them so). */
export const DETECTOR_GROUPS: readonly { category: string; detectors: readonly Detector[] }[] = [
  { category: 'AWS', detectors: [awsAccessKeyId, awsSecretAccessKey, awsSessionToken, bedrockLongTermKey, bedrockShortTermKey] },
  { category: 'Widely used tokens (source hosting, registries, chat, payments, AI, cloud)', detectors: TOKEN_RULES },
  { category: 'Source hosting, CI/CD and package registries', detectors: SOURCE_CI_RULES },
  { category: 'Cloud and infrastructure', detectors: CLOUD_RULES },
  { category: 'Messaging, e-mail, identity and social', detectors: MESSAGING_RULES },
  { category: 'Monitoring, analytics and SaaS', detectors: MONITORING_SAAS_RULES },
  { category: 'Payments, AI providers, databases and password hashes', detectors: PAYMENTS_AI_DATA_RULES },
  { category: 'Structured secrets (keys, JWTs, URLs, auth files)', detectors: STRUCTURED_RULES },
  { category: 'Generic (a secret-bearing name with a random-looking value)', detectors: [genericSecretPairs, ...genericSecretMarked] },
];

/** Every built-in detector, in reporting order. */
export const DETECTORS: readonly Detector[] = DETECTOR_GROUPS.flatMap((g) => g.detectors);
