import { parseOptions } from './args.js';
import { commitsToPush, gitDir, parsePushUpdates } from '../git/git.js';
import { scanCommits } from '../index.js';
import { PRE_PUSH_USAGE } from '../messages.js';
import { saveLastRun } from '../report/last-run.js';
import { EXIT_CLEAN, EXIT_FINDINGS, type Io, threadOptions } from './io.js';
import { checkFormat, deliverReport, readBaselineOption, REPORT_OPTIONS, withBaseline } from './scan.js';

/**
 * The pre-push hook: git passes "<local ref> <local sha> <remote ref> <remote sha>" lines on
 * stdin; every commit the push would send is scanned — which catches what was committed
 * with --no-verify.
 */
export async function prePushCommand(args: string[], io: Io, stdin: () => Promise<string>): Promise<number> {
  // git passes the remote's name and URL as arguments.
  const { values, positionals } = parseOptions('pre-push', args, { ...REPORT_OPTIONS, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.out(PRE_PUSH_USAGE + '\n');
    return EXIT_CLEAN;
  }
  checkFormat(values.format);
  const baseline = readBaselineOption(values.baseline, io);
  const commits = await commitsToPush(io.cwd, parsePushUpdates(await stdin()), positionals[0]);
  const report = withBaseline(await scanCommits({ cwd: io.cwd, commits, ...threadOptions(io) }), baseline);
  if (report.findings.length > 0) saveLastRun(await gitDir(io.cwd), report.findings, io.now());
  deliverReport(report, values, io);
  return report.findings.length > 0 ? EXIT_FINDINGS : EXIT_CLEAN;
}
