import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { KeygateError } from '../errors.js';
import type { Undo } from './actions.js';

/**
 * Sets husky up in the repository the way `npx husky` does (core.hooksPath = .husky/_ and its
 * .husky/_ directory), with the husky that ships beside keygate: no download. For husky 5-8,
 * the repository's own husky runs (`husky install`: core.hooksPath = .husky).
 */
export function runHusky(root: string, huskyDir: string | undefined, args: string[] = [], bin = 'bin.js'): Undo[] {
  if (huskyDir === undefined) {
    throw new KeygateError('INSTALL', 'husky is not installed beside keygate', { hint: 'reinstall keygate, or run npx husky yourself' });
  }
  const r = spawnSync(process.execPath, [join(huskyDir, bin), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, HUSKY: '' },
  });
  if (r.status !== 0 || /not allowed|can't be found|command not found/.test(r.stdout + r.stderr)) {
    throw new KeygateError('INSTALL', `husky could not set up the hooks: ${(r.stdout + r.stderr).trim() || `exit ${r.status}`}`);
  }
  return [
    { kind: 'git-config-unset', key: 'core.hooksPath', root },
    { kind: 'remove-dir', path: join(root, '.husky', '_') },
  ];
}
