import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, statSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-write.js';
import { dirname, join, relative } from 'node:path';
import { KeygateError } from '../errors.js';
import { copyFiles, type Step, type Undo, undo, writeFile } from './actions.js';
import { commandLine, packageManagerOf, runPackageManager } from './package-manager.js';
import { DIST_FILES, distDir, keygateVersion, shippedHuskyDir } from './package.js';
import { huskyVersion, majorOf, type PackageJson, readPackageJson, type RepoFacts, repoFacts } from './repo.js';
import { runHusky } from './husky.js';
import { BLOCK_BEGIN, BLOCK_END, chainedName, HUSKY_MARKER, type HookName, huskyBlock, plainBlock, plainHook, plainMarker } from './hook-scripts.js';

export const HUSKY_RANGE = '^9.1.7';
export { BLOCK_BEGIN, BLOCK_END, chainedName, HUSKY_MARKER, type HookName, plainMarker } from './hook-scripts.js';

/** A hook that a POSIX shell runs: keygate's block goes into it, and it keeps its name and place. */
export function isShellHook(text: string): boolean {
  const first = text.split('\n', 1)[0] ?? '';
  if (!first.startsWith('#!')) return !text.includes('\0');
  return (
    /^#!\s*(?:\/usr)?\/bin\/(?:env\s+)?(?:sh|bash|dash|ksh|zsh)\b/.test(first) || /^#!\s*\/(?:usr\/)?(?:local\/)?bin\/(?:sh|bash|dash|ksh|zsh)\b/.test(first)
  );
}

export interface InstallOptions {
  husky: boolean;
  dryRun: boolean;
  /** Also a pre-push hook, which scans the commits a push would send. */
  prePush?: boolean;
  /** What to add to devDependencies as keygate (default keygate@^<this version>): a fork, a tarball. */
  from?: string;
}

export interface InstallResult {
  mode: 'husky' | 'plain';
  /** What was done (or would be, with dryRun), in plain words. */
  done: string[];
  already: boolean;
  facts: RepoFacts;
  /** What the user still has to do (run npm install where husky is not installed yet). */
  notes?: string[];
  /** Why keygate went in beside the repository's own hooks, not into husky (which would stop them). */
  besideHooks?: string;
  /** The lock file keygate kept in step, to commit with package.json. */
  lockFile?: string;
}

export async function install(cwd: string, options: InstallOptions): Promise<InstallResult> {
  const facts = await repoFacts(cwd);
  const pkg = readPackageJson(facts.root);
  // Setting husky up points core.hooksPath elsewhere, and git then runs none of the hooks it
  // runs today: a repository not on husky yet, with hooks of its own (the pre-commit
  // framework's, git-lfs's), gets keygate beside them instead. Found by a newcomer's trial:
  // keygate install in a Node repository using the pre-commit framework stopped its hook.
  refuseLefthook(facts);
  const kept = pkg !== undefined && options.husky ? hooksHuskyWouldStop(facts) : [];
  const husky = options.husky && pkg !== undefined && kept.length === 0;
  const hooks: HookName[] = options.prePush ? ['pre-commit', 'pre-push'] : ['pre-commit'];
  if (!husky && pkg !== undefined) refuseHuskyHooksPath(facts);
  const steps = husky ? huskySteps(facts, pkg, hooks, options.from) : plainSteps(facts, hooks);
  const result: InstallResult = { mode: husky ? 'husky' : 'plain', done: [], already: steps.length === 0, facts };
  if (kept.length > 0) result.besideHooks = keptNote(facts, kept);
  if (options.dryRun) {
    result.done = steps.map((s) => s.describe);
    return result;
  }
  const undone: Undo[] = [];
  try {
    for (const step of steps) {
      undone.push(...step.apply());
      result.done.push(step.describe);
    }
  } catch (error) {
    // All or nothing: what the failed install did so far is taken back.
    undo(undone);
    throw error;
  }
  if (steps.length > 0) saveState(facts, undone);
  result.notes = notesFor(facts, pkg, husky);
  const pm = husky ? packageManagerOf(facts.root) : undefined;
  if (pm !== undefined) result.lockFile = pm.lockFile;
  return result;
}

