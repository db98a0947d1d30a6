import type { Detector } from '../../types.js';

export const SOURCE_CI_RULES: readonly Detector[] = [];
