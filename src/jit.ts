import { requireBuiltin } from './builtins.js';

/**
 * V8's optimising compiler, tuned for a large scan (a change, tree or history big enough to
 * shard: ShardRunner.parts).
 *
 * Why: a scan's hot functions are optimised again and again as their inputs change shape, and
 * with V8's default inlining budget each of those compiles is large. On the 168 MB real-code
 * change that compiling took ~1.3 s of CPU on V8's helper threads beside ~3.3 s on the main
 * thread (read from /proc/self/task), and with two scanning threads it is paid twice, by each
 * isolate, on the same two cores. A smaller cumulative inlining budget (V8's default is 920
 * bytes of bytecode per function) cut the process's CPU time by 7-18% and the wall time by
 * 6-16% on that change, in interleaved runs (see README, Benchmark), with the same findings.
 *
 * Set at run time (node:v8 costs ~4 ms to load, so a commit never asks for it), before the
 * workers start: V8's flags are the process's, so they apply to every thread. A user who set
 * the flag themselves (NODE_OPTIONS or node's own arguments) keeps theirs.
 */
export const INLINING_FLAG = '--max-inlined-bytecode-size-cumulative';
export const INLINING_BUDGET = 150;

let tuned = false;

/** What tuneForLargeScan did: set the budget, left the user's own, or had done it already. */
export type Tuning = 'set' | 'user' | 'already';

export function tuneForLargeScan(execArgv: readonly string[] = process.execArgv, nodeOptions = process.env['NODE_OPTIONS'] ?? ''): Tuning {
  if (tuned) return 'already';
  tuned = true;
  if (userSetInlining(execArgv, nodeOptions)) return 'user';
  const { setFlagsFromString } = requireBuiltin<typeof import('node:v8')>('node:v8');
  setFlagsFromString(`${INLINING_FLAG}=${INLINING_BUDGET}`);
  return 'set';
}

/** Whether node's arguments or NODE_OPTIONS name the flag (V8 reads `_` and `-` alike). */
export function userSetInlining(execArgv: readonly string[], nodeOptions: string): boolean {
  const name = INLINING_FLAG.slice(2).replace(/-/g, '[-_]');
  const pattern = new RegExp(`(?:^|\\s)--${name}(?:=|\\s|$)`);
  return [...execArgv, nodeOptions].some((arg) => pattern.test(arg));
}
