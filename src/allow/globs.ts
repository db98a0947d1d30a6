import type micromatchType from 'micromatch';

export type Micromatch = typeof micromatchType;

/**
 * micromatch costs ~10 ms to initialise, paid at every commit if imported eagerly, yet only
 * path entries of .keygate.json need it. The build turns this import() into a lazy require of
 * dist/micromatch.cjs, a file of its own (scripts/build.mjs): the hook bundle is a third
 * smaller without it.
 */
export async function loadMicromatch(): Promise<Micromatch> {
  const mod = (await import('micromatch')) as unknown as { default?: Micromatch } & Micromatch;
  return mod.default ?? mod;
}

/** Whether a path is under an allow entry's glob: one judgement for the allow stage and for moves out of allowed paths. */
export function pathMatcher(micromatch: Micromatch, glob: string): (path: string) => boolean {
  return micromatch.matcher(glob, { dot: true });
}
