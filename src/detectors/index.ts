import type { Detector } from '../types.js';
import { awsAccessKeyId, awsSecretAccessKey, awsSessionToken } from './aws.js';
import { bedrockLongTermKey, bedrockShortTermKey } from './bedrock.js';
import { genericSecretMarked, genericSecretPairs } from './generic-pairs.js';
import { PROVIDER_RULES } from './providers/index.js';
import { STRUCTURED_RULES } from './structured.js';
import { TOKEN_RULES } from './tokens.js';

/** Every built-in detector, in reporting order. */
export const DETECTORS: readonly Detector[] = [
  awsAccessKeyId,
  awsSecretAccessKey,
  awsSessionToken,
  bedrockLongTermKey,
  bedrockShortTermKey,
  ...TOKEN_RULES,
  ...PROVIDER_RULES,
  ...STRUCTURED_RULES,
  genericSecretPairs,
  genericSecretMarked,
];
