import type { CustomRule } from '../config/config.js';
import type { Candidate, Detector, Fragment } from '../types.js';
import { shannonEntropy } from './entropy.js';
import { regexHits } from './regex.js';

/** A team's own rule from .keygate.json, as a detector like any other. */
export function customDetector(rule: CustomRule): Detector {
  const source = rule.regex.includes('(?<secret>') ? rule.regex : `(?<secret>${rule.regex})`;
  const re = new RegExp(source, 'dg');
  return {
    id: rule.id,
    description: rule.description,
    keywords: rule.keywords,
    examples: { positives: [], negatives: [] },
    detect(fragment: Fragment): Candidate[] {
      const out: Candidate[] = [];
      for (const hit of regexHits(re, fragment.text)) {
        const entropy = shannonEntropy(hit.secret);
        if (rule.entropy !== undefined && entropy < rule.entropy) continue;
        out.push({ ruleId: rule.id, fragment, start: hit.start, end: hit.end, secret: hit.secret, severity: rule.severity, confidence: 'medium', entropy });
      }
      return out;
    },
  };
}
