import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { HUSKY_MARKER, PLAIN_MARKER } from './install.js';
import { repoFacts } from './repo.js';

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

/** Will keygate run on the next `git commit` here, and if not, why not. */
export async function doctor(cwd: string): Promise<{ willRun: boolean; checks: Check[] }> {
  const facts = await repoFacts(cwd);
  const checks: Check[] = [];
  const hp = facts.hooksPath;
  checks.push({
    ok: true,
    text: hp ? `git runs hooks from ${facts.hooksDir} (core.hooksPath = ${hp.value}, set in ${hp.scope} config ${hp.origin})` : `git runs hooks from ${facts.hooksDir}`,
  });
  if (process.env['HUSKY'] === '0') {
    checks.push({ ok: false, text: 'HUSKY=0 is set in this environment: husky skips every hook', fix: 'unset HUSKY' });
  }
  const hook = join(facts.hooksDir, 'pre-commit');
  if (!existsSync(hook)) {
    checks.push({ ok: false, text: `there is no pre-commit hook at ${hook}`, fix: 'run npx keygate install' });
    return { willRun: false, checks };
  }
  if (!executable(hook)) {
    checks.push({ ok: false, text: `${hook} is not executable, so git ignores it`, fix: `chmod +x ${hook}` });
  }
  const text = readFileSync(hook, 'utf8');
  if (text.includes(PLAIN_MARKER)) {
    const cli = join(facts.hooksDir, 'keygate', 'dist', 'cli.cjs');
    checks.push(existsSync(cli) ? { ok: true, text: `the hook runs keygate from ${cli}` } : { ok: false, text: `the hook's copy of keygate is missing (${cli})`, fix: 'run npx keygate install again' });
  } else if (/\/h"?\s*$/m.test(text) || existsSync(join(facts.hooksDir, 'h'))) {
    const husky = join(facts.root, '.husky', 'pre-commit');
    const body = existsSync(husky) ? readFileSync(husky, 'utf8') : '';
    checks.push(
      body.includes(HUSKY_MARKER) || /\bkeygate\b/.test(body)
        ? { ok: true, text: `husky runs .husky/pre-commit, which runs keygate` }
        : { ok: false, text: 'husky is set up, but .husky/pre-commit does not run keygate', fix: 'run npx keygate install' },
    );
  } else if (/\bkeygate\b/.test(text)) {
    checks.push({ ok: true, text: `${hook} mentions keygate` });
  } else {
    checks.push({ ok: false, text: `${hook} does not run keygate`, fix: 'run npx keygate install (your hook is kept and still runs)' });
  }
  checks.push(onPath('node') ? { ok: true, text: 'node is on PATH' } : { ok: false, text: 'node is not on PATH, so the hook cannot run keygate', fix: 'install Node.js >= 20' });
  return { willRun: checks.every((c) => c.ok), checks };
}
