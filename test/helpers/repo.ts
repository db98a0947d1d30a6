import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, mkdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FindingCore } from '../../src/report/json.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(ROOT, 'dist/cli.cjs');
export const HOOKS = join(ROOT, 'hooks');

/** A clean environment for git: no user or system config leaks into the tests. */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('GIT_')) delete env[k];
  delete env['NO_COLOR'];
  return {
    ...env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_AUTHOR_NAME: 'Test',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    ...extra,
  };
}

export interface Repo {
  dir: string;
  git(...args: string[]): string;
  gitRun(args: string[], options?: { env?: Record<string, string>; input?: string }): SpawnSyncReturns<string>;
  write(path: string, content: string | Buffer): void;
  /** Runs the built CLI in the repo. */
  keygate(args: string[], env?: Record<string, string>): SpawnSyncReturns<string>;
}

export function makeRepo(): Repo {
  const dir = realpathSync(mkdtempSync(join(tmpdir(), 'keygate-test-')));
  const repo: Repo = {
    dir,
    git: (...args) => execFileSync('git', args, { cwd: dir, env: gitEnv(), encoding: 'utf8' }),
    gitRun: (args, options = {}) =>
      spawnSync('git', args, {
        cwd: dir,
        env: gitEnv(options.env),
        encoding: 'utf8',
        ...(options.input !== undefined ? { input: options.input } : {}),
      }),
    write: (path, content) => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    },
    keygate: (args, env = {}) => spawnSync(process.execPath, [CLI, ...args], { cwd: dir, env: gitEnv(env), encoding: 'utf8' }),
  };
  repo.git('init', '-q', '-b', 'main');
  repo.git('config', 'commit.gpgsign', 'false');
  repo.git('config', 'gc.auto', '0');
  return repo;
}

/** Runs `fn` with a fresh temp repo, removed afterwards whatever happens. */
export async function withRepo<T>(fn: (repo: Repo) => T | Promise<T>): Promise<T> {
  const repo = makeRepo();
  try {
    return await fn(repo);
  } finally {
    rmSync(repo.dir, { recursive: true, force: true });
  }
}

/** Installs keygate's hook by pointing core.hooksPath at this package's hooks/. */
export function installHook(repo: Repo): void {
  repo.git('config', 'core.hooksPath', HOOKS);
}

export interface JsonFinding extends FindingCore {
  confidence: string;
  facts: Record<string, string>;
  pairedWith: { rule: string; file: string; line: number; column: number }[];
  notes?: string[];
}

export interface JsonReport {
  version: number;
  findings: JsonFinding[];
  suppressed: (JsonFinding & { reason: string })[];
  stats: { files: number; addedLines: number; bytes: number; binarySkipped: number; binaryFiles: string[] };
}

export function scanJson(repo: Repo, env: Record<string, string> = {}): { status: number | null; report: JsonReport; stderr: string } {
  const r = repo.keygate(['scan', '--staged', '--format', 'json'], env);
  if (r.status === 2) throw new Error(`keygate failed: ${r.stderr}`);
  return { status: r.status, report: JSON.parse(r.stdout) as JsonReport, stderr: r.stderr };
}

export function where(report: JsonReport): string[] {
  return report.findings.map((f) => `${f.rule} ${f.file}:${f.line}:${f.column}`);
}
