import type { Detector } from '../../types.js';

export const MESSAGING_RULES: readonly Detector[] = [];
