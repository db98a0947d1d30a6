import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, gitEnv, ROOT, type Repo, withRepo } from '../helpers/repo.js';
import { assertNoSecret, fakeKeyId } from '../helpers/secrets.js';

/**
 * The CI recipes README points to (docs/ci/github-actions.yml, docs/ci/any-ci.sh), run as CI
 * runs them: the workflow's scan step is taken from the YAML as written and run by sh in real
 * repositories shaped like a checkout of a pull request or a push, with keygate as built here
 * in place of `npx --yes keygate`.
 */
const WORKFLOW = join(ROOT, 'docs/ci/github-actions.yml');
const ANY_CI = join(ROOT, 'docs/ci/any-ci.sh');
const KEYGATE = `${process.execPath} ${CLI}`;

/** The `run: |` block of the step named "keygate scan", dedented. */
function scanStep(): string {
  const lines = readFileSync(WORKFLOW, 'utf8').split('\n');
  const named = lines.findIndex((l) => /-\s+name:\s+keygate scan\s*$/.test(l));
  const run = lines.findIndex((l, i) => i > named && /^\s+run:\s*\|\s*$/.test(l));
  expect(named).toBeGreaterThan(-1);
  expect(run).toBeGreaterThan(named);
  const indent = (lines[run + 1]!.match(/^\s*/) as RegExpMatchArray)[0].length;
  const body: string[] = [];
  for (const l of lines.slice(run + 1)) {
    if (l.trim() !== '' && (l.match(/^\s*/) as RegExpMatchArray)[0].length < indent) break;
    body.push(l.slice(indent));
  }
  const script = body.join('\n');
  expect(script).toContain('npx --yes keygate scan');
  return script.replace('npx --yes keygate', KEYGATE);
}

function sh(repo: Repo, script: string, env: Record<string, string>, args: string[] = []) {
  return spawnSync('sh', ['-c', script, 'sh', ...args], { cwd: repo.dir, env: gitEnv(env), encoding: 'utf8' });
}

function commit(repo: Repo, files: Record<string, string>, message: string): string {
  for (const [p, c] of Object.entries(files)) repo.write(p, c);
  repo.git('add', '-A');
  repo.git('commit', '-q', '-m', message);
  return repo.git('rev-parse', 'HEAD').trim();
}

/** main on the "remote" (refs/remotes/origin/main), and a branch checked out on top of it. */
function pullRequest(repo: Repo, added: Record<string, string>): void {
  commit(repo, { 'README.md': 'app\n' }, 'base');
  repo.git('update-ref', 'refs/remotes/origin/main', 'HEAD');
  repo.git('checkout', '-q', '-b', 'feature');
  commit(repo, added, 'feature');
}

describe('docs/ci/github-actions.yml: the scan step', () => {
  it('a pull request that adds a key: exit 1, a SARIF report naming it, no secret in it', () =>
    withRepo((repo) => {
      const id = fakeKeyId();
      pullRequest(repo, { 'deploy/app.ini': `key = ${id}\n` });
      const r = sh(repo, scanStep(), { BASE_REF: 'main', BEFORE: '' });
      expect(r.status, r.stderr).toBe(1);
      const sarif = readFileSync(join(repo.dir, 'keygate.sarif'), 'utf8');
      const run = JSON.parse(sarif).runs[0];
      expect(run.results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['aws-access-key-id']);
      expect(run.results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('deploy/app.ini');
      assertNoSecret([sarif, r.stdout, r.stderr], [id]);
    }));

  it('a clean pull request passes; an old leak on main is not the pull request’s', () =>
    withRepo((repo) => {
      commit(repo, { 'old.ini': `key = ${fakeKeyId()}\n` }, 'old leak');
      pullRequest(repo, { 'src/app.js': 'export const x = 1;\n' });
      const r = sh(repo, scanStep(), { BASE_REF: 'main', BEFORE: '' });
      expect(r.status, r.stderr).toBe(0);
      expect(existsSync(join(repo.dir, 'keygate.sarif'))).toBe(true);
    }));

  it('a push: what it adds over the commit before it; a new branch (before = zeros): over origin/main', () =>
    withRepo((repo) => {
      pullRequest(repo, { 'a.ini': `key = ${fakeKeyId()}\n` });
      const before = repo.git('rev-parse', 'HEAD').trim();
      commit(repo, { 'src/b.js': 'export const b = 2;\n' }, 'clean push');
      expect(sh(repo, scanStep(), { BASE_REF: '', BEFORE: before }).status).toBe(0);
      expect(sh(repo, scanStep(), { BASE_REF: '', BEFORE: '0'.repeat(40) }).status).toBe(1);
    }));

  it('with a committed baseline, a known secret passes and a new one fails', () =>
    withRepo((repo) => {
      const known = fakeKeyId();
      pullRequest(repo, { 'legacy.ini': `key = ${known}\n` });
      const made = spawnSync(process.execPath, [CLI, 'baseline'], { cwd: repo.dir, env: gitEnv(), encoding: 'utf8' });
      expect(made.status, made.stderr).toBe(0);
      commit(repo, { 'extra.txt': 'x\n' }, 'baseline');
      expect(sh(repo, scanStep(), { BASE_REF: 'main', BEFORE: '' }).status).toBe(0);
      commit(repo, { 'new.ini': `key = ${fakeKeyId()}\n` }, 'new leak');
      expect(sh(repo, scanStep(), { BASE_REF: 'main', BEFORE: '' }).status).toBe(1);
    }));
});

describe('docs/ci/any-ci.sh', () => {
  it('fails on a new key, passes a clean change, and a base that does not exist is an error', () =>
    withRepo((repo) => {
      pullRequest(repo, { 'k.ini': `key = ${fakeKeyId()}\n` });
      const run = (...args: string[]) => spawnSync('sh', [ANY_CI, ...args], { cwd: repo.dir, env: gitEnv({ KEYGATE: KEYGATE }), encoding: 'utf8' });
      expect(run('origin/main', 'out.sarif').status).toBe(1);
      expect(JSON.parse(readFileSync(join(repo.dir, 'out.sarif'), 'utf8')).runs[0].results).toHaveLength(1);
      expect(run('HEAD').status).toBe(0);
      expect(run('origin/nope').status).toBe(2);
      expect(run().status).not.toBe(0);
    }));
});
