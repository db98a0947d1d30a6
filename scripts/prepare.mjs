// npm's `prepare` for keygate's own checkout (npm ci / npm install here, and git installs):
// builds dist/ and, in a git checkout, sets husky up so keygate guards this repository's commits.
// Everything goes to stderr: `npm pack` runs prepare too, and the pre-commit framework reads
// the tarball's name from npm pack's stdout.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

function step(command, args, env = process.env) {
  const r = spawnSync(command, args, { stdio: ['ignore', 2, 2], shell: false, env });
  if (r.status !== 0) {
    process.stderr.write(`prepare: ${command} ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})\n`);
    process.exit(1);
  }
}

// A git install (the pre-commit framework's remote form: pre-commit 4 runs npm install -g
// git+...) prepares its clone with npm install --include=dev, but a global install leaks
// npm_config_global into that child: the dev dependencies go elsewhere and the build cannot
// find them (Cannot find package 'prettier'). Found by a newcomer's trial with pre-commit 4.6.2.
// Where they are missing, they are installed here, locally, first.
const BUILD_TOOLS = ['typescript', 'esbuild', 'prettier'];
const OUTER_SETTINGS = new Set([
  'npm_config_global',
  'npm_config_prefix',
  'npm_config_location',
  'npm_config_allow_scripts',
  'npm_config_allow_git',
  'npm_config_install_links',
]);
if (!BUILD_TOOLS.every((name) => existsSync(`node_modules/${name}/package.json`))) {
  const env = Object.fromEntries(
    // Settings of the outer install a local one refuses or misreads (a review: with
    // npm_config_allow_scripts it failed with EALLOWSCRIPTS under npm 11.19).
    Object.entries(process.env).filter(([k]) => !OUTER_SETTINGS.has(k.toLowerCase())),
  );
  step('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--include=dev', '--ignore-scripts', '--global=false'], env);
}
step('npm', ['run', '--silent', 'build']);
// Only where this is the repository's own work tree (not an unpacked tarball, not npm's cache).
if (existsSync('.git') && existsSync('node_modules/husky/bin.js')) step(process.execPath, ['node_modules/husky/bin.js']);
