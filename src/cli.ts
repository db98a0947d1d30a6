/** Every keygate command. The commit path (scan, hook) also has a leaner entry: hook.ts. */
import { allowCommand } from './commands/allow.js';
import { allowlistCommand } from './commands/allowlist.js';
import { baselineCommand } from './commands/baseline.js';
import { EXIT_CLEAN, EXIT_ERROR } from './commands/io.js';
import { doctorCommand, installCommand, uninstallCommand } from './commands/install.js';
import { prePushCommand } from './commands/pre-push.js';
import { reviewCommand } from './commands/review.js';
import { rulesCommand } from './commands/rules.js';
import { hookCommand, scanCommand } from './commands/scan.js';
import { closestMatch } from './config/rule-ids.js';
import { KeygateError } from './errors.js';
import { keygateVersion } from './install/package.js';
import { USAGE } from './messages.js';
import { fastPathOption, io, readStdin, run, showErrorsThrough } from './run.js';
import { withoutSecrets } from './scan/scanner.js';

const COMMANDS = ['scan', 'hook', 'pre-push', 'allow', 'allowlist', 'review', 'baseline', 'install', 'uninstall', 'doctor', 'rules', 'version', 'help'];

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'scan':
      return scanCommand(rest, io(rest), fastPathOption());
    case 'hook':
      return hookCommand(rest, io(rest), fastPathOption());
    case 'pre-push':
      return prePushCommand(rest, io(rest), readStdin);
    case 'allow':
      return allowCommand(rest, io(rest));
    case 'allowlist':
      return allowlistCommand(rest, io(rest));
    case 'review':
      return reviewCommand(rest, io(rest));
    case 'baseline':
      return baselineCommand(rest, io(rest));
    case 'install':
      return installCommand(rest, io(rest));
    case 'uninstall':
      return uninstallCommand(rest, io(rest));
    case 'doctor':
      return doctorCommand(rest, io(rest));
    case 'rules':
      return rulesCommand(rest, io(rest));
    case '--version':
    case 'version':
      io(rest).out(`${keygateVersion()}\n`);
      return EXIT_CLEAN;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io(rest).out(USAGE + '\n');
      return command === undefined ? EXIT_ERROR : EXIT_CLEAN;
    default: {
      const near = closestMatch(command, COMMANDS);
      throw new KeygateError('USAGE', `unknown command "${command}"${near !== undefined ? ` (did you mean ${near}?)` : ''}`, { hint: 'see keygate --help' });
    }
  }
}

showErrorsThrough(withoutSecrets);
run(main);
