import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lazyGroup, manifestEntry, realDetector } from '../../src/detectors/lazy.js';
import { MANIFEST } from '../../src/detectors/manifest.js';
import { cloudRules } from '../../src/detectors/providers/cloud.js';
import { Detection } from '../../src/scan/detect.js';
import type { Detector, Fragment } from '../../src/types.js';
import { ROOT } from '../helpers/repo.js';

/**
 * The lazily built rule groups (src/detectors/lazy.ts): the prefilter reads each rule's
 * keywords from src/detectors/manifest.ts, so the manifest must say exactly what the rules do,
 * and a commit that names no keyword of a group must not build it.
 */
const fragment = (text: string): Fragment => ({ path: 'app.env', startLine: 1, startColumn: 0, text });

function counted(build: () => readonly Detector[]): { build: () => readonly Detector[]; calls: () => number } {
  let calls = 0;
  return {
    build: () => {
      calls++;
      return build();
    },
    calls: () => calls,
  };
}

describe('the rule manifest', () => {
  it('is what scripts/rule-manifest.mjs writes from the rules as they are (npm run build rewrites it)', async () => {
    const { manifestSource } = (await import(join(ROOT, 'scripts', 'rule-manifest.mjs'))) as { manifestSource: () => Promise<string> };
    expect(readFileSync(join(ROOT, 'src', 'detectors', 'manifest.ts'), 'utf8')).toBe(await manifestSource());
  });

  it('says of every rule of every group what the built rule says: keywords, gate, flags, confidence, description', () => {
    const cloud = lazyGroup('cloud', MANIFEST['cloud'] ?? [], cloudRules);
    expect(cloud.map((d) => manifestEntry(realDetector(d)))).toEqual(MANIFEST['cloud']);
    expect(Object.values(MANIFEST).flat().length).toBeGreaterThan(300);
  });

  it('a group is built only once a keyword of one of its rules occurs, and then once', () => {
    const rules = counted(cloudRules);
    const group = lazyGroup('cloud', MANIFEST['cloud'] ?? [], rules.build);
    const detection = new Detection(group);
    expect(detection.detect(fragment('const total = items.reduce((a, b) => a + b, 0);\n'))).toEqual([]);
    expect(rules.calls()).toBe(0);
    const first = realDetector(group[0] as Detector);
    const example = first.examples.positives[0] as string;
    expect(rules.calls()).toBe(1);
    const fresh = counted(cloudRules);
    const again = new Detection(lazyGroup('cloud', MANIFEST['cloud'] ?? [], fresh.build));
    expect(again.detect(fragment(example)).map((d) => d.finding.ruleId)).toContain(first.id);
    again.detect(fragment(example));
    expect(fresh.calls()).toBe(1);
  });

  it('a manifest that no longer matches its rules is an error when the group is built, not a rule with unknown keywords', () => {
    const entries = (MANIFEST['cloud'] ?? []).map((e, i) => (i === 0 ? { ...e, keywords: ['not-a-keyword-the-rule-has'] } : e));
    const group = lazyGroup('cloud', entries, cloudRules);
    expect(() => group[0]?.detect(fragment('x'))).toThrow(/rule manifest is stale for the cloud rules/);
  });
});
