import type micromatchType from 'micromatch';

export type Micromatch = typeof micromatchType;

/**
 * micromatch costs ~10 ms to initialise, paid at every commit if imported eagerly, yet only
 * path entries of .keygate.json need it. The bundler turns this import() into a lazy require
 * of the bundled module.
 */
export async function loadMicromatch(): Promise<Micromatch> {
  const mod = (await import('micromatch')) as unknown as { default?: Micromatch } & Micromatch;
  return mod.default ?? mod;
}
