import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { BLOCK_BEGIN, HUSKY_MARKER, plainMarker } from './hook-scripts.js';
import { huskyVersion, majorOf, readPackageJson, type RepoFacts, repoFacts } from './repo.js';

export interface Check {
  ok: boolean;
  text: string;
  fix?: string;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command: string): boolean {
  return (process.env['PATH'] ?? '').split(delimiter).some((d) => d !== '' && executable(join(d, command)));
}

/**
 * What to do where keygate does not run: never advice that install would refuse. A global
 * core.hooksPath (a company tool's) shadows this repository's hooks; husky 4 keeps hooks in
 * package.json; in a teammate's clone of a husky repository that already runs keygate, what
 * is missing is `npm install`, whose prepare script sets husky up.
 */
function installFix(facts: RepoFacts): string {
  const hp = facts.hooksPath;
  if (hp !== undefined && hp.scope !== 'local' && hp.scope !== 'worktree') {
    return (
      `core.hooksPath = ${hp.value} is set in your ${hp.scope} config (${hp.origin}), so git runs only the hooks there: ` +
      `add keygate to ${hp.value}/pre-commit (the hooks there keep running), or give this repository its own hooks with ` +
      `git config core.hooksPath .git/hooks and run npx keygate install (then the hooks in ${hp.value} no longer run here)`
    );
  }
  const pkg = safePackageJson(facts.root);
  const declared = huskyVersion(pkg);
  if (pkg !== undefined && (pkg.data['husky'] !== undefined || (declared !== undefined && (majorOf(declared) ?? 9) < 5))) {
    return 'this repository uses husky 4, which keygate does not install into: upgrade husky (npm install -D husky@9 && npx husky init) and run npx keygate install, or run npx keygate install --no-husky';
  }
  const huskyFile = join(facts.root, '.husky', 'pre-commit');
  if (existsSync(huskyFile) && hasKeygate(readFileSync(huskyFile, 'utf8'))) {
    return 'this repository already runs keygate through husky, which is not set up in this clone yet: run npm install';
  }
  return 'run npx keygate install (a hook that is there is kept and still runs)';
}

/** A husky hook file with keygate's block (or the one line earlier versions added). */
function hasKeygate(text: string): boolean {
  return text.includes(BLOCK_BEGIN) || text.includes(HUSKY_MARKER);
}

function safePackageJson(root: string) {
  try {
    return readPackageJson(root);
  } catch {
    return undefined;
  }
}

