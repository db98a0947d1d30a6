/**
 * The shell keygate install writes: real files in hooks/templates/ (read at build time into
 * the bundle; `sh -n` checks every filled one in test/unit/hook-scripts.test.ts), filled here
 * and nowhere else. Two ways to find keygate: its copy beside a plain git hook (find-copy.sh),
 * or node_modules then the git directory's copy for husky (find-husky.sh); both block with the
 * same two messages (messages.ts) when keygate or node is not there.
 */
import blockPreCommit from '../../hooks/templates/block-pre-commit.sh?raw';
import blockPrePush from '../../hooks/templates/block-pre-push.sh?raw';
import findCopy from '../../hooks/templates/find-copy.sh?raw';
import findHusky from '../../hooks/templates/find-husky.sh?raw';
import huskyPreCommit from '../../hooks/templates/husky-pre-commit.sh?raw';
import huskyPrePush from '../../hooks/templates/husky-pre-push.sh?raw';
import plainPreCommit from '../../hooks/templates/plain-pre-commit.sh?raw';
import plainPrePush from '../../hooks/templates/plain-pre-push.sh?raw';
import { KeygateError } from '../errors.js';
import { hookNoNode, hookNotFound } from '../messages.js';

export type HookName = 'pre-commit' | 'pre-push';

/** The first comment line of a hook keygate wrote whole (.git/hooks/pre-commit, pre-push). */
export function plainMarker(hook: HookName): string {
  return `# keygate ${hook} hook, added by keygate install`;
}
/** keygate's block in a hook file it shares with other lines (an existing shell hook, .husky/*). */
export const BLOCK_BEGIN = '# >>> keygate (added by keygate install; keygate uninstall removes it)';
export const BLOCK_END = '# <<< keygate';
/** The one-line form of .husky/pre-commit that earlier versions wrote (still recognised and removed). */
export const HUSKY_MARKER = '# added by keygate install';

/**
 * Where a hook that was there before keygate, and is not a shell script, is kept: in a
 * directory of keygate's, under its own name. Hooks look up their own name (husky 4's and
 * husky 9's find their config by `basename "$0"`), so it must not change.
 */
export function chainedName(hook: HookName): string {
  return `keygate/chained/${hook}`;
}

/** The plain git hook: any hook that was there before (kept beside it) runs first, then keygate's copy. */
export function plainHook(hook: HookName): string {
  return fill(hook === 'pre-push' ? plainPrePush : plainPreCommit, hook, { MARKER: plainMarker(hook), CHAINED: chainedName(hook) });
}

/** keygate's block at the top of an existing shell hook: the rest runs after it, as it was. */
export function plainBlock(hook: HookName): string {
  return fill(hook === 'pre-push' ? blockPrePush : blockPreCommit, hook).trimEnd();
}

/** keygate's block in .husky/pre-commit or .husky/pre-push. */
export function huskyBlock(hook: HookName): string {
  return fill(hook === 'pre-push' ? huskyPrePush : huskyPreCommit, hook).trimEnd();
}

/** Fills a template's @NAME@ places; every one must be filled, and nothing filled in may break its quotes. */
export function fill(template: string, hook: HookName, values: Record<string, string> = {}): string {
  const what = hook === 'pre-push' ? 'push' : 'commit';
  const all: Record<string, string> = {
    BEGIN: BLOCK_BEGIN,
    END: BLOCK_END,
    FIND_COPY: findCopy.trimEnd(),
    FIND_HUSKY: findHusky.trimEnd(),
    ...values,
  };
  // Snippets first (they hold message places of their own), then the messages.
  let text = template.replace(/@(FIND_COPY|FIND_HUSKY)@/g, (_, name: string) => all[name] as string);
  const messages: Record<string, string> = { NO_NODE: hookNoNode(what), NOT_FOUND: hookNotFound(what) };
  for (const [name, message] of Object.entries(messages)) {
    if (/["$`\\]/.test(message)) throw new KeygateError('INTERNAL', `hook message ${name} would break its shell quotes`);
  }
  text = text.replace(/@([A-Z_]+)@/g, (place, name: string) => {
    const value = messages[name] ?? all[name];
    if (value === undefined) throw new KeygateError('INTERNAL', `hook template place ${place} has no value`);
    return value;
  });
  return text;
}
