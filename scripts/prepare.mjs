// npm's `prepare` for keygate's own checkout (npm ci / npm install here, and git installs):
// builds dist/ and, in a git checkout, sets husky up so keygate guards this repository's commits.
// Everything goes to stderr: `npm pack` runs prepare too, and the pre-commit framework reads
// the tarball's name from npm pack's stdout.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function step(command, args) {
  const r = spawnSync(command, args, { stdio: ['ignore', 2, 2], shell: false });
  if (r.status !== 0) {
    process.stderr.write(`prepare: ${command} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})\n`);
    process.exit(1);
  }
}

step('npm', ['run', '--silent', 'build']);
// Only where this is the repository's own work tree (not an unpacked tarball, not npm's cache).
if (existsSync('.git') && existsSync('node_modules/husky/bin.js')) step(process.execPath, ['node_modules/husky/bin.js']);
