/**
 * Imported first by src/hook.ts, so that its body runs before the rest of the hook bundle
 * loads: a staged scan's `git diff --cached` starts as soon as simple-git is ready, and git
 * works while the detectors, config and report modules load (~4 ms of a commit's ~55).
 * Its output waits in the paused pipe until the scan reads it (hook.ts hands it over: a value,
 * not a module's hidden state); if the scan never does (a usage error), the process exits all
 * the same (src/run.ts exits once output is flushed).
 */
import { readsStagedDiff } from './commit-path.js';
import { startStagedDiff } from './git/git.js';

export const earlyStagedDiff = readsStagedDiff(process.argv.slice(2)) ? startStagedDiff(process.cwd()) : undefined;
