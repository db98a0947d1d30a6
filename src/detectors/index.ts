import type { Detector } from '../types.js';
import { awsAccessKeyId, awsSecretAccessKey, awsSessionToken } from './aws.js';

/** Every built-in detector, in reporting order. */
export const DETECTORS: readonly Detector[] = [awsAccessKeyId, awsSecretAccessKey, awsSessionToken];
