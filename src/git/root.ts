import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The work tree root without asking git (no process on the commit path): GIT_WORK_TREE if git
 * set it, else the nearest directory holding .git (a directory, or a file in worktrees and
 * submodules).
 */
export function findRoot(cwd: string): string | undefined {
  const fromEnv = process.env['GIT_WORK_TREE'];
  if (fromEnv) return resolve(cwd, fromEnv);
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
