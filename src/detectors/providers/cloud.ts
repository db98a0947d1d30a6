import type { Detector } from '../../types.js';

export const CLOUD_RULES: readonly Detector[] = [];
