import { writeFileAtomic } from '../atomic-write.js';
import type { AllowEntry, CustomRule, KeygateConfig } from './config.js';

/**
 * Deterministic formatting, so that `git diff` of an allow shows exactly what was allowed and
 * why: fixed key order, entries sorted, one field per line — the layout prettier gives JSON
 * (teams often run it on *.json through lint-staged, and a file it rewrites after every
 * `keygate allow` is noise in every diff): two-space indents, objects expanded, a list of
 * plain values on one line when it fits in 80 columns. A test checks it against prettier.
 */
const ALLOW_KEYS: (keyof AllowEntry)[] = ['fingerprint', 'rule', 'path', 'pattern', 'seen', 'reason', 'added'];
const RULE_KEYS: (keyof CustomRule)[] = ['id', 'description', 'regex', 'keywords', 'entropy', 'severity'];

function ordered<T extends object>(entry: T, keys: (keyof T)[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (entry[k] !== undefined) out[k as string] = entry[k];
  return out;
}

function sortKey(e: AllowEntry): string {
  const kind = e.fingerprint ? 0 : e.pattern ? 1 : e.path ? 2 : 3;
  return [kind, e.fingerprint ?? '', e.pattern ?? '', e.path ?? '', e.rule ?? '', e.added, e.reason].join('\0');
}

export function sortAllow(entries: readonly AllowEntry[]): AllowEntry[] {
  return [...entries].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
}

/** A JSON list of strings or numbers, expanded one per line, put on one line if it fits. */
const PRIMITIVE_LIST = /^( *)("[^"\n]*": )?\[\n((?: *(?:"(?:[^"\\\n]|\\.)*"|-?\d[\d.eE+-]*|true|false|null),?\n)+) *\](,?)$/gm;

function collapseLists(json: string): string {
  return json.replace(PRIMITIVE_LIST, (whole, indent: string, key: string | undefined, items: string, comma: string) => {
    const values = items
      .split('\n')
      .map((l) => l.trim().replace(/,$/, ''))
      .filter((l) => l !== '');
    const one = `${indent}${key ?? ''}[${values.join(', ')}]${comma}`;
    return one.length <= 80 ? one : whole;
  });
}

export function formatConfig(config: KeygateConfig): string {
  const data: Record<string, unknown> = { version: 1 };
  if (!config.defaults) data['defaults'] = false;
  data['allow'] = sortAllow(config.allow).map((e) => ordered(e, ALLOW_KEYS));
  data['rules'] = [...config.rules].sort((a, b) => (a.id < b.id ? -1 : 1)).map((r) => ordered(r, RULE_KEYS));
  return collapseLists(JSON.stringify(data, null, 2)) + '\n';
}

/** Writes atomically (temp file + rename), so a crash never leaves half a config. */
export function writeConfig(file: string, config: KeygateConfig): void {
  writeFileAtomic(file, formatConfig(config));
}

/** Same entry, ignoring reason and date: adding it again changes nothing. */
export function sameTarget(a: AllowEntry, b: AllowEntry): boolean {
  return a.fingerprint === b.fingerprint && a.rule === b.rule && a.path === b.path && a.pattern === b.pattern;
}
