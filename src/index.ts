import { type KeygateConfig, loadConfig } from './config/config.js';
import { findRoot } from './git/root.js';
import { customDetector } from './detectors/custom.js';
import { DETECTORS } from './detectors/index.js';
import { streamBlobs, streamCommit, streamStagedDiff, streamTrackedFiles } from './git/git.js';
import { onlyLines } from './scan/only-lines.js';
import { streamFiles } from './scan/files.js';
import { emptyStats, FragmentBuilder } from './scan/fragments.js';
import { Scanner } from './scan/scanner.js';
import type { Detector, Report, ScanStats } from './types.js';

export type * from './types.js';
export { KeygateError } from './errors.js';
export { DETECTORS } from './detectors/index.js';

export interface ScanOptions {
  cwd: string;
  /** The validated .keygate.json; loaded from the work tree when not given. */
  config?: KeygateConfig;
  detectors?: readonly Detector[];
  /** Added files at least this large are read with git cat-file (see FAST_PATH_BYTES). */
  fastPathBytes?: number;
}

/**
 * Scans every tracked file as the index holds it, and says which allowlist entries still
 * match something (for `keygate allowlist` and `prune`).
 */
export async function scanTracked(options: ScanOptions & { config: KeygateConfig }): Promise<Report & { usedAllows: Map<number, number> }> {
  const { scanner, newSink, stats, builders } = pipeline(options, options.config);
  await streamTrackedFiles(options.cwd, newSink);
  return finish(scanner, stats, builders, options.config);
}

function pipeline(options: ScanOptions, config: KeygateConfig) {
  const detectors = [...(options.detectors ?? DETECTORS), ...config.rules.map(customDetector)];
  const scanner = new Scanner(detectors);
  const stats = emptyStats();
  const builders: FragmentBuilder[] = [];
  const newSink = (commit?: string): FragmentBuilder => {
    const b = new FragmentBuilder((fragment) => scanner.scan(fragment), stats, commit);
    builders.push(b);
    return b;
  };
  return { scanner, newSink, stats, builders };
}

/** The given config, or the validated .keygate.json of the work tree at `root`. */
async function configFor(options: ScanOptions, root: string | undefined): Promise<KeygateConfig> {
  return options.config ?? loadConfig(root, DETECTORS.map((d) => d.id));
}

async function finish(scanner: Scanner, stats: ScanStats, builders: FragmentBuilder[], config: KeygateConfig) {
  for (const b of builders) b.flush(0);
  const { findings, suppressed, usedAllows } = await scanner.result(config);
  return { findings, suppressed, stats, usedAllows };
}

/**
 * Scans files of the work tree, whole (for the pre-commit framework, which passes the files to
 * check; it stashes unstaged changes first, so the work tree holds what is staged).
 */
export async function scanFiles(options: ScanOptions & { paths: readonly string[] }): Promise<Report> {
  const root = findRoot(options.cwd) ?? options.cwd;
  const config = await configFor(options, root);
  const { scanner, newSink, stats, builders } = pipeline(options, config);
  await streamFiles(options.cwd, root, options.paths, newSink());
  const { findings, suppressed } = await finish(scanner, stats, builders, config);
  return { findings, suppressed, stats, source: 'files' };
}

/** Scans what the given commits added (pre-push), each finding marked with its commit. */
export async function scanCommits(options: ScanOptions & { commits: readonly string[] }): Promise<Report> {
  const config = await configFor(options, findRoot(options.cwd));
  const { scanner, newSink, stats, builders } = pipeline(options, config);
  for (const commit of options.commits) await streamCommit(options.cwd, commit, newSink(commit));
  const { findings, suppressed } = await finish(scanner, stats, builders, config);
  return { findings, suppressed, stats: { ...stats, commits: options.commits.length }, source: 'commits' };
}

/** Scans what is staged in the repository at `cwd` (the index git would commit). */
export async function scanStaged(options: ScanOptions): Promise<Report> {
  return (await scanStagedKeepingSecrets(options, false)).report;
}

/**
 * The staged scan, and (for `keygate allow`, which checks in memory that what a user is about
 * to write down does not spell one) the secrets it found, every rule's, before any allow.
 * Never printed, never written.
 */
export async function scanStagedKeepingSecrets(options: ScanOptions, keep = true): Promise<{ report: Report; secrets: string[] }> {
  // One walk up to the root serves both the config and the choice of read path.
  const root = findRoot(options.cwd);
  const config = await configFor(options, root);
  const { scanner, newSink, stats, builders } = pipeline(options, config);
  await streamStagedDiff(options.cwd, newSink, options.fastPathBytes, root);
  await rereadDecoded(options.cwd, builders, newSink);
  let secrets: string[] = [];
  if (keep) {
    for (const b of builders) b.flush(0);
    secrets = scanner.secrets();
  }
  const { findings, suppressed } = await finish(scanner, stats, builders, config);
  return { report: { findings, suppressed, stats }, secrets };
}

/**
 * Files whose diff showed UTF-16 bytes are read again whole from the index, decoded, and only
 * the lines git counted as added are scanned (git counts lines by newline bytes, which in
 * UTF-16 are the newlines' own: its line numbers hold).
 */
async function rereadDecoded(cwd: string, builders: readonly FragmentBuilder[], newSink: () => FragmentBuilder): Promise<void> {
  const rereads = builders.flatMap((b) => b.rereads);
  if (rereads.length === 0) return;
  for (const r of rereads) {
    const sink = newSink();
    await streamBlobs(cwd, [r.file], r.lines === undefined ? sink : onlyLines(sink, r.lines));
  }
}
