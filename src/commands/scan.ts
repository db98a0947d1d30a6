import { statSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import pc from 'picocolors';
import { writeFileAtomic } from '../atomic-write.js';
import { applyBaseline, type Baseline, loadBaseline } from '../allow/baseline.js';
import { KeygateError } from '../errors.js';
import { type EarlyStagedDiff, gitDir } from '../git/git.js';
import type { HistorySelection } from '../git/history.js';
import { type HistoryProgress, scanFiles, scanHistory, scanStaged, scanWorkTree } from '../index.js';
import { historyProgress, lastRunNotSaved, outputNotWritten, SCAN_USAGE } from '../messages.js';
import { displayPath } from '../report/display.js';
import { renderJson } from '../report/json.js';
import { saveLastRun } from '../report/last-run.js';
import { renderSarif } from '../report/sarif.js';
import { renderText } from '../report/text.js';
import { parseOptions, splitOptionsAndFiles } from './args.js';
import type { Report } from '../types.js';
import { EXIT_CLEAN, EXIT_FINDINGS, type Io, threadOptions } from './io.js';

/** `keygate hook`: what hooks run; the staged scan, taking no file names. */
export async function hookCommand(args: string[], io: Io, staged: StagedOptions = {}): Promise<number> {
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
  return scanCommand(['--staged', ...args], io, staged);
}

/** For a staged scan: when added files are read as blobs (KEYGATE_FAST_PATH_BYTES), and the diff if already started. */
export interface StagedOptions {
  fastPathBytes?: number;
  early?: EarlyStagedDiff;
}

export async function scanCommand(args: string[], io: Io, staged: StagedOptions = {}): Promise<number> {
  const { options, files: positionals } = splitOptionsAndFiles(joinOptionValues(args), io.cwd);
  const { values } = parseOptions(
    'scan',
    options,
    {
      staged: { type: 'boolean' },
      history: { type: 'boolean' },
      range: { type: 'string' },
      branch: { type: 'string', multiple: true },
      since: { type: 'string' },
      'max-commits': { type: 'string' },
      'all-files': { type: 'boolean' },
      quiet: { type: 'boolean' },
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
  const source = scanSource(values, positionals);
  // Read before scanning: a baseline that cannot be used fails at once, not after a long scan.
  const baseline = readBaselineOption(values.baseline, io);
  const common = { cwd: io.cwd, ...threadOptions(io) };
  const scanned =
    source === 'staged'
      ? await scanStaged({ ...common, ...staged })
      : source === 'history'
        ? await scanHistory({ ...common, selection: historySelection(values), ...progressFor(io, values.quiet === true) })
        : positionals.length > 0
          ? await scanFiles({ ...common, paths: positionals, allFiles: values['all-files'] === true })
          : await scanWorkTree({ ...common, allFiles: values['all-files'] === true });
  const report = withBaseline(scanned, baseline);
  // The report first: whatever happens next, the user sees what blocked the commit.
  deliverReport(report, values, io);
  if (report.findings.length > 0) await remember(report.findings, io, values.staged === true);
  return report.findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}

interface SourceValues {
  staged?: boolean | undefined;
  history?: boolean | undefined;
  range?: string | undefined;
  branch?: string[] | undefined;
  since?: string | undefined;
  'max-commits'?: string | undefined;
  'all-files'?: boolean | undefined;
}

/**
 * What to scan: the staged changes; history (--history, or a --range); files named; else the
 * work tree. Options that belong to another source than the one chosen are refused, not ignored.
 */
function scanSource(values: SourceValues, files: readonly string[]): 'staged' | 'history' | 'files' {
  const history = values.history === true || values.range !== undefined;
  const chosen = [values.staged === true && '--staged', history && (values.range !== undefined ? '--range' : '--history'), files.length > 0 && 'files'].filter(
    Boolean,
  );
  if (chosen.length > 1)
    throw new KeygateError('USAGE', `give one of --staged, --history / --range, or files, not ${chosen.join(' and ')}`, { hint: 'see keygate scan --help' });
  if (!history) {
    const stray = (['branch', 'since', 'max-commits'] as const).find((o) => values[o] !== undefined);
    if (stray !== undefined) throw new KeygateError('USAGE', `--${stray} limits a history scan: add --history`, { hint: 'see keygate scan --help' });
  } else if (values.range !== undefined && values.branch !== undefined) {
    throw new KeygateError('USAGE', 'give --range or --branch, not both', { hint: 'see keygate scan --help' });
  }
  if (values['all-files'] && (values.staged || history)) {
    throw new KeygateError('USAGE', '--all-files is for a scan of the work tree (keygate scan, with no files or with directories)', {
      hint: 'see keygate scan --help',
    });
  }
  return values.staged ? 'staged' : history ? 'history' : 'files';
}

/**
 * Status lines for a long history scan: on a terminal's stderr only (io.progress is absent
 * otherwise), at most a few a second, and none with --quiet. The line is cleared at the end.
 */
function progressFor(io: Io, quiet: boolean): { onProgress?: (p: HistoryProgress) => void } {
  const show = io.progress;
  if (quiet || show === undefined) return {};
  let last = 0;
  return {
    onProgress: (p) => {
      if (p.commits < p.of && p.ms - last < 250) return;
      last = p.ms;
      show(p.commits < p.of ? historyProgress(p) : '');
    },
  };
}

function historySelection(values: SourceValues): HistorySelection {
  const max = values['max-commits'];
  if (max !== undefined && !/^[1-9]\d{0,8}$/.test(max)) {
    throw new KeygateError('USAGE', `--max-commits must be a whole number of commits, not "${max.slice(0, 20)}"`);
  }
  return {
    ...(values.range !== undefined ? { range: values.range } : {}),
    ...(values.branch !== undefined ? { refs: values.branch } : {}),
    ...(values.since !== undefined ? { since: values.since } : {}),
    ...(max !== undefined ? { maxCommits: Number(max) } : {}),
  };
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
const VALUE_OPTIONS = new Set(['--output', '--baseline', '--range', '--branch', '--since', '--max-commits']);

export function joinOptionValues(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') return [...out, ...args.slice(i)];
    const next = args[i + 1];
    if (VALUE_OPTIONS.has(a) && next !== undefined && next !== '--') {
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
    const path = resolve(io.cwd, file);
    // Found by an adversarial trial: the rename replaced /dev/stdout, /dev/null, a FIFO with a
    // regular file. A FIFO, a socket or a character device (or a link to one: /dev/stdout) is
    // written into. Anything else is written whole at the path itself, a link replaced, never
    // followed (a review: following a committed link let --output overwrite ~/.bashrc).
    const target = statSync(path, { throwIfNoEntry: false });
    if (target?.isBlockDevice() === true) throw Object.assign(new Error('a block device'), { code: 'EBLOCKDEV' });
    if (target !== undefined && (target.isFIFO() || target.isSocket() || target.isCharacterDevice())) writeFileSync(path, text);
    else writeFileAtomic(path, text);
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
    case 'EBLOCKDEV':
      return 'it is a block device';
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
    io.warn(lastRunNotSaved(error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)));
  }
}
