import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { KeygateError } from '../errors.js';
import { runGit } from '../git/git.js';

/** What install, uninstall and doctor need to know about the repository, from git itself. */
export interface RepoFacts {
  root: string;
  /** The directory shared by all worktrees (.git, or .git/modules/x for a submodule). */
  commonDir: string;
  /** Where git looks for hooks: core.hooksPath honoured, worktrees and submodules resolved. */
  hooksDir: string;
  /** core.hooksPath and the config file that sets it, if set. */
  hooksPath?: { value: string; origin: string; scope: string };
}

export async function repoFacts(cwd: string): Promise<RepoFacts> {
  const bare = await runGit(cwd, ['rev-parse', '--is-bare-repository']);
  if (bare.trim() === 'true') throw bareError();
  const inside = await runGit(cwd, ['rev-parse', '--is-inside-work-tree']);
  if (inside.trim() !== 'true') throw bareError();
  const root = (await runGit(cwd, ['rev-parse', '--show-toplevel'])).trim();
  // From the root: a relative core.hooksPath is relative to where hooks run, the root.
  const [common, hooks] = (await runGit(root, ['rev-parse', '--git-common-dir', '--git-path', 'hooks'])).trim().split('\n');
  if (common === undefined || hooks === undefined) throw new KeygateError('GIT_FAILED', 'git rev-parse gave no hooks path');
  const facts: RepoFacts = {
    root,
    commonDir: isAbsolute(common) ? common : resolve(root, common),
    hooksDir: isAbsolute(hooks) ? hooks : resolve(root, hooks),
  };
  const origin = await runGit(root, ['config', '--show-origin', '--show-scope', '--get', 'core.hooksPath']).catch(() => '');
  const m = /^(\S+)\s+(\S+)\s+(.*)$/.exec(origin.trim());
  if (m) facts.hooksPath = { scope: m[1] as string, origin: (m[2] as string).replace(/^file:/, ''), value: m[3] as string };
  return facts;
}

function bareError(): KeygateError {
  return new KeygateError('NOT_A_REPO', 'this is a bare repository: commits are not made here, so there is nothing to guard', {
    hint: 'run keygate install in a clone with a work tree',
  });
}

export interface PackageJson {
  file: string;
  text: string;
  data: Record<string, unknown> & {
    devDependencies?: Record<string, string>;
    dependencies?: Record<string, string>;
    scripts?: Record<string, string>;
  };
  indent: string;
}

/** The repository's package.json, if any; invalid JSON is an error that changes nothing. */
export function readPackageJson(root: string): PackageJson | undefined {
  const file = join(root, 'package.json');
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8');
  let data: PackageJson['data'];
  try {
    data = JSON.parse(text) as PackageJson['data'];
  } catch (error) {
    throw new KeygateError('CONFIG', `package.json is not valid JSON: ${(error as Error).message}`, {
      hint: 'fix package.json first; nothing was changed',
    });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new KeygateError('CONFIG', 'package.json is not a JSON object', { hint: 'fix package.json first; nothing was changed' });
  }
  const indent = /^[ \t]+(?=")/m.exec(text)?.[0] ?? '  ';
  return { file, text, data, indent };
}

export function huskyVersion(pkg: PackageJson | undefined): string | undefined {
  return pkg?.data.devDependencies?.['husky'] ?? pkg?.data.dependencies?.['husky'];
}

/** The major version a range like ^9.1.7 or ~8.0.0 asks for, if it can be read. */
export function majorOf(range: string): number | undefined {
  const m = /(\d+)(?:\.\d+)?/.exec(range);
  return m ? Number(m[1]) : undefined;
}
