import type { CustomRule } from '../config/config.js';
import type { Candidate, Detector, Fragment } from '../types.js';
import { boundedMatches } from './bounded-regex.js';
import { type Judgement, judgeMatch } from './define.js';

/** A team's own rule from .keygate.json, as a detector like any other. */
export function customDetector(rule: CustomRule): Detector {
  const source = rule.regex.includes('(?<secret>') ? rule.regex : `(?<secret>${rule.regex})`;
  const re = new RegExp(source, 'dg');
  const judgement: Judgement = { id: rule.id, severity: rule.severity, ...(rule.entropy !== undefined ? { entropy: rule.entropy } : {}) };
  return {
    id: rule.id,
    description: rule.description,
    keywords: rule.keywords,
    examples: { positives: [], negatives: [] },
    detect(fragment: Fragment): Candidate[] {
      const out: Candidate[] = [];
      // Matched under a time bound (a team's regex may be slow); judged as every built-in rule is.
      for (const [start, end] of boundedMatches(re, fragment.text, `rule ${rule.id}'s regex`)) {
        const c = judgeMatch(judgement, { start, end, secret: fragment.text.slice(start, end) }, fragment);
        if (c !== undefined) out.push(c);
      }
      return out;
    },
  };
}
