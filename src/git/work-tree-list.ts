import { lstatSync, readdirSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { runGit } from './git.js';
import { findRoot } from './root.js';

/**
 * The files a work-tree scan reads, as paths relative to `cwd`: what git lists under each
 * directory (tracked, and untracked-not-ignored; with `allFiles`, ignored too), or, for a
 * directory outside any repository, every regular file beneath it. Symbolic links and tracked
 * files deleted from the work tree are not files to read and are passed over; a `.git`
 * directory (a repository's own store) is never walked into.
 */
export async function workTreeFiles(cwd: string, dirs: readonly string[], allFiles: boolean): Promise<string[]> {
  const root = findRoot(cwd);
  const out: string[] = [];
  for (const dir of dirs) {
    const abs = resolve(cwd, dir);
    const inRepo = root !== undefined && !relative(root, abs).startsWith('..');
    const listed = inRepo ? await gitListed(cwd, abs, allFiles) : walked(abs);
    for (const path of listed) out.push(relative(cwd, path).split(sep).join('/'));
  }
  return [...new Set(out)];
}

/** `git ls-files` under one directory, the pathspec literal (a name with `*` or `:` means itself). */
async function gitListed(cwd: string, abs: string, allFiles: boolean): Promise<string[]> {
  const spec = `:(literal)${relative(cwd, abs) || '.'}`;
  const listed = await runGit(cwd, ['ls-files', '-z', '--cached', '--others', ...(allFiles ? [] : ['--exclude-standard']), '--', spec]);
  return listed
    .split('\0')
    .filter(Boolean)
    .map((p) => resolve(cwd, p))
    .filter((p) => lstatSync(p, { throwIfNoEntry: false })?.isFile() === true);
}

/** Every regular file beneath a directory, in name order (no links followed, no .git entered). */
function walked(dir: string): string[] {
  const files: string[] = [];
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isFile()) files.push(path);
    else if (entry.isDirectory() && entry.name !== '.git') files.push(...walked(path));
  }
  return files;
}
