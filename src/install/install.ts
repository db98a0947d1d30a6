import { accessSync, constants, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { KeygateError } from '../errors.js';
import { copyFiles, type Step, type Undo, writeFile } from './actions.js';
import { DIST_FILES, distDir, keygateVersion, shippedHuskyDir } from './package.js';
import { huskyVersion, majorOf, type PackageJson, readPackageJson, type RepoFacts, repoFacts } from './repo.js';
import { runHusky } from './husky.js';

export const PLAIN_MARKER = '# keygate pre-commit hook, added by keygate install';
export const HUSKY_MARKER = '# added by keygate install';
export const CHAINED = chainedName('pre-commit');
export const HUSKY_RANGE = '^9.1.7';

export type HookName = 'pre-commit' | 'pre-push';

export function chainedName(hook: HookName): string {
  return `${hook}.keygate-chained`;
}

/**
 * The plain git hook: runs any hook that was there before (kept beside it), then keygate's
 * own copy. pre-push hooks get git's ref lines on stdin: both read the same lines.
 */
export function plainHook(hook: HookName = 'pre-commit'): string {
  const chained = chainedName(hook);
  const push = hook === 'pre-push';
  return `#!/bin/sh
${PLAIN_MARKER.replace('pre-commit', hook)}.
# keygate uninstall removes it and puts back any hook that was here before, which is kept
# beside it as ${chained} and still runs first: its exit status still counts.
case $0 in */*) hook_dir=\${0%/*} ;; *) hook_dir=. ;; esac
status=0
${push ? 'input=$(cat)\n' : ''}if [ -x "$hook_dir/${chained}" ]; then
  ${push ? `printf '%s\\n' "$input" | ` : ''}"$hook_dir/${chained}" "$@" || status=$?
fi
cli="$hook_dir/keygate/dist/cli.cjs"
if ! command -v node >/dev/null 2>&1; then
  echo "keygate: error: node is not on PATH, so the secret scan cannot run (${push ? 'push' : 'commit'} blocked; install Node.js >= 20, or bypass once with --no-verify)" >&2
  exit 1
fi
if [ ! -f "$cli" ]; then
  echo "keygate: error: $cli is missing (${push ? 'push' : 'commit'} blocked; run npx keygate install again, or bypass once with --no-verify)" >&2
  exit 1
fi
${push ? `printf '%s\\n' "$input" | node "$cli" pre-push "$@" || exit $?` : '# Nothing left to add to keygate\'s status: let it be the hook (one process fewer).\nif [ "$status" -eq 0 ]; then exec node "$cli" scan --staged; fi\nnode "$cli" scan --staged || exit $?'}
exit $status
`;
}

/**
 * The line keygate adds to .husky/pre-commit: keygate from node_modules once teammates have
 * run npm install, else the copy install put in the git directory — never npx, never network.
 */
export function huskyLine(): string {
  return (
    `if [ -x node_modules/.bin/keygate ]; then node_modules/.bin/keygate hook; ` +
    `elif [ -f ${COPY_IN_GIT_DIR} ]; then node ${COPY_IN_GIT_DIR} hook; ` +
    `elif ${COPY_IN_COMMON_DIR} && [ -f "$k" ]; then node "$k" hook; ` +
    `else echo "keygate: not installed in this clone: run npm install (commit blocked)" >&2; exit 1; fi ${HUSKY_MARKER}`
  );
}

/**
 * Where install puts the copy in husky mode: <git-common-dir>/keygate/dist/cli.cjs. In a plain
 * clone that is .git/..., looked at first without running git (a git process is ~5 ms of a
 * commit); linked worktrees and submodules, where .git is a file, ask git.
 */
const COPY_IN_GIT_DIR = '.git/keygate/dist/cli.cjs';
const COPY_IN_COMMON_DIR = 'k="$(git rev-parse --git-common-dir)/keygate/dist/cli.cjs"';

export interface InstallOptions {
  husky: boolean;
  dryRun: boolean;
  /** Also a pre-push hook, which scans the commits a push would send. */
  prePush?: boolean;
}

export interface InstallResult {
  mode: 'husky' | 'plain';
  /** What was done (or would be, with dryRun), in plain words. */
  done: string[];
  already: boolean;
  facts: RepoFacts;
}

export async function install(cwd: string, options: InstallOptions): Promise<InstallResult> {
  const facts = await repoFacts(cwd);
  const pkg = readPackageJson(facts.root);
  const husky = options.husky && pkg !== undefined;
  const hooks: HookName[] = options.prePush ? ['pre-commit', 'pre-push'] : ['pre-commit'];
  const steps = husky ? huskySteps(facts, pkg, hooks) : plainSteps(facts, hooks);
  const result: InstallResult = { mode: husky ? 'husky' : 'plain', done: [], already: steps.length === 0, facts };
  if (options.dryRun) {
    result.done = steps.map((s) => s.describe);
    return result;
  }
  const undo: Undo[] = [];
  for (const step of steps) {
    undo.push(...step.apply());
    result.done.push(step.describe);
  }
  if (steps.length > 0) saveState(facts, undo);
  return result;
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
  if (existing !== undefined && existing.includes(PLAIN_MARKER.replace('pre-commit', hook))) {
    if (existing === content) return [];
    return [{ describe: `update ${rel(facts, hookFile)}`, apply: () => (writeFileSync(hookFile, content), []) }];
  }
  const steps: Step[] = [];
  if (existing !== undefined) {
    const chained = join(facts.hooksDir, chainedName(hook));
    steps.push({
      describe: `keep your existing ${hook} hook as ${rel(facts, chained)}: it still runs first, and its exit status still counts`,
      apply: () => (renameSync(hookFile, chained), [{ kind: 'rename', from: chained, to: hookFile }]),
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

function huskySteps(facts: RepoFacts, pkg: PackageJson, hooks: readonly HookName[]): Step[] {
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
  const packageStep = packageJsonStep(pkg, declared === undefined);
  if (packageStep) steps.push(packageStep);
  const hookFile = join(huskyDir, 'pre-commit');
  const line = huskyLine();
  if (!existsSync(hookFile)) {
    steps.push({
      describe: 'create .husky/pre-commit with keygate in it',
      apply: () => (writeFile(hookFile, line + '\n'), [{ kind: 'remove-line', path: hookFile, marker: HUSKY_MARKER, createdFile: true }]),
    });
  } else {
    const text = readFileSync(hookFile, 'utf8');
    if (!text.includes(HUSKY_MARKER)) {
      steps.push({
        describe: 'add keygate to .husky/pre-commit, first, keeping every line that is there',
        apply: () => (writeFileSync(hookFile, insertLine(text, line)), [{ kind: 'remove-line', path: hookFile, marker: HUSKY_MARKER, createdFile: false }]),
      });
    }
  }
  if (hooks.includes('pre-push')) steps.push(...huskyPrePushSteps(huskyDir));
  const hooksPath = facts.hooksPath?.scope === 'local' || facts.hooksPath?.scope === 'worktree' ? facts.hooksPath.value : undefined;
  if (hooksPath !== '.husky/_' && hooksPath !== '.husky') {
    steps.push({
      describe: 'set husky up in this clone (core.hooksPath = .husky/_), as npm install will for teammates',
      apply: () => runHusky(facts.root, shippedHuskyDir()),
    });
  }
  return steps;
}

export const BLOCK_BEGIN = '# >>> keygate (added by keygate install; keygate uninstall removes it)';
export const BLOCK_END = '# <<< keygate';

/**
 * keygate's block in .husky/pre-push: git's ref lines arrive on stdin, which keygate reads;
 * the block then hands the same lines back as stdin to whatever follows it in the file.
 */
export function huskyPrePushBlock(): string {
  return [
    BLOCK_BEGIN,
    'keygate_refs=$(cat)',
    `if [ -x node_modules/.bin/keygate ]; then printf '%s\\n' "$keygate_refs" | node_modules/.bin/keygate pre-push "$@" || exit $?; ` +
      `elif [ -f ${COPY_IN_GIT_DIR} ]; then printf '%s\\n' "$keygate_refs" | node ${COPY_IN_GIT_DIR} pre-push "$@" || exit $?; ` +
      `elif ${COPY_IN_COMMON_DIR} && [ -f "$k" ]; then printf '%s\\n' "$keygate_refs" | node "$k" pre-push "$@" || exit $?; ` +
      `else echo "keygate: not installed in this clone: run npm install (push blocked)" >&2; exit 1; fi`,
    'exec 0<<KEYGATE_REFS',
    '$keygate_refs',
    'KEYGATE_REFS',
    BLOCK_END,
  ].join('\n');
}

function huskyPrePushSteps(huskyDir: string): Step[] {
  const file = join(huskyDir, 'pre-push');
  const exists = existsSync(file);
  const text = exists ? readFileSync(file, 'utf8') : '';
  if (text.includes(BLOCK_BEGIN)) return [];
  return [
    {
      describe: exists ? 'add keygate to .husky/pre-push, first, keeping every line (and their stdin)' : 'create .husky/pre-push with keygate in it',
      apply: () => (
        writeFile(file, exists ? insertLine(text, huskyPrePushBlock()) : huskyPrePushBlock() + '\n'),
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

function packageJsonStep(pkg: PackageJson, addHusky: boolean): Step | undefined {
  const dev = pkg.data.devDependencies ?? {};
  const deps = pkg.data.dependencies ?? {};
  const addKeygate = dev['keygate'] === undefined && deps['keygate'] === undefined;
  const prepare = pkg.data.scripts?.['prepare'];
  const addPrepare = addHusky || (prepare === undefined) || !/\bhusky\b/.test(prepare);
  if (!addKeygate && !addHusky && !addPrepare) return undefined;
  const words = [
    ...(addKeygate ? [`keygate@^${keygateVersion()}`] : []),
    ...(addHusky ? [`husky@${HUSKY_RANGE}`] : []),
  ];
  const describe = [
    words.length ? `add ${words.join(' and ')} to devDependencies in package.json` : undefined,
    addPrepare ? `make the prepare script run husky (${prepare ? `"${prepare} && husky"` : '"husky"'}), so every clone gets the hook on npm install` : undefined,
  ]
    .filter(Boolean)
    .join('; ');
  return {
    describe,
    apply: () => {
      const data = pkg.data;
      const devDeps = { ...(data.devDependencies ?? {}) };
      if (addKeygate) devDeps['keygate'] = `^${keygateVersion()}`;
      if (addHusky) devDeps['husky'] = HUSKY_RANGE;
      data.devDependencies = Object.fromEntries(Object.entries(devDeps).sort(([a], [b]) => (a < b ? -1 : 1)));
      if (addPrepare) data.scripts = { ...(data.scripts ?? {}), prepare: prepare ? `${prepare} && husky` : 'husky' };
      writeFileSync(pkg.file, JSON.stringify(data, null, pkg.indent) + (pkg.text.endsWith('\n') ? '\n' : ''));
      return [
        {
          kind: 'package-json',
          path: pkg.file,
          removeDevDependencies: [...(addKeygate ? ['keygate'] : []), ...(addHusky ? ['husky'] : [])],
          ...(addPrepare ? { prepare: { before: prepare } } : {}),
        },
      ];
    },
  };
}

export function statePath(facts: RepoFacts): string {
  return join(facts.commonDir, 'keygate', 'install.json');
}

function saveState(facts: RepoFacts, undo: Undo[]): void {
  const file = statePath(facts);
  let previous: Undo[] = [];
  try {
    previous = (JSON.parse(readFileSync(file, 'utf8')) as { undo: Undo[] }).undo;
  } catch {
    previous = [];
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify({ version: 1, undo: [...previous, ...undo] }, null, 2) + '\n');
}
