import { existsSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { bundleDir } from '../bundle.js';
import { KeygateError } from '../errors.js';

/**
 * Where this copy of keygate lives: dist/ (the launcher, bundle and code cache) and the package
 * root above it; run from the sources (tests), the script's directory.
 */
export function distDir(): string {
  const bundled = bundleDir();
  if (bundled !== undefined) return bundled;
  const script = process.argv[1];
  if (!script) throw new KeygateError('INTERNAL', 'cannot tell where keygate is installed');
  return dirname(realpathSync(script));
}

/**
 * package.json's version, written into the code by scripts/build.mjs (and vitest.config.ts for
 * the sources): every copy of keygate knows it, a hook's copy too, which has no package.json.
 */
declare const KEYGATE_VERSION: string;

export function keygateVersion(): string {
  return KEYGATE_VERSION;
}

/** The files that make keygate run on their own, with no npx and no network. */
export const DIST_FILES = ['cli.cjs', 'hook.cjs', 'hook.cache', 'keygate.cjs', 'keygate.cache', 'keywords.bin', 'micromatch.cjs', 'shard-worker.cjs'] as const;

/**
 * husky as shipped inside keygate's package (dist/husky/, copied from the pinned husky at
 * build time): keygate has no runtime dependencies, so installing it never changes which
 * husky a repository uses. Absent in a hook's own copy of keygate.
 */
export function shippedHuskyDir(): string | undefined {
  const dir = join(distDir(), 'husky');
  return existsSync(join(dir, 'bin.js')) ? dir : undefined;
}
