import type { Detector } from '../../types.js';
import { CLOUD_RULES } from './cloud.js';
import { MESSAGING_RULES } from './messaging.js';
import { MONITORING_SAAS_RULES } from './monitoring-saas.js';
import { PAYMENTS_AI_DATA_RULES } from './payments-ai-data.js';
import { SOURCE_CI_RULES } from './source-ci.js';

/**
 * Provider rules by category, one file each: source hosting and CI/CD; cloud and
 * infrastructure; messaging, e-mail and identity; monitoring, analytics and SaaS; payments,
 * AI providers and databases. Each rule cites the provider's published description of its
 * format in a comment above it.
 */
export const PROVIDER_RULES: readonly Detector[] = [
  ...SOURCE_CI_RULES,
  ...CLOUD_RULES,
  ...MESSAGING_RULES,
  ...MONITORING_SAAS_RULES,
  ...PAYMENTS_AI_DATA_RULES,
];
