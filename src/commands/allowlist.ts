import { describeEntry } from '../allow/index.js';
import { type AllowEntry, CONFIG_FILE, configPath, type KeygateConfig, loadConfig } from '../config/config.js';
import { sortAllow, writeConfig } from '../config/write.js';
import { KeygateError } from '../errors.js';
import { scanTracked } from '../index.js';
import { ALLOWLIST_USAGE } from '../messages.js';
import { builtinIds, repoRoot } from './allow.js';
import { parseOptions } from './args.js';
import { EXIT_CLEAN, type Io } from './io.js';

export async function allowlistCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = parseOptions('allowlist', args, {
    help: { type: 'boolean', short: 'h' },
    'no-color': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
  });
  if (values.help) {
    io.out(ALLOWLIST_USAGE + '\n');
    return EXIT_CLEAN;
  }
  const [sub = 'list', ...rest] = positionals;
  const root = repoRoot(io.cwd);
  const config = await loadConfig(root, builtinIds());
  // Listed, numbered and removed in the file's own (sorted) order.
  const entries = sortAllow(config.allow);
  const sorted = { ...config, allow: entries };
  const c = io.colors;
  switch (sub) {
    case 'list': {
      if (entries.length === 0) {
        io.out(`keygate: ${CONFIG_FILE} has no allow entries\n`);
        return EXIT_CLEAN;
      }
      const { usedAllows } = await scanTracked({ cwd: io.cwd, config: sorted });
      entries.forEach((e, i) => {
        const n = usedAllows.get(e) ?? 0;
        const use = n > 0 ? c.green(`matches ${n} finding${n === 1 ? '' : 's'}`) : c.yellow('matches nothing in the tracked files');
        io.out(`${String(i + 1).padStart(3)}. ${describeEntry(e)}\n     ${e.reason} (added ${e.added}) — ${use}\n`);
      });
      return EXIT_CLEAN;
    }
    case 'remove': {
      if (rest.length === 0) throw new KeygateError('USAGE', 'say which entry to remove', { hint: 'see keygate allowlist' });
      const doomed = new Set<AllowEntry>();
      for (const key of rest) {
        const hit = entries.filter((e, i) => matchesKey(e, i, key));
        if (hit.length === 0) throw new KeygateError('USAGE', `no allow entry matches "${key}"`, { hint: 'see keygate allowlist' });
        hit.forEach((e) => doomed.add(e));
      }
      return rewrite(io, root, sorted, doomed, 'removed', values['dry-run'] === true);
    }
    case 'prune': {
      const { usedAllows } = await scanTracked({ cwd: io.cwd, config: sorted });
      const unused = entries.filter((e) => !usedAllows.has(e));
      // An entry added in the last weeks may be for files not written yet: kept, and said so.
      const recent = unused.filter((e) => daysSince(e.added, io.today()) < PRUNE_GRACE_DAYS);
      for (const e of recent) io.out(`keygate: kept, added ${e.added} (under ${PRUNE_GRACE_DAYS} days ago): ${describeEntry(e)}\n`);
      const doomed = new Set(unused.filter((e) => !recent.includes(e)));
      if (doomed.size === 0) io.out('keygate: every allow entry still matches something, or is recent\n');
      return rewrite(io, root, sorted, doomed, 'pruned', values['dry-run'] === true);
    }
    default:
      throw new KeygateError('USAGE', `unknown allowlist command "${sub}"`, { hint: 'see keygate allowlist --help' });
  }
}

/** Entries that match nothing are pruned only once they are this old. */
export const PRUNE_GRACE_DAYS = 14;

function daysSince(date: string, today: string): number {
  return (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${date}T00:00:00Z`)) / 86_400_000;
}

function matchesKey(e: AllowEntry, index: number, key: string): boolean {
  return String(index + 1) === key || e.fingerprint === key || e.path === key || e.pattern === key || (e.rule === key && !e.fingerprint);
}

function rewrite(io: Io, root: string, config: KeygateConfig, doomed: Set<AllowEntry>, verb: string, dryRun: boolean): number {
  if (doomed.size === 0) return EXIT_CLEAN;
  if (!dryRun) writeConfig(configPath(root), { ...config, allow: config.allow.filter((e) => !doomed.has(e)) });
  for (const e of doomed) io.out(`keygate: ${dryRun ? `would be ${verb}` : verb}: ${describeEntry(e)} — ${e.reason}\n`);
  return EXIT_CLEAN;
}
