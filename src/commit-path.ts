/**
 * The commit path: the commands that guard a commit or a push. The launcher runs them from the
 * lean hook bundle; their errors block (fail closed); they are bounded in time. `hook` and
 * `scan --staged` read the staged diff, which the hook bundle starts before it finishes loading.
 * The one list of them: the launcher, the hook bundle's entry and the process wiring ask here.
 */
export const COMMIT_PATH = ['scan', 'hook', 'pre-push'] as const;

export function isCommitPath(command: string | undefined): boolean {
  return (COMMIT_PATH as readonly (string | undefined)[]).includes(command);
}

/** Whether the command line reads the staged diff (so it may be started early). */
export function readsStagedDiff(args: readonly string[]): boolean {
  const [command, first] = args;
  return command === 'hook' || (command === 'scan' && first === '--staged');
}
