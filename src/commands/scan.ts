import { parseArgs } from 'node:util';
import { KeygateError } from '../errors.js';
import { gitDir } from '../git/git.js';
import { scanFiles, scanStaged } from '../index.js';
import { SCAN_USAGE } from '../messages.js';
import { renderJson } from '../report/json.js';
import { saveLastRun } from '../report/last-run.js';
import { renderText } from '../report/text.js';
import { splitOptionsAndFiles } from './args.js';
import { EXIT_CLEAN, EXIT_FINDINGS, type Io } from './io.js';

export async function scanCommand(args: string[], io: Io, fastPathBytes?: number): Promise<number> {
  const { options, files: positionals } = splitOptionsAndFiles(args, io.cwd);
  const { values } = parseArgs({
    args: options,
    options: {
      staged: { type: 'boolean' },
      format: { type: 'string', default: 'text' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: false,
    strict: true,
  });
  if (values.help && args.length > 1) {
    // Help and something else: never print usage and pass when files came too.
    throw new KeygateError('USAGE', '--help goes alone', { hint: 'keygate scan --help; to scan a file named -h, write keygate scan -- -h' });
  }
  if (values.help) {
    io.out(SCAN_USAGE + '\n');
    return EXIT_CLEAN;
  }
  if (values.format !== 'text' && values.format !== 'json') {
    throw new KeygateError('USAGE', `unknown format "${values.format}"`, { hint: 'use text or json' });
  }
  if (values.staged && positionals.length > 0) {
    throw new KeygateError('USAGE', 'give either --staged or files, not both', { hint: 'see keygate scan --help' });
  }
  if (!values.staged && positionals.length === 0) {
    throw new KeygateError('USAGE', 'nothing to scan: pass --staged, or files', { hint: 'see keygate scan --help' });
  }
  const report = values.staged
    ? await scanStaged({ cwd: io.cwd, ...(fastPathBytes !== undefined ? { fastPathBytes } : {}) })
    : await scanFiles({ cwd: io.cwd, paths: positionals });
  if (report.findings.length > 0) {
    // Remembered for `keygate allow --last` and `keygate review` (no secrets in it). Files can
    // be scanned outside a repository, where there is nowhere to keep it.
    const dir = values.staged ? await gitDir(io.cwd) : await gitDir(io.cwd).catch(() => undefined);
    if (dir !== undefined) saveLastRun(dir, report.findings, io.now());
  }
  io.out(values.format === 'json' ? renderJson(report) : renderText(report, io.colors));
  return report.findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}
