import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Loads a Node.js builtin when first needed, not at start-up (each costs milliseconds at every
 * commit). A require made on the spot, because dynamic import() is unavailable inside the
 * code-cached vm.Script the launcher runs; a builtin resolves from any base path.
 */
export function requireBuiltin<T>(id: `node:${string}`): T {
  return createRequire(join(process.cwd(), 'keygate.js'))(id) as T;
}
