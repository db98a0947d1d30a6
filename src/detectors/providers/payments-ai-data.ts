import type { Detector } from '../../types.js';

export const PAYMENTS_AI_DATA_RULES: readonly Detector[] = [];
