import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { KeygateError } from '../errors.js';

/**
 * The repository's own package manager, told by its lock file. Adding a dependency by editing
 * package.json alone leaves the lock file behind, and the next `npm ci` (a teammate's, CI's)
 * fails "package.json and package-lock.json are not in sync": so where there is a lock file,
 * keygate adds itself (and husky) through the package manager that owns it.
 */
export interface PackageManager {
  name: 'npm' | 'pnpm' | 'yarn' | 'bun';
  lockFile: string;
  add(specs: readonly string[]): string[];
  remove(names: readonly string[]): string[];
}

const MANAGERS: { lock: string; pm: PackageManager['name'] }[] = [
  { lock: 'package-lock.json', pm: 'npm' },
  { lock: 'npm-shrinkwrap.json', pm: 'npm' },
  { lock: 'pnpm-lock.yaml', pm: 'pnpm' },
  { lock: 'yarn.lock', pm: 'yarn' },
  { lock: 'bun.lock', pm: 'bun' },
  { lock: 'bun.lockb', pm: 'bun' },
];

const ADD: Record<PackageManager['name'], (specs: readonly string[]) => string[]> = {
  npm: (s) => ['install', '--save-dev', '--no-audit', '--no-fund', ...s],
  pnpm: (s) => ['add', '--save-dev', ...s],
  yarn: (s) => ['add', '--dev', ...s],
  bun: (s) => ['add', '--dev', ...s],
};
const REMOVE: Record<PackageManager['name'], (names: readonly string[]) => string[]> = {
  npm: (n) => ['uninstall', '--no-audit', '--no-fund', ...n],
  pnpm: (n) => ['remove', ...n],
  yarn: (n) => ['remove', ...n],
  bun: (n) => ['remove', ...n],
};

/** The package manager whose lock file the repository has, if it has one. */
export function packageManagerOf(root: string): PackageManager | undefined {
  const found = MANAGERS.find((m) => existsSync(join(root, m.lock)));
  if (found === undefined) return undefined;
  return {
    name: found.pm,
    lockFile: found.lock,
    add: (specs) => ADD[found.pm](specs),
    remove: (names) => REMOVE[found.pm](names),
  };
}

export function commandLine(pm: PackageManager, args: readonly string[]): string {
  return [pm.name, ...args].join(' ');
}

/**
 * Runs the package manager in the repository. On any failure package.json and the lock file
 * are put back as they were, and the error says the exact command to run by hand.
 */
export function runPackageManager(root: string, pm: PackageManager, args: readonly string[], then: string): void {
  const files = ['package.json', pm.lockFile].map((f) => join(root, f));
  const backups = files.map((f) => `${f}.keygate-backup`);
  files.forEach((f, i) => existsSync(f) && copyFileSync(f, backups[i] as string));
  const r = spawnSync(pm.name, args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const failed = r.error !== undefined || r.status !== 0;
  if (failed) files.forEach((f, i) => existsSync(backups[i] as string) && copyFileSync(backups[i] as string, f));
  backups.forEach((b) => rmSync(b, { force: true }));
  if (!failed) return;
  const lines = (r.stderr || r.stdout || '')
    .trim()
    .split('\n')
    .filter((l) => l.trim() !== '');
  // The line that says why (npm ends with where its log is: a newcomer's trial got only that).
  const telling =
    lines.find((l) => /not found|no matching version|\b(?:ENOTFOUND|EAI_AGAIN|ECONNREFUSED)\b/i.test(l)) ??
    lines.find((l) => /\b(?:E404|ETARGET|ENOVERSIONS|ERR_PNPM_\w+)\b/.test(l)) ??
    lines.at(-1);
  const notOnRegistry = lines.some((l) => /\bE404\b|404 Not Found|ERR_PNPM_FETCH_404|ENOVERSIONS|no matching version/i.test(l));
  const why =
    (r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT' ? `${pm.name} is not on PATH` : `${pm.name} failed: ${telling ?? `exit ${r.status}`}`;
  throw new KeygateError('INSTALL', `this repository's lock file is ${pm.lockFile}, and keygate could not add itself through ${pm.name} (${why})`, {
    hint: notOnRegistry
      ? `package.json and ${pm.lockFile} are as they were; the registry has no such package or version: install keygate from a tarball or a git URL with --from (README: until keygate is on the npm registry)`
      : `package.json and ${pm.lockFile} are as they were; run ${commandLine(pm, args)}, then ${then}`,
  });
}
