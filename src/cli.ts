/**
 * argv -> command -> Report -> exit code. The only module that touches process.*.
 * Exit codes: 0 clean, 1 findings (commit blocked), 2 error (commit blocked: fail closed).
 */
import { parseArgs } from 'node:util';
import pc from 'picocolors';
import { KeygateError } from './errors.js';
import { scanStaged } from './index.js';
import { errorLine, FAIL_CLOSED_HINT, SCAN_USAGE, USAGE } from './messages.js';
import { renderJson } from './report/json.js';
import { renderText } from './report/text.js';

const EXIT_CLEAN = 0;
const EXIT_FINDINGS = 1;
const EXIT_ERROR = 2;

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

async function scanCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      staged: { type: 'boolean' },
      format: { type: 'string', default: 'text' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(SCAN_USAGE + '\n');
    return EXIT_CLEAN;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    throw new KeygateError('USAGE', `unknown format "${values.format}"`, { hint: 'use text or json' });
  }
  if (!values.staged) {
    throw new KeygateError('USAGE', 'nothing to scan: pass --staged', { hint: 'see keygate scan --help' });
  }
  const report = await scanStaged({ cwd: process.cwd(), ...fastPathOption() });
  const out =
    values.format === 'json'
      ? renderJson(report)
      : renderText(report, pc.createColors(colorsEnabled(values['no-color'] === true)));
  process.stdout.write(out);
  return report.findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'scan':
      return scanCommand(rest);
    case 'hook':
      return scanCommand(['--staged', ...rest]);
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

function describe(error: unknown): string {
  if (error instanceof KeygateError) return errorLine(error.message, error.hint ?? FAIL_CLOSED_HINT);
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    return errorLine(error.message, 'see keygate --help');
  }
  const message = error instanceof Error ? error.message : String(error);
  return errorLine(`internal error: ${message.split('\n')[0]}`, FAIL_CLOSED_HINT);
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
