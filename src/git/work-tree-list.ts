import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { KeygateError } from '../errors.js';
import { runGit } from './git.js';
import { findRoot } from './root.js';

/**
 * The files a work-tree scan reads, as paths relative to `cwd`: what git lists under each
 * directory (tracked, and untracked-not-ignored; with `allFiles`, ignored too), asked of the
 * repository the directory is in (a submodule or a nested clone named here answers for
 * itself; a tracked path that is now a FIFO or a device is an error, not passed over), or,
 * for a directory outside any repository, every regular file beneath it. A
 * repository met inside a directory (a submodule, a clone in a folder of clones) is listed by
 * its own git, the same way. Symbolic links and tracked files deleted from the work tree are
 * not files to read and are passed over; a `.git` directory (a repository's store) is never
 * entered. Each path once, in the order found.
 */
export async function workTreeFiles(cwd: string, dirs: readonly string[], allFiles: boolean): Promise<string[]> {
  const out = new Set<string>();
  // Real paths on both sides: a directory named through a link (a logical $PWD/src) is the
  // same directory, listed and shown the same way.
  const here = realOf('.', cwd);
  for (const dir of dirs) {
    const real = realOf(dir, resolve(cwd, dir));
    const root = findRoot(real);
    const files = root !== undefined && inside(real, root) ? await gitListed(real, allFiles) : await walked(dir, real, allFiles);
    for (const path of files) out.add(relative(here, join(real, path)).split(sep).join('/'));
  }
  return [...out];
}

function realOf(given: string, abs: string): string {
  try {
    return realpathSync(abs);
  } catch (error) {
    throw cannotRead(given, error);
  }
}

/** A path the user named (or one under it) that cannot be read: a usage error naming it. */
function cannotRead(given: string, error: unknown): KeygateError {
  return new KeygateError('USAGE', `${given}: cannot read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
}

/** Whether `path` is `root` or under it (both made real). */
function inside(path: string, root: string): boolean {
  const rel = relative(realpathSync(root), path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** A directory that is a repository's top (its .git a directory, or a file: a submodule, a worktree). */
function isRepositoryTop(dir: string): boolean {
  return lstatSync(join(dir, '.git'), { throwIfNoEntry: false }) !== undefined;
}

/** `git ls-files` of one directory (relative paths), asked there, so that it is the directory's own repository that answers. */
async function gitListed(dir: string, allFiles: boolean): Promise<string[]> {
  const listed = await runGit(dir, ['ls-files', '-z', '--cached', '--others', ...(allFiles ? [] : ['--exclude-standard']), '--', '.']);
  const files: string[] = [];
  for (const entry of new Set(listed.split('\0').filter(Boolean))) {
    const path = entry.replace(/\/$/, '');
    const st = lstatSync(join(dir, path), { throwIfNoEntry: false });
    if (st?.isFile() === true) files.push(path);
    // A submodule (a gitlink, tracked) or an untracked clone (listed as "dir/"): its own git lists it.
    else if (st?.isDirectory() === true && isRepositoryTop(join(dir, path)))
      files.push(...(await gitListed(join(dir, path), allFiles)).map((p) => `${path}/${p}`));
    // A FIFO, socket or device where git tracks a file: handed on, so that reading it fails the
    // scan with its name (as naming it does), rather than passing over it without a word.
    else if (st !== undefined && !st.isSymbolicLink() && !st.isDirectory()) files.push(path);
  }
  return files;
}

/** Every regular file beneath a directory outside any repository, in name order (no links followed); a repository inside is listed by its git. */
async function walked(given: string, dir: string, allFiles: boolean): Promise<string[]> {
  const files: string[] = [];
  const walk = async (at: string, prefix: string): Promise<void> => {
    let entries;
    try {
      entries = readdirSync(at, { withFileTypes: true });
    } catch (error) {
      throw cannotRead(prefix === '' ? given : `${given}/${prefix.slice(0, -1)}`, error);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(at, entry.name);
      if (entry.isFile()) files.push(prefix + entry.name);
      else if (!entry.isDirectory() || entry.name === '.git') continue;
      else if (isRepositoryTop(path)) files.push(...(await gitListed(path, allFiles)).map((p) => `${prefix}${entry.name}/${p}`));
      else await walk(path, `${prefix}${entry.name}/`);
    }
  };
  await walk(dir, '');
  return files;
}
