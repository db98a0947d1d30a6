/**
 * argv -> command -> Report -> exit code. The only module that touches process.*.
 * Exit codes: 0 clean, 1 findings (commit blocked), 2 error (commit blocked: fail closed).
 */
import pc from 'picocolors';
import { allowCommand } from './commands/allow.js';
import { allowlistCommand } from './commands/allowlist.js';
import { EXIT_CLEAN, EXIT_ERROR, type Io } from './commands/io.js';
import { doctorCommand, installCommand, uninstallCommand } from './commands/install.js';
import { reviewCommand } from './commands/review.js';
import { keygateVersion } from './install/package.js';
import { scanCommand } from './commands/scan.js';
import { requireBuiltin } from './builtins.js';
import { KeygateError } from './errors.js';
import { errorLine, FAIL_CLOSED_HINT, USAGE } from './messages.js';


function colorsEnabled(noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  const noColor = process.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return process.stdout.isTTY === true;
}

/** KEYGATE_FAST_PATH_BYTES tunes when added files are read with git cat-file (0: always). */
function fastPathOption(): { fastPathBytes?: number } {
  const raw = process.env['KEYGATE_FAST_PATH_BYTES'];
  if (raw === undefined || raw === '') return {};
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw new KeygateError('USAGE', `KEYGATE_FAST_PATH_BYTES must be a whole number of bytes, not "${raw}"`);
  }
  return { fastPathBytes: n };
}

function io(argv: string[]): Io {
  const noColor = argv.includes('--no-color');
  return {
    cwd: process.cwd(),
    out: (text) => void process.stdout.write(text),
    colors: pc.createColors(colorsEnabled(noColor)),
    now: () => new Date(),
    today: () => new Date().toISOString().slice(0, 10),
    ...(process.stdin.isTTY ? { ask } : {}),
  };
}

function ask(question: string): Promise<string | undefined> {
  const { createInterface } = requireBuiltin<typeof import('node:readline')>('node:readline');
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  return new Promise((resolve) => {
    rl.on('close', () => resolve(undefined));
    rl.question(question, (answer) => {
      rl.removeAllListeners('close');
      rl.close();
      resolve(answer);
    });
  });
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'scan':
      return scanCommand(rest, io(rest), fastPathOption().fastPathBytes);
    case 'hook':
      return scanCommand(['--staged', ...rest], io(rest), fastPathOption().fastPathBytes);
    case 'allow':
      return allowCommand(rest, io(rest));
    case 'allowlist':
      return allowlistCommand(rest, io(rest));
    case 'review':
      return reviewCommand(rest, io(rest));
    case 'install':
      return installCommand(rest, io(rest));
    case 'uninstall':
      return uninstallCommand(rest, io(rest));
    case 'doctor':
      return doctorCommand(rest, io(rest));
    case '--version':
    case 'version':
      process.stdout.write(`${keygateVersion()}\n`);
      return EXIT_CLEAN;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE + '\n');
      return command === undefined ? EXIT_ERROR : EXIT_CLEAN;
    default:
      throw new KeygateError('USAGE', `unknown command "${command}"`, { hint: 'see keygate --help' });
  }
}

/** Scans guard a commit: their errors block it. Other commands only say what went wrong. */
const guarding = ['scan', 'hook'].includes(process.argv[2] ?? '');

function describe(error: unknown): string {
  const fallback = guarding ? FAIL_CLOSED_HINT : 'nothing was changed';
  if (error instanceof KeygateError) return errorLine(error.message, error.hint ?? fallback);
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    return errorLine(error.message, 'see keygate --help');
  }
  const message = error instanceof Error ? error.message : String(error);
  return errorLine(`internal error: ${message.split('\n')[0]}`, fallback);
}

function fail(error: unknown): void {
  process.stderr.write(describe(error) + '\n');
  if (process.env['KEYGATE_DEBUG'] && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exitCode = EXIT_ERROR;
}

process.on('uncaughtException', fail);
process.on('unhandledRejection', fail);
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') fail(error);
});

main(process.argv.slice(2)).then((code) => {
  if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = code;
}, fail);
