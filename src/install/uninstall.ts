import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runGit, unsetLocalConfig } from '../git/git.js';
import { removeIfEmpty, type Undo, undo } from './actions.js';
import { BLOCK_BEGIN, BLOCK_END, chainedName, HUSKY_MARKER, plainMarker } from './hook-scripts.js';
import { statePath } from './install.js';
import { repoFacts } from './repo.js';

/**
 * Removes exactly what install added and puts back what was there, from the steps install
 * recorded; in a clone without that record (a teammate's), from keygate's markers.
 */
export async function uninstall(cwd: string, dryRun: boolean): Promise<string[]> {
  const facts = await repoFacts(cwd);
  const file = statePath(facts);
  let recorded: Undo[] | undefined;
  try {
    recorded = (JSON.parse(readFileSync(file, 'utf8')) as { undo: Undo[] }).undo;
  } catch {
    recorded = undefined;
  }
  const steps = recorded ?? markerSteps(facts.root, facts.hooksDir, facts.commonDir);
  const runDirs = await lastRunDirs(facts.root, facts.commonDir);
  const lastRuns = runDirs.map((d) => join(d, 'last-run.json')).filter((f) => existsSync(f));
  if (dryRun) {
    const runs = lastRuns.map((run) => `remove ${run} (the last blocked run, kept for keygate allow --last)`);
    return [...new Set([...steps, ...(recorded ? markerSteps(facts.root, facts.hooksDir, facts.commonDir) : [])].map(describeUndo)), ...runs];
  }
  const done = undo(steps);
  // What the record does not cover: keygate's lines in files it found already there (a
  // teammate's clone: .husky/pre-commit came with the repository), found by their markers.
  if (recorded) done.push(...undo(markerSteps(facts.root, facts.hooksDir, facts.commonDir)));
  for (const u of steps) {
    if (u.kind !== 'git-config-unset') continue;
    const value = (await runGit(u.root, ['config', '--local', '--get', u.key]).catch(() => '')).trim();
    if (value === '.husky/_' || value === '.husky') {
      await unsetLocalConfig(u.root, u.key);
      done.push(`unset ${u.key} (it was set by husky for keygate)`);
    }
  }
  if (existsSync(file)) rmSync(file);
  // The hook's record of its last blocked run (for keygate allow --last) is keygate's too: a
  // newcomer's trial found it left behind. Then keygate's directory, if that left it empty.
  for (const run of lastRuns) {
    rmSync(run);
    done.push(`removed ${run} (the last blocked run, kept for keygate allow --last)`);
  }
  for (const dir of runDirs) removeIfEmpty(dir);
  return done;
}

/** keygate's directories where the hook keeps its last run: the shared git directory's, and this worktree's own. */
async function lastRunDirs(root: string, commonDir: string): Promise<string[]> {
  const own = (await runGit(root, ['rev-parse', '--absolute-git-dir']).catch(() => '')).trim();
  return [...new Set([commonDir, ...(own ? [own] : [])])].map((d) => join(d, 'keygate'));
}

function markerSteps(root: string, hooksDir: string, commonDir: string): Undo[] {
  const steps: Undo[] = [];
  let plain = false;
  for (const name of ['pre-commit', 'pre-push'] as const) {
    const hook = join(hooksDir, name);
    const text = existsSync(hook) ? readFileSync(hook, 'utf8') : '';
    if (text.includes(BLOCK_BEGIN)) {
      steps.push({ kind: 'remove-block', path: hook, begin: BLOCK_BEGIN, end: BLOCK_END, createdFile: false });
      plain = true;
      continue;
    }
    if (!text.includes(plainMarker(name))) continue;
    plain = true;
    steps.push({ kind: 'rename', from: join(hooksDir, chainedName(name)), to: hook });
    steps.push({ kind: 'remove-file', path: hook });
  }
  if (plain) steps.unshift({ kind: 'remove-dir', path: join(hooksDir, 'keygate') });
  for (const name of ['pre-commit', 'pre-push']) {
    const husky = join(root, '.husky', name);
    const text = existsSync(husky) ? readFileSync(husky, 'utf8') : '';
    if (text.includes(BLOCK_BEGIN)) steps.push({ kind: 'remove-block', path: husky, begin: BLOCK_BEGIN, end: BLOCK_END, createdFile: false });
    // The one line earlier versions added to .husky/pre-commit.
    if (text.includes(HUSKY_MARKER)) steps.push({ kind: 'remove-line', path: husky, marker: HUSKY_MARKER, createdFile: false });
  }
  if (existsSync(join(commonDir, 'keygate', 'dist'))) steps.push({ kind: 'remove-dir', path: join(commonDir, 'keygate', 'dist') });
  return steps;
}

function describeUndo(u: Undo): string {
  switch (u.kind) {
    case 'remove-file':
      return `remove ${u.path}`;
    case 'remove-dir':
      return `remove ${u.path}/`;
    case 'remove-code-caches':
      return `remove the code caches in ${u.dir}/`;
    case 'rename':
      return `put back ${u.to}`;
    case 'remove-line':
      return `remove keygate's line from ${u.path}`;
    case 'remove-block':
      return `remove keygate's block from ${u.path}`;
    case 'package-json':
      return `restore package.json (${[...u.removeDevDependencies.map((d) => `devDependency ${d}`), ...(u.prepare ? ['the prepare script'] : [])].join(', ')})`;
    case 'git-config-unset':
      return `unset ${u.key} if husky's`;
    case 'package-manager':
      return `remove ${u.remove.join(' and ')} with ${u.manager}`;
  }
}
