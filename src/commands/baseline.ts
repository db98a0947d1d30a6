import { join, relative } from 'node:path';
import { baselineEntries, renderBaseline } from '../allow/baseline.js';
import { loadConfig } from '../config/config.js';
import { scanTracked } from '../index.js';
import { BASELINE_FILE, BASELINE_USAGE, baselineWritten } from '../messages.js';
import { displayPath } from '../report/display.js';
import { builtinIds, repoRoot } from './allow.js';
import { parseOptions } from './args.js';
import { EXIT_CLEAN, type Io } from './io.js';
import { joinOptionValues, writeOutput } from './scan.js';

/**
 * `keygate baseline`: records the secrets every tracked file holds today (as the index holds
 * it), so that scans given --baseline fail only on new ones. The file is made from findings
 * only: rules, fingerprints, files and redacted matches, never a secret; made twice from the
 * same secrets it is the same, byte for byte, wherever their lines have moved.
 */
export async function baselineCommand(args: string[], io: Io): Promise<number> {
  const { values } = parseOptions('baseline', joinOptionValues(args), {
    output: { type: 'string' },
    'no-color': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.out(BASELINE_USAGE + '\n');
    return EXIT_CLEAN;
  }
  const root = repoRoot(io.cwd);
  const config = await loadConfig(root, builtinIds());
  const report = await scanTracked({ cwd: io.cwd, config });
  const entries = baselineEntries(report.findings);
  // By default beside .keygate.json, at the root, whichever directory it was run from.
  const output = values.output ?? (relative(io.cwd, join(root, BASELINE_FILE)) || BASELINE_FILE);
  writeOutput(output, renderBaseline(entries), io, 'the baseline');
  io.out(baselineWritten(displayPath(output), entries.length, new Set(entries.map((e) => e.file)).size) + '\n');
  return EXIT_CLEAN;
}
