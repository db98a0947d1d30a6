/**
 * The commit path only — `keygate scan`, `keygate hook`, `keygate pre-push` — as its own bundle, so that the
 * hook loads no code for allowlist editing, review or install (the launcher picks it).
 *
 * main() starts a staged scan's `git diff --cached` first, then loads the commands: git works
 * while the detectors, config and report modules load (~4 ms of a commit's ~55). The commands
 * are imported on demand, which esbuild keeps inside the bundle but evaluates only then, so
 * none of their code runs before git has started. The started diff is handed to the scan as a
 * value (ScanOptions.early); its output waits in the paused pipe until the scan reads it, and a
 * run that never reads it (a usage error) exits all the same (src/run.ts exits once output is
 * flushed). test/integration/launcher.test.ts checks that a scan runs one diff, this one.
 */
import { readsStagedDiff } from './commit-path.js';
import { KeygateError } from './errors.js';
import { startStagedDiff } from './git/git.js';
import { fastPathOption, io, readStdin, run, showErrorsThrough } from './run.js';

/** A command's module, loaded once errors are shown redacted (the redactor loads with it, after git has started). */
async function withRedactedErrors<T>(command: Promise<T>): Promise<T> {
  const [loaded, { withoutSecrets }] = await Promise.all([command, import('./scan/scanner.js')]);
  showErrorsThrough(withoutSecrets);
  return loaded;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const early = readsStagedDiff(argv) ? startStagedDiff(process.cwd()) : undefined;
  if (command === 'scan' || command === 'hook') {
    const { hookCommand, scanCommand } = await withRedactedErrors(import('./commands/scan.js'));
    const staged = { ...fastPathOption(), ...(early !== undefined ? { early } : {}) };
    return (command === 'scan' ? scanCommand : hookCommand)(rest, io(rest), staged);
  }
  if (command === 'pre-push') {
    const { prePushCommand } = await withRedactedErrors(import('./commands/pre-push.js'));
    return prePushCommand(rest, io(rest), readStdin);
  }
  throw new KeygateError('INTERNAL', `the hook bundle cannot run "${command ?? ''}"`);
}

run(main);
