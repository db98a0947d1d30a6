import type { Detector } from '../../types.js';

export const MONITORING_SAAS_RULES: readonly Detector[] = [];
