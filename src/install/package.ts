import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { KeygateError } from '../errors.js';

/**
 * Where this copy of keygate lives: dist/ (the launcher, bundle and code cache) and the package
 * root above it. The launcher records its directory; a run from elsewhere falls back to the
 * script path.
 */
export function distDir(): string {
  const fromLauncher = (globalThis as { KEYGATE_DIST?: string }).KEYGATE_DIST;
  if (fromLauncher) return fromLauncher;
  const script = process.argv[1];
  if (!script) throw new KeygateError('INTERNAL', 'cannot tell where keygate is installed');
  return dirname(realpathSync(script));
}

export function packageRoot(): string {
  return dirname(distDir());
}

export function keygateVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** The files that make keygate run on their own, with no npx and no network. */
export const DIST_FILES = ['cli.cjs', 'hook.cjs', 'hook.cache', 'keygate.cjs', 'keygate.cache', 'micromatch.cjs'] as const;

/** A package installed beside keygate (npm's flat or nested node_modules). */
export function findPackageDir(name: string, from = packageRoot()): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) break;
  }
  // keygate itself may sit in node_modules: its siblings are packages too.
  const sibling = join(dirname(packageRoot()), name);
  return existsSync(join(sibling, 'package.json')) ? sibling : undefined;
}
