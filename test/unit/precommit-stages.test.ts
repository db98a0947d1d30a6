import { describe, expect, it } from 'vitest';
import { keygateStages } from '../../src/install/doctor.js';

/** doctor's reading of .pre-commit-config.yaml: at which stages the framework runs keygate (a review: stages: [pre-push] was called "will run"). */
describe('the stages a .pre-commit-config.yaml runs keygate at', () => {
  const hook = (extra: string) =>
    `repos:\n  - repo: local\n    hooks:\n      - id: keygate\n        name: keygate\n        entry: keygate scan --\n        language: system\n${extra}      - id: other\n        stages: [manual]\n`;
  it('no stages: every stage (the default); stages inline, as a list, quoted; default_stages; no keygate hook', () => {
    expect(keygateStages(hook(''))).toBe('all');
    expect(keygateStages(hook('        stages: [pre-push]\n'))).toEqual(['pre-push']);
    expect(keygateStages(hook('        stages: [\'pre-commit\', "pre-push"]\n'))).toEqual(['pre-commit', 'pre-push']);
    expect(keygateStages(hook('        stages:\n          - pre-push\n          - commit\n'))).toEqual(['pre-push', 'commit']);
    expect(keygateStages(`default_stages: [pre-push]\n${hook('')}`)).toEqual(['pre-push']);
    expect(keygateStages(`default_stages: [pre-push]\n${hook('        stages: [pre-commit]\n')}`)).toEqual(['pre-commit']);
    expect(keygateStages('repos:\n  - repo: local\n    hooks:\n      - id: other\n')).toBeUndefined();
  });
});
