// The real-code set both benchmarks stage: the pinned packages of bench/real-code/package.json
// (typescript, lodash, aws-sdk v2, @aws-sdk/client-s3, webpack, eslint and their dependencies,
// ~170 MB), installed from the npm registry into .bench/real-code/stage on first use (never
// committed), as a git repository whose files are staged whole by the caller.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** The stage directory, installed if needed; undefined (said why) when npm cannot install it. */
export function realCodeStage(root, env) {
  const home = join(root, '.bench', 'real-code');
  const stage = join(home, 'stage');
  if (existsSync(join(stage, '.git'))) return stage;
  console.log('\nreal code: installing the pinned packages of bench/real-code (once; needs the npm registry) ...');
  rmSync(home, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  cpSync(join(root, 'bench', 'real-code', 'package.json'), join(stage, 'package.json'));
  const npm = spawnSync('npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock'], {
    cwd: stage,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (npm.status !== 0) {
    console.log(`  npm install failed; skipped: ${(npm.stderr || npm.stdout).trim().split('\n').slice(-2).join(' ')}`);
    rmSync(home, { recursive: true, force: true });
    return undefined;
  }
  execFileSync('git', ['init', '-q'], { cwd: stage, env });
  rmSync(join(stage, 'package.json'));
  return stage;
}
