import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where the machine's git keeps its helpers (and a hook finds `git` first on its PATH). */
export const REAL_EXEC_PATH = execFileSync('git', ['--exec-path'], { encoding: 'utf8' }).trim();

/**
 * A copy of git's exec-path (links to every helper) whose `git` is a script: the `case` arms
 * given (matched against " $* "), then the real git for everything else. Its directory: for
 * GIT_EXEC_PATH (a hook's git calls), or first on PATH (keygate's own).
 */
export function wrappedGitExecPath(prefix: string, arms: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  for (const f of readdirSync(REAL_EXEC_PATH)) if (f !== 'git') symlinkSync(join(REAL_EXEC_PATH, f), join(dir, f));
  const wrapper = join(dir, 'git');
  writeFileSync(wrapper, ['#!/bin/sh', 'case " $* " in', ...arms, 'esac', `exec "${REAL_EXEC_PATH}/git" "$@"`, ''].join('\n'));
  chmodSync(wrapper, 0o755);
  return dir;
}
