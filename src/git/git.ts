import { simpleGit, type SimpleGit } from 'simple-git';
import { KeygateError } from '../errors.js';
import type { DiffSink } from './diff-parser.js';
import { StagedDiffParser } from './diff-parser.js';
import type { StagedFile } from '../types.js';

/**
 * The only door to git. Every invocation pins the options that user config could change:
 * no colour, pager, external diff or textconv; fixed prefixes; no relative paths; raw paths
 * NUL-separated (-z) so spaces, quotes, unicode and newlines survive.
 */
const PINNED_CONFIG = [
  'core.quotepath=off',
  'color.ui=never',
  'color.diff=never',
  'diff.noprefix=false',
  'diff.mnemonicPrefix=false',
  'diff.relative=false',
  'diff.submodule=short',
  'diff.renames=true',
  'diff.interHunkContext=0',
];

/** `git diff --cached` of the index (GIT_INDEX_FILE, if git set it) against HEAD. */
export const STAGED_DIFF_ARGS = [
  'diff',
  '--cached',
  '--raw',
  '--patch',
  '-z',
  '-U0',
  '--inter-hunk-context=0',
  '--no-color',
  '--no-ext-diff',
  '--no-textconv',
  '--text',
  '--find-renames',
  '--no-relative',
  '--submodule=short',
  '--src-prefix=a/',
  '--dst-prefix=b/',
  '--diff-filter=d',
];

/**
 * simple-git drops every ambient GIT_* variable unless allowed. Git exports these to hooks so
 * that the commands a hook runs see the same repository and index: above all GIT_INDEX_FILE,
 * the temporary index of `git commit -a` and `git commit <path>`.
 */
const CONFIG_SLOTS = Array.from({ length: 10 }, (_, i) => [`GIT_CONFIG_KEY_${i}`, `GIT_CONFIG_VALUE_${i}`]).flat();
export const ALLOWED_GIT_ENV = [
  'GIT_INDEX_FILE',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_COMMON_DIR',
  'GIT_OBJECT_DIRECTORY',
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_QUARANTINE_PATH',
  'GIT_NAMESPACE',
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
  'GIT_CONFIG_GLOBAL',
  'GIT_CONFIG_SYSTEM',
  'GIT_CONFIG_NOSYSTEM',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  ...CONFIG_SLOTS,
];

export function git(cwd: string): SimpleGit {
  return simpleGit({
    baseDir: cwd,
    config: PINNED_CONFIG,
    maxConcurrentProcesses: 1,
    allowEnvironment: ALLOWED_GIT_ENV,
    // Done when git's streams close. The default also arms a 50 ms timer at process exit,
    // which keeps Node alive for 50 ms after every commit's scan.
    completion: { onClose: true, onExit: false },
  });
}

/**
 * Streams the staged diff into `sink` as git produces it. simple-git collects a command's
 * stdout in memory by default; the output handler takes the stream over so that a 1 GB staged
 * change is parsed chunk by chunk and never held at once.
 */
export async function streamStagedDiff(cwd: string, sink: DiffSink): Promise<readonly StagedFile[]> {
  const parser = new StagedDiffParser(sink);
  let failure: unknown;
  const client = git(cwd).outputHandler((_command, stdout) => {
    stdout.removeAllListeners('data');
    stdout.on('data', (chunk: Buffer) => {
      if (failure !== undefined) return;
      try {
        parser.push(chunk);
      } catch (error) {
        failure = error;
      }
    });
  });
  try {
    await client.raw(STAGED_DIFF_ARGS);
  } catch (error) {
    throw gitFailure(error);
  }
  // In a bare repository `git diff --cached` succeeds and shows nothing: only an empty diff
  // needs the extra question, so a normal commit pays for one git process, not two.
  if (parser.stagedFiles.length === 0) await assertWorkTree(cwd);
  if (failure === undefined) {
    try {
      parser.end();
    } catch (error) {
      failure = error;
    }
  }
  if (failure !== undefined) throw failure;
  return parser.stagedFiles;
}

async function assertWorkTree(cwd: string): Promise<void> {
  let inside: string;
  try {
    inside = await git(cwd).raw(['rev-parse', '--is-inside-work-tree']);
  } catch (error) {
    throw gitFailure(error);
  }
  if (inside.trim() !== 'true') {
    throw new KeygateError('NOT_A_REPO', 'not inside a git work tree (a bare repository or a .git directory)', {
      hint: 'run keygate in a repository with a work tree',
    });
  }
}

function gitFailure(error: unknown): KeygateError {
  const text = error instanceof Error ? error.message : String(error);
  const first = text.split('\n').find((l) => l.trim() !== '') ?? 'git failed';
  // Outside a repository git diff falls back to --no-index mode, which has no --cached.
  if (/not a git repository|unknown option .cached/i.test(text)) {
    return new KeygateError('NOT_A_REPO', 'not inside a git repository', {
      cause: error,
      hint: 'run keygate from inside a git work tree',
    });
  }
  if (/must be run in a work tree/i.test(text)) {
    return new KeygateError('NOT_A_REPO', 'this is a bare repository: there is no index to scan', {
      cause: error,
      hint: 'run keygate in a repository with a work tree',
    });
  }
  return new KeygateError('GIT_FAILED', `git diff --cached failed: ${first.trim()}`, { cause: error });
}
