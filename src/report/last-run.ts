import { mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../atomic-write.js';
import { join } from 'node:path';
import { KeygateError } from '../errors.js';
import type { Finding } from '../types.js';
import { type FindingCore, findingCore } from './json.js';

/**
 * The last blocked run, kept in .git/keygate/ for `keygate allow --last` and `keygate review`.
 * It holds locations, redacted matches and fingerprints — never a secret.
 */
export type LastRunFinding = FindingCore;

export interface LastRun {
  version: 1;
  time: string;
  findings: LastRunFinding[];
  /** Fingerprints `keygate review` was told are real secrets: never offered by allow --last. */
  real?: string[];
}

export function lastRunPath(gitDir: string): string {
  return join(gitDir, 'keygate', 'last-run.json');
}

export function saveLastRun(gitDir: string, findings: readonly Finding[], now: Date): void {
  const run: LastRun = {
    version: 1,
    time: now.toISOString(),
    findings: findings.map(findingCore),
  };
  const file = lastRunPath(gitDir);
  mkdirSync(join(gitDir, 'keygate'), { recursive: true });
  writeFileAtomic(file, JSON.stringify(run, null, 2) + '\n');
}

export function loadLastRun(gitDir: string): LastRun {
  let text: string;
  try {
    text = readFileSync(lastRunPath(gitDir), 'utf8');
  } catch {
    throw new KeygateError('USAGE', 'no blocked run to work from', {
      hint: 'keygate remembers the findings of the last blocked commit; run git commit first',
    });
  }
  try {
    const run = JSON.parse(text) as LastRun;
    if (run.version !== 1 || !Array.isArray(run.findings)) throw new Error('unknown format');
    return run;
  } catch (error) {
    throw new KeygateError('USAGE', `cannot read ${lastRunPath(gitDir)}: ${(error as Error).message}`, {
      hint: 'delete it and commit again',
    });
  }
}

/** Records that `review` was told these findings are real (allow --last then leaves them out). */
export function markReal(gitDir: string, fingerprints: readonly string[]): void {
  if (fingerprints.length === 0) return;
  const run = loadLastRun(gitDir);
  run.real = [...new Set([...(run.real ?? []), ...fingerprints])].sort();
  writeFileAtomic(lastRunPath(gitDir), JSON.stringify(run, null, 2) + '\n');
}
