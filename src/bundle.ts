/**
 * Where the running bundle is: dist/, beside its launcher, its siblings (the worker script,
 * micromatch) and the husky it ships. The launcher runs a bundle with dist/ as its __dirname;
 * KEYGATE_BUNDLE is true in the bundles (scripts/build.mjs) and false in the sources, which the
 * tests run (vitest gives every source file a __dirname of its own folder: not dist/).
 */
declare const KEYGATE_BUNDLE: boolean;

export function bundleDir(): string | undefined {
  // typeof: the benchmarks bundle the sources with no such definition.
  return typeof KEYGATE_BUNDLE === 'boolean' && KEYGATE_BUNDLE ? __dirname : undefined;
}
