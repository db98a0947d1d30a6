import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { KeygateError } from '../errors.js';

/**
 * Options, then file names: `keygate scan [options] [--] <file>...`. The pre-commit framework
 * appends whatever files are staged to the hook's entry, and a file may be called `-h` or
 * `--format=json`: read as an option, it would print help and pass, or go unscanned. So
 * everything after `--` is a file; before it, options end at the first file name, an option
 * after a file name is refused, and, where no `--` was given, so is an option that is also a
 * file here.
 */
export function splitOptionsAndFiles(args: readonly string[], cwd: string): { options: string[]; files: string[] } {
  const dd = args.indexOf('--');
  const head = dd === -1 ? [...args] : args.slice(0, dd);
  const afterDashes = dd === -1 ? [] : args.slice(dd + 1);
  const firstFile = head.findIndex((a, i) => !a.startsWith('-') && !isOptionValue(head, i));
  const options = firstFile === -1 ? head : head.slice(0, firstFile);
  const named = firstFile === -1 ? [] : head.slice(firstFile);
  const late = named.find((a) => a.startsWith('-'));
  if (late !== undefined) {
    throw new KeygateError('USAGE', `"${late}" comes after a file name: options go first`, {
      hint: 'write keygate scan [options] -- <file>...; everything after -- is a file',
    });
  }
  // With --, what comes before it was written as options: only without it can one be a file.
  for (const o of dd === -1 ? options : []) {
    const name = o.split('=')[0] as string;
    if (existsSync(isAbsolute(o) ? o : join(cwd, o)) || (name !== o && existsSync(join(cwd, name)))) {
      throw new KeygateError('USAGE', `"${o}" is both an option and a file here, so it is not clear which is meant`, {
        hint: 'put -- before the file names: keygate scan [options] -- <file>...',
      });
    }
  }
  return { options, files: [...named, ...afterDashes] };
}

/** Options that take a value in the next argument (`--format json`). */
const WITH_VALUE = new Set(['--format']);

function isOptionValue(head: readonly string[], i: number): boolean {
  return i > 0 && WITH_VALUE.has(head[i - 1] as string);
}
