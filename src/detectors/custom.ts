import type { CustomRule } from '../config/config.js';
import type { Detector, Fragment } from '../types.js';
import { boundedMatches } from './bounded-regex.js';
import { defineDetector, type Found, type Judgement, judgeMatch } from './define.js';

/** A team's own rule from .keygate.json, as a detector like any other. */
export function customDetector(rule: CustomRule): Detector {
  const source = rule.regex.includes('(?<secret>') ? rule.regex : `(?<secret>${rule.regex})`;
  const re = new RegExp(source, 'dg');
  const judgement: Judgement = { severity: rule.severity, ...(rule.entropy !== undefined ? { entropy: rule.entropy } : {}) };
  return defineDetector({
    id: rule.id,
    description: rule.description,
    keywords: rule.keywords,
    examples: { positives: [], negatives: [] },
    find(fragment: Fragment): Found[] {
      const out: Found[] = [];
      // Matched under a time bound (a team's regex may be slow); judged as every built-in rule is.
      for (const [start, end] of boundedMatches(re, fragment.text, `rule ${rule.id}'s regex`)) {
        const found = judgeMatch(judgement, { start, end, secret: fragment.text.slice(start, end) }, fragment);
        if (found !== undefined) out.push(found);
      }
      return out;
    },
  });
}
