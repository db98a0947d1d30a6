import { join } from 'node:path';
import { parseOptions } from './args.js';
import { doctor } from '../install/doctor.js';
import { install } from '../install/install.js';
import { keygateVersion } from '../install/package.js';
import { uninstall } from '../install/uninstall.js';
import { DOCTOR_USAGE, INSTALL_USAGE, keygateCommand, UNINSTALL_USAGE } from '../messages.js';
import { EXIT_CLEAN, EXIT_FINDINGS, type Io } from './io.js';

function flags(command: string, args: string[], extra: Record<string, { type: 'boolean' | 'string' }> = {}) {
  const options = { 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, 'no-color': { type: 'boolean' }, ...extra } as const;
  return parseOptions(command, args, options, false).values as Record<string, boolean | string | undefined>;
}

export async function installCommand(args: string[], io: Io): Promise<number> {
  const v = flags('install', args, { 'no-husky': { type: 'boolean' }, 'pre-push': { type: 'boolean' }, from: { type: 'string' } });
  if (v['help']) return (io.out(INSTALL_USAGE + '\n'), EXIT_CLEAN);
  const dryRun = v['dry-run'] === true;
  const from = typeof v['from'] === 'string' ? v['from'] : undefined;
  const r = await install(io.cwd, { husky: v['no-husky'] !== true, dryRun, prePush: v['pre-push'] === true, ...(from !== undefined ? { from } : {}) });
  const how = r.mode === 'husky' ? 'through husky' : `as a git hook in ${r.facts.hooksDir}`;
  if (r.already) {
    io.out(`keygate install: already installed ${how}; nothing changed\n`);
    return EXIT_CLEAN;
  }
  io.out(`keygate install${dryRun ? ' --dry-run: would' : ':'}\n`);
  for (const d of r.done) io.out(`  - ${d}\n`);
  if (r.besideHooks !== undefined) io.out(`Note: ${r.besideHooks}\n`);
  if (dryRun) io.out('keygate install: nothing was changed (dry run)\n');
  else {
    io.out(`keygate ${keygateVersion()} now checks every commit in ${r.facts.root} (${how}).\n`);
    if (r.mode === 'husky') io.out(`Commit package.json${r.lockFile ? `, ${r.lockFile}` : ''} and .husky/ so teammates get it on npm install.\n`);
    for (const note of r.notes ?? []) io.out(`Then: ${note}\n`);
    // A plain hook runs its own copy, which npx cannot find where keygate is in no package.json.
    const keygate = r.mode === 'plain' ? keygateCommand(join(r.facts.hooksDir, 'keygate', 'dist', 'cli.cjs'), r.facts.root) : 'npx keygate';
    io.out(`Check it any time with: ${keygate} doctor\n`);
  }
  return EXIT_CLEAN;
}

export async function uninstallCommand(args: string[], io: Io): Promise<number> {
  const v = flags('uninstall', args);
  if (v['help']) return (io.out(UNINSTALL_USAGE + '\n'), EXIT_CLEAN);
  const dryRun = v['dry-run'] === true;
  const done = await uninstall(io.cwd, dryRun);
  if (done.length === 0) io.out('keygate uninstall: keygate was not installed here; nothing changed\n');
  else {
    io.out(`keygate uninstall${dryRun ? ' --dry-run: would' : ':'}\n`);
    for (const d of done) io.out(`  - ${d}\n`);
  }
  return EXIT_CLEAN;
}

export async function doctorCommand(args: string[], io: Io): Promise<number> {
  const v = flags('doctor', args);
  if (v['help']) return (io.out(DOCTOR_USAGE + '\n'), EXIT_CLEAN);
  const { willRun, checks } = await doctor(io.cwd);
  const c = io.colors;
  for (const check of checks) {
    io.out(`${check.ok ? c.green('ok ') : c.red('no ')} ${check.text}${check.fix ? `\n    fix: ${check.fix}` : ''}\n`);
  }
  io.out(willRun ? c.green('keygate will run on your next commit here\n') : c.red('keygate will NOT run on your next commit here\n'));
  return willRun ? EXIT_CLEAN : EXIT_FINDINGS;
}
