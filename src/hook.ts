/**
 * The commit path only — `keygate scan` and `keygate hook` — as its own bundle, so that the
 * hook loads no code for allowlist editing, review or install (the launcher picks it).
 */
import { scanCommand } from './commands/scan.js';
import { KeygateError } from './errors.js';
import { fastPathOption, io, run } from './run.js';

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'scan') return scanCommand(rest, io(rest), fastPathOption().fastPathBytes);
  if (command === 'hook') return scanCommand(['--staged', ...rest], io(rest), fastPathOption().fastPathBytes);
  throw new KeygateError('INTERNAL', `the hook bundle cannot run "${command ?? ''}"`);
}

run(main);
