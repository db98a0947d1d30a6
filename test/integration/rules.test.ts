import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DETECTORS } from '../../src/detectors/index.js';
import { CLI, ROOT } from '../helpers/repo.js';

/** keygate rules, run as users run it (the built CLI), against the detectors it lists. */
function rules(...args: string[]) {
  const r = spawnSync(process.execPath, [CLI, 'rules', ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface RuleInfo {
  id: string;
  category: string;
  description: string;
  confidence: string;
  validates: boolean;
  keywords: string[];
}

describe('keygate rules', () => {
  const json = JSON.parse(rules('--format', 'json').stdout) as { version: number; rules: RuleInfo[] };

  it('lists every built-in rule id once, in reporting order, each with what it finds', () => {
    const ids = [...new Set(DETECTORS.map((d) => d.id))];
    expect(json.version).toBe(1);
    expect(json.rules.map((r) => r.id)).toEqual(ids);
    for (const r of json.rules) {
      expect(r.description.length, r.id).toBeGreaterThan(5);
      expect(['high', 'medium', 'low']).toContain(r.confidence);
      expect(typeof r.validates).toBe('boolean');
      expect(r.category.length).toBeGreaterThan(2);
    }
    // A rule served by several detectors (generic-secret's shapes) shows their keywords together.
    const generic = json.rules.find((r) => r.id === 'generic-secret')!;
    for (const d of DETECTORS.filter((x) => x.id === 'generic-secret')) for (const k of d.keywords) expect(generic.keywords).toContain(k);
  });

  it('says which rules validate a checksum or structure', () => {
    expect(json.rules.find((r) => r.id === 'github-token')?.validates).toBe(true);
    expect(json.rules.find((r) => r.id === 'generic-secret')?.validates).toBe(false);
  });

  it('text: one entry per rule under its category; named rules only; an unknown id is refused without echoing a secret-like word', () => {
    const all = rules();
    expect(all.status).toBe(0);
    for (const r of json.rules) expect(all.stdout).toContain(`  ${r.id} `);
    const one = rules('aws-access-key-id', 'jwt');
    expect(one.stdout).toMatch(/^keygate: 2 built-in rules/);
    expect(one.stdout).toContain('AWS access key ID');
    const typo = rules('aws-acess-key-id');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toContain('did you mean aws-access-key-id?');
    const pasted = rules('q7lm2pzx9ab4kd8sf3ty');
    expect(pasted.status).toBe(2);
    expect(pasted.stderr).not.toContain('q7lm2pzx9ab4kd8sf3ty');
  });

  it('docs/rules.md is what keygate rules --format markdown prints (regenerate it with that command)', () => {
    expect(readFileSync(join(ROOT, 'docs/rules.md'), 'utf8')).toBe(rules('--format', 'markdown').stdout);
  });

  it('keygate --help points to it', () => {
    const help = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    expect(help.stdout).toMatch(/^\s+rules\s+List the built-in rules/m);
  });
});
