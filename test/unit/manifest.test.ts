import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lazyGroup, type ManifestEntry, manifestEntry, realDetector } from '../../src/detectors/lazy.js';
import { MANIFEST } from '../../src/detectors/manifest.js';
import { cloudRules } from '../../src/detectors/providers/cloud.js';
import { messagingRules } from '../../src/detectors/providers/messaging.js';
import { monitoringSaasRules } from '../../src/detectors/providers/monitoring-saas.js';
import { paymentsAiDataRules } from '../../src/detectors/providers/payments-ai-data.js';
import { sourceCiRules } from '../../src/detectors/providers/source-ci.js';
import { tokenRules } from '../../src/detectors/tokens.js';
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

  it("a rule's gate is asked from its manifest entry, without building the group, and answers as the built rule's", () => {
    const groups: [string, () => readonly Detector[]][] = [
      ['tokens', tokenRules],
      ['sourceCi', sourceCiRules],
      ['cloud', cloudRules],
      ['messaging', messagingRules],
      ['monitoringSaas', monitoringSaasRules],
      ['paymentsAiData', paymentsAiDataRules],
    ];
    let asked = 0;
    for (const [name, build] of groups) {
      const rules = counted(build);
      const group = lazyGroup(name, MANIFEST[name] ?? [], rules.build);
      const gated = group.filter((d) => d.gate !== undefined);
      // Texts around each keyword where gates of every kind say yes and no.
      const texts = (k: string): [string, number][] =>
        [`${k} = v`, `${k}_token: "v"`, `${k}${'a1'.repeat(20)}.`, `${k}\n= v`, `x${k}`, `myX${k}`, `${k}${'0'.repeat(70)}:`, ` ${k}${'f'.repeat(40)}`].map(
          (t) => [t, t.indexOf(k) + k.length],
        );
      const answers = gated.map((d) => d.keywords.flatMap((k) => texts(k).map(([t, end]) => d.gate!(t, end))));
      expect(rules.calls(), `${name}: asking its gates built the group`).toBe(0);
      gated.forEach((d, i) => {
        const real = realDetector(d);
        expect(
          d.keywords.flatMap((k) => texts(k).map(([t, end]) => real.gate!(t, end))),
          d.id,
        ).toEqual(answers[i]);
        asked += answers[i]!.length;
      });
    }
    expect(asked).toBeGreaterThan(1000);
  });

  it('a manifest that no longer matches its rules is an error when the group is built, not a rule with unknown keywords', () => {
    const entries = (MANIFEST['cloud'] ?? []).map((e, i) => (i === 0 ? { ...e, keywords: ['not-a-keyword-the-rule-has'] } : e));
    const group = lazyGroup('cloud', entries, cloudRules);
    expect(() => group[0]?.detect(fragment('x'))).toThrow(/rule manifest is stale for the cloud rules/);
  });

  it('every field an entry holds is checked: each one changed makes the group stale', () => {
    const toggle = (e: ManifestEntry, flag: 'keywordsCaseSensitive' | 'gate' | 'fallback' | 'broad' | 'context'): ManifestEntry => {
      const { [flag]: had, ...rest } = e;
      return had === true ? rest : { ...rest, [flag]: true };
    };
    const changes: [string, (e: ManifestEntry) => ManifestEntry][] = [
      ['id', (e) => ({ ...e, id: `${e.id}-x` })],
      ['a keyword more', (e) => ({ ...e, keywords: [...e.keywords, 'zz-extra'] })],
      ['a keyword fewer', (e) => ({ ...e, keywords: e.keywords.slice(1) })],
      ['a gate made otherwise', (e) => ({ ...e, gate: { assignmentWithin: 999 } })],
      ['a keyword in another case', (e) => ({ ...e, keywords: e.keywords.map((k, i) => (i === 0 ? k.toUpperCase() : k)) })],
      ...(['keywordsCaseSensitive', 'gate', 'fallback', 'broad', 'context'] as const).map((f): [string, (e: ManifestEntry) => ManifestEntry] => [
        f,
        (e) => toggle(e, f),
      ]),
    ];
    const cloud = MANIFEST['cloud'] ?? [];
    for (const [what, change] of changes) {
      for (const at of [0, cloud.length - 1]) {
        const entries = cloud.map((e, i) => (i === at ? change(e) : e));
        const group = lazyGroup('cloud', entries, cloudRules);
        expect(() => group[0]?.detect(fragment('x')), `${what} of entry ${at}`).toThrow(/rule manifest is stale for the cloud rules/);
      }
    }
    // The unchanged manifest builds.
    expect(() => lazyGroup('cloud', cloud, cloudRules)[0]?.detect(fragment('x'))).not.toThrow();
  });
});