/** Will keygate run on the next `git commit` here, and if not, why not. */
export async function doctor(cwd: string): Promise<{ willRun: boolean; checks: Check[] }> {
  const facts = await repoFacts(cwd);
  const checks: Check[] = [];
  const hp = facts.hooksPath;
  checks.push({
    ok: true,
    text: hp
      ? `git runs hooks from ${facts.hooksDir} (core.hooksPath = ${hp.value}, set in ${hp.scope} config ${hp.origin})`
      : `git runs hooks from ${facts.hooksDir}`,
  });
  if (process.env['HUSKY'] === '0') {
    checks.push({ ok: false, text: 'HUSKY=0 is set in this environment: husky skips every hook', fix: 'unset HUSKY' });
  }
  const hook = join(facts.hooksDir, 'pre-commit');
  if (!existsSync(hook)) {
    checks.push({ ok: false, text: `there is no pre-commit hook at ${hook}`, fix: installFix(facts) });
    return { willRun: false, checks };
  }
  if (!executable(hook)) {
    checks.push({ ok: false, text: `${hook} is not executable, so git ignores it`, fix: `chmod +x ${hook}` });
  }
  const text = readFileSync(hook, 'utf8');
  if (text.includes(plainMarker('pre-commit'))) {
    const cli = join(facts.hooksDir, 'keygate', 'dist', 'cli.cjs');
    checks.push(
      existsSync(cli)
        ? { ok: true, text: `the hook runs keygate from ${cli}` }
        : { ok: false, text: `the hook's copy of keygate is missing (${cli})`, fix: 'run npx keygate install again' },
    );
  } else if (/\/h"?\s*$/m.test(text) || existsSync(join(facts.hooksDir, 'h'))) {
    const husky = join(facts.root, '.husky', 'pre-commit');
    const body = existsSync(husky) ? readFileSync(husky, 'utf8') : '';
    checks.push(
      hasKeygate(body) || /\bkeygate\b/.test(body)
        ? { ok: true, text: `husky runs .husky/pre-commit, which runs keygate` }
        : { ok: false, text: 'husky is set up, but .husky/pre-commit does not run keygate', fix: 'run npx keygate install' },
    );
  } else if (text.includes(BLOCK_BEGIN)) {
    const cli = join(facts.hooksDir, 'keygate', 'dist', 'cli.cjs');
    checks.push(
      existsSync(cli)
        ? { ok: true, text: `the hook runs keygate from ${cli}, then the rest of it` }
        : { ok: false, text: `the hook's copy of keygate is missing (${cli})`, fix: 'run npx keygate install again' },
    );
  } else if (/\bkeygate\b/.test(text)) {
    checks.push({ ok: true, text: `${hook} mentions keygate` });
  } else if (text.includes('File generated by pre-commit')) {
    // The pre-commit framework's hook runs what .pre-commit-config.yaml lists (README's two forms
    // name the hook keygate). Found by a newcomer's trial: doctor called such a repository
    // unguarded and advised an install that then stopped the framework.
    const config = join(facts.root, '.pre-commit-config.yaml');
    const stages = existsSync(config) ? keygateStages(readFileSync(config, 'utf8')) : undefined;
    checks.push(
      stages === 'all' || stages?.some((st) => st === 'pre-commit' || st === 'commit')
        ? { ok: true, text: `the pre-commit framework's hook runs .pre-commit-config.yaml, which has a keygate hook` }
        : stages !== undefined
          ? {
              ok: false,
              text: `.pre-commit-config.yaml runs its keygate hook only at ${stages.join(', ')}, not at pre-commit`,
              fix: "add pre-commit to the keygate hook's stages: (or default_stages:) in .pre-commit-config.yaml",
            }
          : {
              ok: false,
              text: `${hook} is the pre-commit framework's, and .pre-commit-config.yaml has no keygate hook`,
              fix: "add keygate's hook to .pre-commit-config.yaml (README: The pre-commit framework), or run npx keygate install (keygate goes first in this hook, which keeps running)",
            },
    );
  } else {
    checks.push({ ok: false, text: `${hook} does not run keygate`, fix: installFix(facts) });
  }
  checks.push(
    onPath('node')
      ? { ok: true, text: 'node is on PATH' }
      : { ok: false, text: 'node is not on PATH, so the hook cannot run keygate', fix: 'install Node.js >= 20' },
  );
  return { willRun: checks.every((c) => c.ok), checks };
}

/**
 * The stages the keygate hook of a .pre-commit-config.yaml runs at: 'all' when neither it nor
 * default_stages says (the framework's default), undefined when it has no keygate hook. Read
 * line by line, for the shapes the framework's docs use (stages: [a, b], or a list under it).
 * A review found doctor saying "will run" for a keygate hook with stages: [pre-push].
 */
export function keygateStages(yaml: string): string[] | 'all' | undefined {
  const lines = yaml.split(/\r?\n/);
  const listAt = (i: number, indent: number): string[] => {
    const inline = /:\s*\[([^\]]*)\]/.exec(lines[i] as string);
    if (inline)
      return (inline[1] as string)
        .split(',')
        .map((x) => x.trim().replace(/^["']|["']$/g, ''))
        .filter(Boolean);
    const out: string[] = [];
    for (let j = i + 1; j < lines.length; j++) {
      const m = /^(\s*)-\s*["']?([\w-]+)["']?\s*(?:#.*)?$/.exec(lines[j] as string);
      if (m === null || (m[1] as string).length < indent) break;
      out.push(m[2] as string);
    }
    return out;
  };
  const defaults = lines.findIndex((l) => /^default_stages\s*:/.test(l));
  const fallback = defaults === -1 ? 'all' : listAt(defaults, 0);
  const at = lines.findIndex((l) => /^\s*-?\s*id:\s*["']?keygate["']?\s*(?:#.*)?$/.test(l));
  if (at === -1) return undefined;
  const item = /^(\s*)/.exec(lines[at] as string)?.[1]?.length ?? 0;
  for (let j = at + 1; j < lines.length; j++) {
    const line = lines[j] as string;
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    const indent = /^(\s*)/.exec(line)?.[1]?.length ?? 0;
    if (indent < item || (indent === item && line.trim().startsWith('-'))) break;
    if (/^\s*stages\s*:/.test(line)) return listAt(j, indent);
  }
  return fallback;
}
