import { requireBuiltin } from '../builtins.js';
import { KeygateError } from '../errors.js';

/**
 * A team's own regex, run under a time bound. A static check (src/config/regex-risk.ts) refuses
 * the known exponential shapes when the config is loaded, but no check sees everything, and a
 * regex that runs synchronously cannot be stopped by a timer on the same thread: V8 can stop
 * one only inside a vm script run with a timeout. Only user regexes pay for this (~50 µs a
 * call, once per fragment where a keyword of theirs occurs); the built-in ones are checked by
 * the test suite.
 */
export const USER_REGEX_BUDGET_MS = 1000;

type Vm = typeof import('node:vm');
/** One context for every call (making one costs about a millisecond): its globals are the inputs. */
let sandbox:
  | { vm: Vm; context: import('node:vm').Context; loop: import('node:vm').Script; test: import('node:vm').Script; inputs: { re?: RegExp; text?: string } }
  | undefined;

function bounded(): NonNullable<typeof sandbox> {
  if (sandbox === undefined) {
    const vm = requireBuiltin<Vm>('node:vm');
    const inputs: { re?: RegExp; text?: string } = {};
    sandbox = { vm, inputs, context: vm.createContext(inputs), loop: new vm.Script(LOOP), test: new vm.Script('re.lastIndex = 0, re.test(text)') };
  }
  return sandbox;
}

const LOOP = `(() => {
  const out = [];
  re.lastIndex = 0;
  let m;
  while ((m = re.exec(text)) !== null) {
    const span = m.indices && m.indices.groups ? m.indices.groups.secret : undefined;
    if (span !== undefined && m.groups.secret !== undefined) out.push(span[0], span[1]);
    if (m[0].length === 0) re.lastIndex++;
  }
  return out;
})()`;

/**
 * Every match of `re` (flags d and g, a `secret` group) in `text`, as [start, end] of the
 * secret, or a KeygateError naming `what` when it takes longer than the budget.
 */
export function boundedMatches(re: RegExp, text: string, what: string, budgetMs = USER_REGEX_BUDGET_MS): [number, number][] {
  const box = bounded();
  box.context['re'] = re;
  box.context['text'] = text;
  let flat: number[];
  try {
    flat = box.loop.runInContext(box.context, { timeout: budgetMs }) as number[];
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new KeygateError('CONFIG', `${what} took over ${budgetMs / 1000} s on one piece of text: it backtracks without end on some input`, {
        hint: 'the commit is blocked; simplify that regex in .keygate.json (no repeat inside a repeat), or bypass once with git commit --no-verify',
      });
    }
    throw error;
  }
  const out: [number, number][] = [];
  for (let k = 0; k < flat.length; k += 2) out.push([flat[k] as number, flat[k + 1] as number]);
  return out;
}

/** Whether `re` matches `text`, under the same bound. */
export function boundedTest(re: RegExp, text: string, what: string, budgetMs = USER_REGEX_BUDGET_MS): boolean {
  const box = bounded();
  box.context['re'] = re;
  box.context['text'] = text;
  try {
    return box.test.runInContext(box.context, { timeout: budgetMs }) as boolean;
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
      throw new KeygateError('CONFIG', `${what} took over ${budgetMs / 1000} s on one value: it backtracks without end on some input`, {
        hint: 'the commit is blocked; simplify that pattern in .keygate.json, or bypass once with git commit --no-verify',
      });
    }
    throw error;
  }
}
