/**
 * The commit path only — `keygate scan`, `keygate hook`, `keygate pre-push` — as its own bundle, so that the
 * hook loads no code for allowlist editing, review or install (the launcher picks it).
 */
// First: starts the staged diff before the other modules load (see early-start.ts).
import { earlyStagedDiff } from './early-start.js';
import { prePushCommand } from './commands/pre-push.js';
import { hookCommand, scanCommand } from './commands/scan.js';
import { KeygateError } from './errors.js';
import { fastPathOption, io, readStdin, run } from './run.js';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const staged = { ...fastPathOption(), ...(earlyStagedDiff !== undefined ? { early: earlyStagedDiff } : {}) };
  if (command === 'scan') return scanCommand(rest, io(rest), staged);
  if (command === 'hook') return hookCommand(rest, io(rest), staged);
  if (command === 'pre-push') return prePushCommand(rest, io(rest), readStdin);
  throw new KeygateError('INTERNAL', `the hook bundle cannot run "${command ?? ''}"`);
}

run(main);
