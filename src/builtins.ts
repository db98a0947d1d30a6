type Loader = (id: string) => unknown;

/**
 * Loads a Node.js builtin when first needed, not at start-up (each costs milliseconds at every
 * commit). process.getBuiltinModule (Node >= 20.16) needs nothing else loaded (node:module
 * took ~1 ms at every commit); on older Node the bundle's own CommonJS require does it.
 */
export function requireBuiltin<T>(id: `node:${string}`): T {
  const load = (process as { getBuiltinModule?: Loader }).getBuiltinModule ?? (typeof require === 'function' ? require : undefined);
  if (load === undefined) throw new Error(`cannot load ${id}: no process.getBuiltinModule and no require`);
  return load(id) as T;
}