/** Git's hook names (githooks(5)): a file so named in the hooks directory, executable, runs. */
const GIT_HOOKS = [
  'applypatch-msg',
  'pre-applypatch',
  'post-applypatch',
  'pre-commit',
  'pre-merge-commit',
  'prepare-commit-msg',
  'commit-msg',
  'post-commit',
  'pre-rebase',
  'post-checkout',
  'post-merge',
  'pre-push',
  'pre-receive',
  'update',
  'proc-receive',
  'post-receive',
  'post-update',
  'reference-transaction',
  'push-to-checkout',
  'pre-auto-gc',
  'post-rewrite',
  'sendemail-validate',
  'fsmonitor-watchman',
  'p4-changelist',
  'p4-prepare-changelist',
  'p4-post-changelist',
  'p4-pre-submit',
  'post-index-change',
];

/**
 * The hooks git runs today that setting husky up here would stop: only where git runs the
 * repository's own hooks directory (no core.hooksPath, or one naming it) and husky is not
 * this repository's yet (no .husky/ directory).
 */
function hooksHuskyWouldStop(facts: RepoFacts): string[] {
  const hp = facts.hooksPath?.value.replace(/\/+$/, '');
  if (hp === '.husky/_' || hp === '.husky' || existsSync(join(facts.root, '.husky'))) return [];
  return GIT_HOOKS.filter((name) => {
    const file = join(facts.hooksDir, name);
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

const LEFTHOOK_CONFIGS = ['lefthook.yml', '.lefthook.yml', 'lefthook.yaml', '.lefthook.yaml', 'lefthook.json', 'lefthook.toml'].flatMap((name) => [
  name,
  `.config/${name}`,
]);

/**
 * A repository whose hooks lefthook writes is refused, with what to add to its config: lefthook
 * rewrites .git/hooks/pre-commit whenever it syncs its hooks (lefthook install, which many
 * projects' prepare runs, and the first commit after lefthook.yml changes), and keygate's
 * block in it was silently dropped. Found by a newcomer's trial with lefthook 2.1.
 */
function refuseLefthook(facts: RepoFacts): void {
  const config = LEFTHOOK_CONFIGS.find((name) => existsSync(join(facts.root, name)));
  let hook = '';
  try {
    hook = readFileSync(join(facts.hooksDir, 'pre-commit'), 'utf8');
  } catch {
    // no hook yet
  }
  // lefthook's own hook, by what it writes (call_lefthook, $LEFTHOOK_BIN): not a mention of it.
  if (config === undefined && !/\bcall_lefthook\b|\$LEFTHOOK_BIN\b/.test(hook)) return;
  throw new KeygateError(
    'INSTALL',
    `this repository's git hooks are lefthook's (${config ?? 'its pre-commit hook'}): lefthook rewrites them when it syncs, and would drop keygate from them`,
    {
      hint: `nothing was changed; add keygate to devDependencies and to ${config ?? 'lefthook.yml'}: pre-commit: commands: keygate: run: npx keygate scan --staged (README: lefthook)`,
    },
  );
}

function keptNote(facts: RepoFacts, kept: readonly string[]): string {
  return (
    `keygate went into ${rel(facts, facts.hooksDir)}/, beside the hooks there (${kept.join(', ')}), not into husky: setting husky up ` +
    `(core.hooksPath) would make git skip them. Teammates run npx keygate install too, or use the pre-commit framework's keygate hook (README)`
  );
}

function checkWritable(dir: string, what: string): void {
  let probe = dir;
  while (!existsSync(probe) && dirname(probe) !== probe) probe = dirname(probe);
  try {
    accessSync(probe, constants.W_OK);
  } catch {
    throw new KeygateError('INSTALL', `${what} ${dir} is not writable`, { hint: 'nothing was changed' });
  }
}

function rel(facts: RepoFacts, path: string): string {
  const r = relative(facts.root, path);
  return r.startsWith('..') ? path : r;
}

function plainSteps(facts: RepoFacts, hooksWanted: readonly HookName[]): Step[] {
  const hp = facts.hooksPath;
  if (hp !== undefined && hp.scope !== 'local' && hp.scope !== 'worktree') {
    throw new KeygateError(
      'INSTALL',
      `core.hooksPath is set to ${hp.value} in your ${hp.scope} git config (${hp.origin}), so git runs hooks from there and a hook in this repository would never run`,
      {
        hint: `nothing was changed; either let this repository use its own hooks (git config core.hooksPath .git/hooks) and run keygate install again, or add keygate to ${hp.value}/pre-commit`,
      },
    );
  }
  const hooks = facts.hooksDir;
  checkWritable(hooks, 'the hooks directory');
  const copyDir = join(hooks, 'keygate', 'dist');
  const steps: Step[] = [];
  if (!sameFiles(distDir(), copyDir)) {
    steps.push({
      describe: `copy keygate ${keygateVersion()} to ${rel(facts, copyDir)}/ (runs offline, without npx)`,
      apply: () => copyFiles(distDir(), DIST_FILES, copyDir),
    });
  }
  for (const hook of hooksWanted) steps.push(...plainHookSteps(facts, hook));
  return steps;
}

function plainHookSteps(facts: RepoFacts, hook: HookName): Step[] {
  const hookFile = join(facts.hooksDir, hook);
  const existing = existsSync(hookFile) ? readFileSync(hookFile, 'utf8') : undefined;
  const content = plainHook(hook);
  if (existing !== undefined && existing.includes(BLOCK_BEGIN)) return [];
  if (existing !== undefined && existing.includes(plainMarker(hook))) {
    if (existing === content) return [];
    return [{ describe: `update ${rel(facts, hookFile)}`, apply: () => (writeFileAtomic(hookFile, content), []) }];
  }
  if (existing !== undefined && isShellHook(existing)) {
    return [
      {
        describe: `add keygate to your existing ${hook} hook ${rel(facts, hookFile)}, first: the rest of it runs after, under its own name, and its exit status still counts`,
        apply: () => (
          writeFileAtomic(hookFile, insertLine(existing, plainBlock(hook))),
          [{ kind: 'remove-block', path: hookFile, begin: BLOCK_BEGIN, end: BLOCK_END, createdFile: false }]
        ),
      },
    ];
  }
  const steps: Step[] = [];
  if (existing !== undefined) {
    const chained = join(facts.hooksDir, chainedName(hook));
    steps.push({
      describe: `keep your existing ${hook} hook as ${rel(facts, chained)} (same name): it still runs first, and its exit status still counts`,
      apply: () => (mkdirSync(dirname(chained), { recursive: true }), renameSync(hookFile, chained), [{ kind: 'rename', from: chained, to: hookFile }]),
    });
  }
  steps.push({ describe: `write the ${hook} hook ${rel(facts, hookFile)}`, apply: () => writeFile(hookFile, content, 0o755) });
  return steps;
}

function sameFiles(from: string, to: string): boolean {
  return DIST_FILES.every((n) => {
    try {
      return readFileSync(join(from, n)).equals(readFileSync(join(to, n)));
    } catch {
      return false;
    }
  });
}

/**
 * Which husky the repository runs, and so whose conventions to follow: the installed one
 * (node_modules/husky), else the declared range, else none yet (keygate adds husky 9).
 * husky 9: `"prepare": "husky"`, hooks in .husky/ run through core.hooksPath = .husky/_.
 * husky 5-8: `"prepare": "husky install"`, core.hooksPath = .husky, and each hook file sources
 * .husky/_/husky.sh. Giving a husky 8 repository husky 9's `prepare` leaves every fresh clone
 * without hooks.
 */
export interface HuskyConvention {
  major: number;
  installed: boolean;
  prepare: string;
  hooksPath: string;
  /** The header a new .husky/<hook> file starts with. */
  header: string;
}

export function huskyConvention(root: string, pkg: PackageJson): HuskyConvention {
  let installedVersion: string | undefined;
  try {
    installedVersion = (JSON.parse(readFileSync(join(root, 'node_modules', 'husky', 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    installedVersion = undefined;
  }
  const declared = huskyVersion(pkg);
  const major = (installedVersion ? majorOf(installedVersion) : undefined) ?? (declared ? majorOf(declared) : undefined) ?? 9;
  if (major >= 9) return { major, installed: installedVersion !== undefined, prepare: 'husky', hooksPath: '.husky/_', header: '' };
  return {
    major,
    installed: installedVersion !== undefined,
    prepare: 'husky install',
    hooksPath: '.husky',
    header: '#!/usr/bin/env sh\n. "$(dirname -- "$0")/_/husky.sh"\n\n',
  };
}

function huskySteps(facts: RepoFacts, pkg: PackageJson, hooks: readonly HookName[], from: string | undefined): Step[] {
  const declared = huskyVersion(pkg);
  const major = declared === undefined ? undefined : majorOf(declared);
  if (major !== undefined && major < 5) {
    throw new KeygateError('INSTALL', `husky ${declared} is too old: husky 4 and older keep hooks in package.json`, {
      hint: 'nothing was changed; upgrade husky (npm install -D husky@9 && npx husky init), or use keygate install --no-husky',
    });
  }
  if (pkg.data['husky'] !== undefined) {
    throw new KeygateError('INSTALL', 'package.json has a "husky" section: that is husky 4 configuration', {
      hint: 'nothing was changed; upgrade husky to 9, or use keygate install --no-husky',
    });
  }
  const convention = huskyConvention(facts.root, pkg);
  const huskyDir = join(facts.root, '.husky');
  checkWritable(huskyDir, 'the husky directory');
  const steps: Step[] = [];
  const copyDir = join(facts.commonDir, 'keygate', 'dist');
  if (!sameFiles(distDir(), copyDir)) {
    steps.push({
      describe: `copy keygate ${keygateVersion()} to ${rel(facts, copyDir)}/ (used until npm install brings keygate into node_modules)`,
      apply: () => copyFiles(distDir(), DIST_FILES, copyDir),
    });
  }
  const packageStep = packageJsonStep(facts.root, pkg, declared === undefined, convention, from);
  if (packageStep) steps.push(packageStep);
  const hookFile = join(huskyDir, 'pre-commit');
  const block = huskyBlock('pre-commit');
  if (!existsSync(hookFile)) {
    steps.push({
      describe: 'create .husky/pre-commit with keygate in it',
      apply: () => (
        writeFile(hookFile, convention.header + block + '\n', 0o755),
        [{ kind: 'remove-block', path: hookFile, begin: BLOCK_BEGIN, end: BLOCK_END, createdFile: true }]
      ),
    });
  } else {
    const text = readFileSync(hookFile, 'utf8');
    // Earlier versions added one marked line instead of a block: either means keygate is there.
    if (!text.includes(BLOCK_BEGIN) && !text.includes(HUSKY_MARKER)) {
      steps.push({
        describe: 'add keygate to .husky/pre-commit, first, keeping every line that is there',
        apply: () => (
          writeFileAtomic(hookFile, insertLine(text, block)),
          [{ kind: 'remove-block', path: hookFile, begin: BLOCK_BEGIN, end: BLOCK_END, createdFile: false }]
        ),
      });
    }
  }
  if (hooks.includes('pre-push')) steps.push(...huskyPrePushSteps(huskyDir, convention));
  const hooksPath = facts.hooksPath?.scope === 'local' || facts.hooksPath?.scope === 'worktree' ? facts.hooksPath.value : undefined;
  if (hooksPath !== convention.hooksPath && hooksPath !== '.husky/_' && hooksPath !== '.husky') {
    const setUp = huskySetUp(facts, convention);
    if (setUp) steps.push(setUp);
  }
  return steps;
}

/** Sets husky up in this clone as its own version does, where keygate can. */
function huskySetUp(facts: RepoFacts, convention: HuskyConvention): Step | undefined {
  if (convention.major >= 9) {
    return {
      describe: 'set husky up in this clone (core.hooksPath = .husky/_), as npm install will for teammates',
      apply: () => runHusky(facts.root, shippedHuskyDir()),
    };
  }
  // husky 5-8 sets itself up from node_modules (husky install): only its own copy can.
  const bin = join(facts.root, 'node_modules', 'husky', 'lib', 'bin.js');
  if (!existsSync(bin)) return undefined;
  return {
    describe: `set husky ${convention.major} up in this clone (husky install: core.hooksPath = .husky)`,
    apply: () => runHusky(facts.root, join(facts.root, 'node_modules', 'husky'), ['install'], 'lib/bin.js'),
  };
}

function notesFor(facts: RepoFacts, pkg: PackageJson | undefined, husky: boolean): string[] {
  if (!husky || pkg === undefined) return [];
  const convention = huskyConvention(facts.root, pkg);
  if (convention.major < 9 && !convention.installed) {
    return [`husky ${convention.major} is not in node_modules yet: run npm install (its prepare script, husky install, sets the hooks up in this clone)`];
  }
  return [];
}

/** --no-husky where husky owns core.hooksPath: a plain hook there would stop husky's hooks. */
function refuseHuskyHooksPath(facts: RepoFacts): void {
  const value = facts.hooksPath?.value.replace(/\/+$/, '');
  if (value === '.husky/_' || value === '.husky') {
    throw new KeygateError('INSTALL', `core.hooksPath is ${value}, husky's own directory: a plain hook there would stop husky from running .husky/pre-commit`, {
      hint: 'nothing was changed; run keygate install without --no-husky (keygate then goes into .husky/pre-commit)',
    });
  }
}

function huskyPrePushSteps(huskyDir: string, convention: HuskyConvention): Step[] {
  const file = join(huskyDir, 'pre-push');
  const exists = existsSync(file);
  const text = exists ? readFileSync(file, 'utf8') : '';
  if (text.includes(BLOCK_BEGIN)) return [];
  return [
    {
      describe: exists ? 'add keygate to .husky/pre-push, first, keeping every line (and their stdin)' : 'create .husky/pre-push with keygate in it',
      apply: () => (
        writeFile(file, exists ? insertLine(text, huskyBlock('pre-push')) : convention.header + huskyBlock('pre-push') + '\n', 0o755),
        [{ kind: 'remove-block', path: file, begin: BLOCK_BEGIN, end: BLOCK_END, createdFile: !exists }]
      ),
    },
  ];
}

/** After a shebang and husky 8's sourcing line, before everything else. */
export function insertLine(text: string, line: string): string {
  const lines = text.split('\n');
  let at = 0;
  while (at < lines.length && /^(#!|\s*$|\.\s+"\$\(dirname)/.test(lines[at] as string)) at++;
  lines.splice(at, 0, line);
  return lines.join('\n');
}

function packageJsonStep(root: string, pkg: PackageJson, addHusky: boolean, convention: HuskyConvention, from: string | undefined): Step | undefined {
  const dev = pkg.data.devDependencies ?? {};
  const deps = pkg.data.dependencies ?? {};
  const addKeygate = dev['keygate'] === undefined && deps['keygate'] === undefined;
  const prepare = pkg.data.scripts?.['prepare'];
  const wanted = convention.prepare === 'husky' ? /\bhusky\b/ : /\bhusky install\b/;
  const addPrepare = addHusky || prepare === undefined || !wanted.test(prepare);
  if (!addKeygate && !addHusky && !addPrepare) return undefined;
  const keygateSpec = from ?? `keygate@^${keygateVersion()}`;
  const specs = [...(addKeygate ? [keygateSpec] : []), ...(addHusky ? [`husky@${HUSKY_RANGE}`] : [])];
  const newPrepare = prepare ? `${prepare} && ${convention.prepare}` : convention.prepare;
  const pm = specs.length > 0 ? packageManagerOf(root) : undefined;
  const describe = [
    specs.length
      ? `add ${specs.join(' and ')} to devDependencies${pm ? ` with ${commandLine(pm, pm.add(specs))} (so ${pm.lockFile} stays in step)` : ' in package.json'}`
      : undefined,
    addPrepare ? `make the prepare script run husky ("${newPrepare}"), so every clone gets the hook on npm install` : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  const names = [...(addKeygate ? ['keygate'] : []), ...(addHusky ? ['husky'] : [])];
  return {
    describe,
    apply: () => {
      const undone: Undo[] = [];
      if (pm !== undefined) {
        runPackageManager(root, pm, pm.add(specs), 'run keygate install again');
        undone.push({ kind: 'package-manager', root, manager: pm.name, remove: names, endedWithNewline: pkg.text.endsWith('\n') });
      }
      const current = readPackageJson(root) as PackageJson;
      const data = current.data;
      if (pm === undefined && specs.length > 0) {
        const devDeps = { ...(data.devDependencies ?? {}) };
        if (addKeygate) devDeps['keygate'] = from ?? `^${keygateVersion()}`;
        if (addHusky) devDeps['husky'] = HUSKY_RANGE;
        data.devDependencies = Object.fromEntries(Object.entries(devDeps).sort(([a], [b]) => (a < b ? -1 : 1)));
      }
      if (addPrepare) data.scripts = { ...(data.scripts ?? {}), prepare: newPrepare };
      writeFileAtomic(current.file, JSON.stringify(data, null, current.indent) + (current.text.endsWith('\n') ? '\n' : ''));
      undone.push({
        kind: 'package-json',
        path: current.file,
        removeDevDependencies: pm === undefined ? names : [],
        ...(addPrepare ? { prepare: { before: prepare } } : {}),
      });
      return undone;
    },
  };
}

export function statePath(facts: RepoFacts): string {
  return join(facts.commonDir, 'keygate', 'install.json');
}

function saveState(facts: RepoFacts, undo: Undo[]): void {
  const file = statePath(facts);
  let previous: Undo[];
  try {
    previous = (JSON.parse(readFileSync(file, 'utf8')) as { undo: Undo[] }).undo;
  } catch {
    previous = [];
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, JSON.stringify({ version: 1, undo: [...previous, ...undo] }, null, 2) + '\n');
}
