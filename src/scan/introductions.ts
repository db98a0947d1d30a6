import type { FileAt } from '../git/history.js';
import type { Finding } from '../types.js';

/**
 * Which of a history scan's findings are introductions of their secret into their file.
 *
 * A secret's line is shown again by every commit that edits that line, and by a merge bringing
 * it from the merged branch; none of those introduce it. A commit introduces a secret into a
 * file when none of its parents has that secret in that file: the first time, and again each
 * time it comes back after being taken out. The oldest finding of each (rule, secret, file)
 * in the selection counts as an introduction without asking (a range starts where it starts).
 * Returns the introductions in commit order, then by place.
 */
export async function introductions<T>(
  items: readonly T[],
  findingOf: (item: T) => Finding,
  /** Position of a commit in the scan (oldest first); -1 for none. */
  order: (commit: string | undefined) => number,
  parentsOf: (commit: string) => readonly string[],
  /** For each file asked about, the secrets it holds. */
  secretsIn: (files: readonly FileAt[]) => Promise<ReadonlyMap<string, ReadonlySet<SecretKey>>>,
): Promise<T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const f = findingOf(item);
    const key = `${secretKey(f)}\0${f.path}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  const byPlace = (a: Finding, b: Finding): number =>
    order(a.commit) - order(b.commit) || (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.column - b.column);

  const kept: T[] = [];
  const later: T[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => byPlace(findingOf(a), findingOf(b)));
    let commit: string | undefined;
    group.forEach((item, i) => {
      const c = findingOf(item).commit;
      if (i > 0 && c === commit) return; // the same secret twice in one commit's file: one finding
      commit = c;
      (i === 0 || c === undefined ? kept : later).push(item);
    });
  }

  const asked = new Map<string, FileAt>();
  for (const item of later) {
    const f = findingOf(item);
    for (const parent of parentsOf(f.commit as string)) asked.set(fileKey({ commit: parent, path: f.path }), { commit: parent, path: f.path });
  }
  const held = asked.size === 0 ? new Map<string, ReadonlySet<SecretKey>>() : await secretsIn([...asked.values()]);
  for (const item of later) {
    const f = findingOf(item);
    const inAParent = parentsOf(f.commit as string).some((parent) => held.get(fileKey({ commit: parent, path: f.path }))?.has(secretKey(f)) === true);
    if (!inAParent) kept.push(item);
  }
  return kept.sort((a, b) => byPlace(findingOf(a), findingOf(b)));
}

/** `${rule}\0${fingerprint}`: a secret as a rule saw it. */
export type SecretKey = string;

export const secretKey = (f: Pick<Finding, 'ruleId' | 'fingerprint'>): SecretKey => `${f.ruleId}\0${f.fingerprint}`;

export const fileKey = (at: FileAt): string => `${at.commit}\0${at.path}`;
