import { DETECTORS } from './detectors/index.js';
import { streamStagedDiff } from './git/git.js';
import { FragmentBuilder } from './scan/fragments.js';
import { Scanner } from './scan/scanner.js';
import type { Detector, Report } from './types.js';

export type * from './types.js';
export { KeygateError } from './errors.js';
export { DETECTORS } from './detectors/index.js';

export interface ScanOptions {
  cwd: string;
  detectors?: readonly Detector[];
}

/** Scans what is staged in the repository at `cwd` (the index git would commit). */
export async function scanStaged(options: ScanOptions): Promise<Report> {
  const scanner = new Scanner(options.detectors ?? DETECTORS);
  const builder = new FragmentBuilder((fragment) => scanner.scan(fragment));
  await streamStagedDiff(options.cwd, builder);
  builder.flush(0);
  return { ...(await scanner.result()), stats: builder.stats };
}
