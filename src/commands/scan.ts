import { KeygateError } from '../errors.js';
import { gitDir } from '../git/git.js';
import { scanFiles, scanStaged } from '../index.js';
import { lastRunNotSaved, SCAN_USAGE } from '../messages.js';
import { renderJson } from '../report/json.js';
import { saveLastRun } from '../report/last-run.js';
import { renderText } from '../report/text.js';
import { parseOptions, splitOptionsAndFiles } from './args.js';
import type { Report } from '../types.js';
import { EXIT_CLEAN, EXIT_FINDINGS, type Io } from './io.js';

/** `keygate hook`: what hooks run; the staged scan, taking no file names. */
export async function hookCommand(args: string[], io: Io, fastPathBytes?: number): Promise<number> {
  if (args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
    io.out(SCAN_USAGE + '\n');
    return EXIT_CLEAN;
  }
  const files = args.filter((a) => !a.startsWith('-'));
  if (files.length > 0) {
    throw new KeygateError('USAGE', `keygate hook scans what is staged and takes no file names, but was given "${files[0]}"`, {
      hint: 'to scan files: keygate scan -- <file>...',
    });
  }
  return scanCommand(['--staged', ...args], io, fastPathBytes);
}

export async function scanCommand(args: string[], io: Io, fastPathBytes?: number): Promise<number> {
  const { options, files: positionals } = splitOptionsAndFiles(args, io.cwd);
  const { values } = parseOptions(
    'scan',
    options,
    {
      staged: { type: 'boolean' },
      format: { type: 'string', default: 'text' },
      'no-color': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
    false,
  );
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
  // The report first: whatever happens next, the user sees what blocked the commit.
  io.out(values.format === 'json' ? renderJson(report) : renderText(report, io.colors));
  if (report.findings.length > 0) await remember(report.findings, io, values.staged === true);
  return report.findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

/**
 * Keeps the blocked run for `keygate allow --last` and `keygate review` (no secrets in it).
 * Not being able to (.git read-only, a full disk, outside a repository) costs only those
 * conveniences: a warning, and the commit is blocked by its findings all the same.
 */
async function remember(findings: Report['findings'], io: Io, staged: boolean): Promise<void> {
  let dir: string;
  try {
    dir = await gitDir(io.cwd);
  } catch (error) {
    // Files scanned outside any repository: there is nowhere to keep it, and nothing to say.
    if (!staged && error instanceof KeygateError && error.code === 'NOT_A_REPO') return;
    io.warn(lastRunNotSaved(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)));
    return;
  }
  try {
    saveLastRun(dir, findings, io.now());
  } catch (error) {
    io.warn(lastRunNotSaved(error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)));
  }
}
