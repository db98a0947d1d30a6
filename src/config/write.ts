import { writeFileAtomic } from '../atomic-write.js';
import type { AllowEntry, CustomRule, KeygateConfig } from './config.js';

/**
 * Deterministic formatting, so that `git diff` of an allow shows exactly what was allowed and
 * why: fixed key order, entries sorted, one entry per line.
 */
const ALLOW_KEYS: (keyof AllowEntry)[] = ['fingerprint', 'rule', 'path', 'pattern', 'reason', 'added'];
const RULE_KEYS: (keyof CustomRule)[] = ['id', 'description', 'regex', 'keywords', 'entropy', 'severity'];

function line<T extends object>(entry: T, keys: (keyof T)[]): string {
  const parts = keys
    .filter((k) => entry[k] !== undefined)
    .map((k) => `${JSON.stringify(k)}: ${JSON.stringify(entry[k])}`);
  return `{${parts.join(', ')}}`;
}

function sortKey(e: AllowEntry): string {
  const kind = e.fingerprint ? 0 : e.pattern ? 1 : e.path ? 2 : 3;
  return [kind, e.fingerprint ?? '', e.pattern ?? '', e.path ?? '', e.rule ?? '', e.added, e.reason].join('\0');
}

export function sortAllow(entries: readonly AllowEntry[]): AllowEntry[] {
  return [...entries].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

export function formatConfig(config: KeygateConfig): string {
  const out = ['{', '  "version": 1,'];
  if (!config.defaults) out.push('  "defaults": false,');
  const allow = sortAllow(config.allow).map((e) => `    ${line(e, ALLOW_KEYS)}`);
  const rules = [...config.rules].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => `    ${line(r, RULE_KEYS)}`);
  out.push(allow.length ? `  "allow": [\n${allow.join(',\n')}\n  ],` : '  "allow": [],');
  out.push(rules.length ? `  "rules": [\n${rules.join(',\n')}\n  ]` : '  "rules": []');
  out.push('}');
  return out.join('\n') + '\n';
}

/** Writes atomically (temp file + rename), so a crash never leaves half a config. */
export function writeConfig(file: string, config: KeygateConfig): void {
  writeFileAtomic(file, formatConfig(config));
}

/** Same entry, ignoring reason and date: adding it again changes nothing. */
export function sameTarget(a: AllowEntry, b: AllowEntry): boolean {
  return a.fingerprint === b.fingerprint && a.rule === b.rule && a.path === b.path && a.pattern === b.pattern;
}
