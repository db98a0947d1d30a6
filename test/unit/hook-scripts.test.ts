import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { huskyBlock, plainBlock, plainHook } from '../../src/install/hook-scripts.js';
import { hookNoNode, hookNotFound } from '../../src/messages.js';
import { HOOKS } from '../helpers/repo.js';

/**
 * The shell keygate writes (hooks/templates/, filled by src/install/hook-scripts.ts) and the
 * hook it ships (hooks/pre-commit): every one parses in every shell a hook may run under, has
 * no place left unfilled, and says the same two things when keygate or node is missing.
 */
const SCRIPTS: [string, string][] = (['pre-commit', 'pre-push'] as const).flatMap((hook) => [
  [`plain ${hook} hook`, plainHook(hook)],
  [`${hook} block in an existing hook`, `#!/bin/sh\n${plainBlock(hook)}\necho rest\n`],
  [`husky ${hook} block`, `${huskyBlock(hook)}\n`],
]);
SCRIPTS.push(['hooks/pre-commit', readFileSync(join(HOOKS, 'pre-commit'), 'utf8')]);
const SHELLS = ['sh', 'dash', 'bash'].filter((s) => spawnSync(s, ['-c', 'true']).status === 0);
const SHELLCHECK = spawnSync('shellcheck', ['--version']).status === 0;

describe('hook scripts', () => {
  it.each(SCRIPTS)('%s parses in sh, dash and bash (-n)', (_name, script) => {
    expect(SHELLS.length).toBeGreaterThan(0);
    for (const shell of SHELLS) {
      const r = spawnSync(shell, ['-n'], { input: script, encoding: 'utf8' });
      expect(r.status, `${shell}: ${r.stderr}`).toBe(0);
    }
    expect(script).not.toMatch(/@[A-Z_]+@/);
  });

  // .ci/run installs shellcheck from Debian's packages where a machine lacks it.
  it.skipIf(!SHELLCHECK).each(SCRIPTS)(`%s passes shellcheck -s sh${SHELLCHECK ? '' : ' (skipped: shellcheck is not installed)'}`, (_name, script) => {
    const r = spawnSync('shellcheck', ['-s', 'sh', '-'], { input: script, encoding: 'utf8' });
    expect(r.status, r.stdout).toBe(0);
  });

  it.each(SCRIPTS)('%s blocks with the one message when keygate is missing', (_name, script) => {
    const what = /pre-push/.test(_name) ? 'push' : 'commit';
    expect(script).toContain(hookNotFound(what));
    if (!/husky/.test(_name)) expect(script).toContain(hookNoNode(what));
  });
});

describe('keygateCommand: the command messages tell the user to run', () => {
  it('is npx keygate where keygate is a package, and node with the copy where the plain hook runs its own', async () => {
    const { keygateCommand } = await import('../../src/messages.js');
    expect(keygateCommand('/repo/node_modules/keygate/dist/cli.cjs', '/repo')).toBe('npx keygate');
    expect(keygateCommand('/work/main/dist/cli.cjs', '/work/main')).toBe('npx keygate');
    expect(keygateCommand('/repo/.git/hooks/keygate/dist/cli.cjs', '/repo')).toBe('node .git/hooks/keygate/dist/cli.cjs');
    expect(keygateCommand('/main/.git/hooks/keygate/dist/cli.cjs', '/wt')).toBe('node /main/.git/hooks/keygate/dist/cli.cjs');
    expect(keygateCommand('/my repo/.git/hooks/keygate/dist/cli.cjs', '/elsewhere')).toBe("node '/my repo/.git/hooks/keygate/dist/cli.cjs'");
  });
});
