import { existsSync, lstatSync } from 'node:fs';
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

/**
 * A file's size in the work tree, for choices of how to read (never what is scanned): 0 when
 * it is missing or cannot be looked at (a loop of links above it, a directory it may not
 * search). Whatever the work tree is now, what is scanned is read from git or checked against it.
 */
export function sizeOnDisk(path: string): number {
  try {
    return lstatSync(path, { throwIfNoEntry: false })?.size ?? 0;
  } catch {
    return 0;
  }
}
