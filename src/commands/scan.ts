import { resolve } from 'node:path';
import pc from 'picocolors';
import { writeFileAtomic } from '../atomic-write.js';
import { applyBaseline, type Baseline, loadBaseline } from '../allow/baseline.js';
import { KeygateError } from '../errors.js';
import { gitDir } from '../git/git.js';
import { scanFiles, scanStaged } from '../index.js';
import { lastRunNotSaved, outputNotWritten, SCAN_USAGE } from '../messages.js';
import { displayPath } from '../report/display.js';
import { renderJson } from '../report/json.js';
import { saveLastRun } from '../report/last-run.js';
import { renderSarif } from '../report/sarif.js';
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
  const files = joinOptionValues(args).filter((a) => !a.startsWith('-'));
  if (files.length > 0) {
    throw new KeygateError('USAGE', `keygate hook scans what is staged and takes no file names, but was given "${files[0]}"`, {
      hint: 'to scan files: keygate scan -- <file>...',
    });
  }
  return scanCommand(['--staged', ...args], io, fastPathBytes);
}

export async function scanCommand(args: string[], io: Io, fastPathBytes?: number): Promise<number> {
  const { options, files: positionals } = splitOptionsAndFiles(joinOptionValues(args), io.cwd);
  const { values } = parseOptions(
    'scan',
    options,
    {
      staged: { type: 'boolean' },
      ...REPORT_OPTIONS,
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
  checkFormat(values.format);
  if (values.staged && positionals.length > 0) {
    throw new KeygateError('USAGE', 'give either --staged or files, not both', { hint: 'see keygate scan --help' });
  }
  if (!values.staged && positionals.length === 0) {
    throw new KeygateError('USAGE', 'nothing to scan: pass --staged, or files', { hint: 'see keygate scan --help' });
  }
  // Read before scanning: a baseline that cannot be used fails at once, not after a long scan.
  const baseline = readBaselineOption(values.baseline, io);
  const scanned = values.staged
    ? await scanStaged({ cwd: io.cwd, ...(fastPathBytes !== undefined ? { fastPathBytes } : {}) })
    : await scanFiles({ cwd: io.cwd, paths: positionals });
  const report = withBaseline(scanned, baseline);
  // The report first: whatever happens next, the user sees what blocked the commit.
  deliverReport(report, values, io);
  if (report.findings.length > 0) await remember(report.findings, io, values.staged === true);
  return report.findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

/** The options every scan has for its report: its form, where it goes, what it leaves out. */
export const REPORT_OPTIONS = {
  format: { type: 'string', default: 'text' },
  output: { type: 'string' },
  baseline: { type: 'string' },
  'no-color': { type: 'boolean' },
} as const;

export interface ReportValues {
  format?: string | undefined;
  output?: string | undefined;
  baseline?: string | undefined;
}

const FORMATS = ['text', 'json', 'sarif'];

export function checkFormat(format: string | undefined): void {
  if (format !== undefined && !FORMATS.includes(format)) {
    throw new KeygateError('USAGE', `unknown format "${format}"`, { hint: 'use text, json or sarif' });
  }
}

/**
 * `--output FILE` and `--baseline FILE` as `--output=FILE`: the split between options and
 * file names (args.ts) knows only --format's value, and would take FILE for a file to scan —
 * or refuse a report file that exists from the last run as "both an option and a file".
 */
export function joinOptionValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') return [...out, ...args.slice(i)];
    const next = args[i + 1];
    if ((a === '--output' || a === '--baseline') && next !== undefined && next !== '--') {
      out.push(`${a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

export function readBaselineOption(file: string | undefined, io: Io): Baseline | undefined {
  if (file === undefined) return undefined;
  if (file === '') throw new KeygateError('USAGE', 'option --baseline needs a file name', { hint: 'e.g. --baseline .keygate-baseline.json' });
  return loadBaseline(resolve(io.cwd, file), file);
}

export function withBaseline(report: Report, baseline: Baseline | undefined): Report {
  return baseline === undefined ? report : applyBaseline(report, baseline);
}

/** The report in its format, to stdout, or whole to the --output file (never half a file). */
export function deliverReport(report: Report, values: ReportValues, io: Io): void {
  const toFile = values.output !== undefined;
  const text =
    values.format === 'json'
      ? renderJson(report)
      : values.format === 'sarif'
        ? renderSarif(report)
        : renderText(report, toFile ? pc.createColors(false) : io.colors);
  if (values.output === undefined) io.out(text);
  else writeOutput(values.output, text, io);
}

/** Writes a file keygate was asked to write (a report, a baseline); failing is an error naming it. */
export function writeOutput(file: string, text: string, io: Io, what = 'the report'): void {
  if (file === '') throw new KeygateError('USAGE', 'option --output needs a file name', { hint: 'e.g. --output keygate.sarif' });
  try {
    writeFileAtomic(resolve(io.cwd, file), text);
  } catch (error) {
    throw new KeygateError('USAGE', outputNotWritten(what, displayPath(file), writeProblem(error as NodeJS.ErrnoException)), {
      hint: 'nothing was written; give a file in a directory that exists and is writable',
      cause: error,
    });
  }
}

function writeProblem(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return 'its directory does not exist';
    case 'EISDIR':
      return 'it is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    case 'ENOSPC':
      return 'no space left on the device';
    default:
      return error.code ?? (error.message ?? String(error)).split('\n')[0] ?? 'unknown error';
  }
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
