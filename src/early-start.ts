/**
 * Imported first by src/hook.ts, so that its body runs before the rest of the hook bundle
 * loads: a staged scan's `git diff --cached` starts as soon as simple-git is ready, and git
 * works while the detectors, config and report modules load (~4 ms of a commit's ~55).
 * Its output waits in the paused pipe until the scan reads it; if the scan never does (a
 * usage error), the process exits all the same (src/run.ts exits once output is flushed).
 */
import { startStagedDiff } from './git/git.js';

const [command, first] = process.argv.slice(2);
if (command === 'hook' || (command === 'scan' && first === '--staged')) startStagedDiff(process.cwd());
