import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { parseArgs } from 'node:util';
import { closestMatch } from '../config/rule-ids.js';
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
  // A file named -- beside a single --: which one is the separator? (The shipped entry, scan
  // --no-color --, puts its own first, so a file named -- arrives after it.)
  if (dd !== -1 && args.indexOf('--', dd + 1) === -1 && existsSync(join(cwd, '--'))) {
    throw new KeygateError('USAGE', 'a file named -- is here, and one -- was given: it is not clear whether it is a file', {
      hint: 'end the options with -- before any file names: keygate scan [options] -- <file>...',
    });
  }
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
  // Nor in a scan of the index or of commits, which takes no file names: there `--staged` is
  // the option even where a file of that name sits in the repository (one added in a pull
  // request would otherwise block every commit of everyone who has the hook).
  const takesNoFiles = options.some((o) => NO_FILES.has(o.split('=')[0] as string));
  for (const o of dd === -1 && !takesNoFiles ? options : []) {
    const name = o.split('=')[0] as string;
    if (existsSync(isAbsolute(o) ? o : join(cwd, o)) || (name !== o && existsSync(join(cwd, name)))) {
      throw new KeygateError('USAGE', `"${o}" is both an option and a file here, so it is not clear which is meant`, {
        hint: 'put -- before the file names: keygate scan [options] -- <file>...',
      });
    }
  }
  return { options, files: [...named, ...afterDashes] };
}

/** Scan modes that take no file names (the staged index, history, a range of commits). */
const NO_FILES = new Set(['--staged', '--history', '--range']);

/** Options that take a value in the next argument (`--format json`). */
const WITH_VALUE = new Set(['--format']);

function isOptionValue(head: readonly string[], i: number): boolean {
  return i > 0 && WITH_VALUE.has(head[i - 1] as string);
}

type OptionSpec = Record<string, { type: 'boolean' | 'string'; short?: string; default?: string | boolean; multiple?: boolean }>;

/**
 * node:util's parseArgs, with mistakes said in keygate's words: an unknown option with the
 * option it probably meant (`--stagged`: did you mean --staged?), never Node's advice about
 * positionals; an option missing its value; arguments where a command takes none.
 */
export function parseOptions<T extends OptionSpec>(command: string, args: string[], options: T, positionals = true) {
  try {
    return parseArgs({ args, options, allowPositionals: positionals, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw error;
    const hint = `see keygate ${command} --help`;
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const given = /'(-[^']*)'/.exec((error as Error).message)?.[1] ?? '';
      const known = Object.keys(options).map((o) => `--${o}`);
      const near = closestMatch(given.replace(/=.*$/, ''), known);
      throw new KeygateError('USAGE', `unknown option ${given} for keygate ${command}${near !== undefined ? ` (did you mean ${near}?)` : ''}`, { hint });
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const name = /--?([\w-]+)/.exec((error as Error).message)?.[1] ?? '';
      throw new KeygateError('USAGE', `option --${name} of keygate ${command} needs a value`, { hint });
    }
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
      const given = /'([^']*)'/.exec((error as Error).message)?.[1] ?? '';
      throw new KeygateError('USAGE', `keygate ${command} takes no arguments, but was given "${given}"`, { hint });
    }
    throw new KeygateError('USAGE', `keygate ${command}: ${(error as Error).message.split('\n')[0]}`, { hint });
  }
}
