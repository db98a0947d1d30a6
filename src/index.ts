import { DETECTORS } from './detectors/index.js';
import { streamStagedDiff } from './git/git.js';
import { emptyStats, FragmentBuilder } from './scan/fragments.js';
import { Scanner } from './scan/scanner.js';
import type { Detector, Report } from './types.js';

export type * from './types.js';
export { KeygateError } from './errors.js';
export { DETECTORS } from './detectors/index.js';

export interface ScanOptions {
  cwd: string;
  detectors?: readonly Detector[];
  /** Added files at least this large are read with git cat-file (see FAST_PATH_BYTES). */
  fastPathBytes?: number;
}

/** Scans what is staged in the repository at `cwd` (the index git would commit). */
export async function scanStaged(options: ScanOptions): Promise<Report> {
  const scanner = new Scanner(options.detectors ?? DETECTORS);
  const stats = emptyStats();
  const builders: FragmentBuilder[] = [];
  const newSink = (): FragmentBuilder => {
    const b = new FragmentBuilder((fragment) => scanner.scan(fragment), stats);
    builders.push(b);
    return b;
  };
  await streamStagedDiff(options.cwd, newSink, options.fastPathBytes);
  for (const b of builders) b.flush(0);
  return { ...(await scanner.result()), stats };
}
