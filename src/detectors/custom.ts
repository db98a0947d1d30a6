import type { CustomRule } from '../config/config.js';
import type { Candidate, Detector, Fragment } from '../types.js';
import { shannonEntropy } from './entropy.js';
import { boundedMatches } from './bounded-regex.js';
import { isPlaceholder, isWellKnownHash } from './heuristics.js';

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
      for (const [start, end] of boundedMatches(re, fragment.text, `rule ${rule.id}'s regex`)) {
        const hit = { start, end, secret: fragment.text.slice(start, end) };
        // As for every built-in rule (define.ts): a placeholder or a well-known digest is not a secret.
        if (isPlaceholder(hit.secret) || isWellKnownHash(hit.secret)) continue;
        const entropy = shannonEntropy(hit.secret);
        if (rule.entropy !== undefined && entropy < rule.entropy) continue;
        out.push({ ruleId: rule.id, fragment, start: hit.start, end: hit.end, secret: hit.secret, severity: rule.severity, confidence: 'medium', entropy });
      }
      return out;
    },
  };
}
