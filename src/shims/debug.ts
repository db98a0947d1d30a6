/**
 * Stand-in for the `debug` package inside keygate's bundled CLI only (see the build script).
 * simple-git logs through `debug`, which is silent unless DEBUG=simple-git is set; loading it
 * costs ~4 ms at every commit. This keeps its shape — debug(ns), .extend(), .formatters —
 * and logs nothing.
 */
interface Logger {
  (...args: unknown[]): void;
  enabled: boolean;
  namespace: string;
  extend(ns: string): Logger;
}

function debug(namespace: string): Logger {
  const log = (() => undefined) as unknown as Logger;
  log.enabled = false;
  log.namespace = namespace;
  log.extend = (ns: string) => debug(`${namespace}:${ns}`);
  return log;
}

debug.formatters = {} as Record<string, (value: unknown) => string>;
debug.enable = (_namespaces: string): void => undefined;
debug.disable = (): string => '';
debug.enabled = (_namespace: string): boolean => false;

export default debug;
