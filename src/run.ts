/**
 * The process side of the CLI: argv, environment, stdout, exit code. The only module that
 * touches process.*. Exit codes: 0 clean, 1 findings (commit blocked), 2 error (blocked too:
 * fail closed). Two entry points use it: cli.ts (every command) and hook.ts (scan and hook
 * only: the commit path, a smaller bundle that starts faster).
 */
import { join } from 'node:path';
import { isatty } from 'node:tty';
import pc from 'picocolors';
import { requireBuiltin } from './builtins.js';
import { bundleDir } from './bundle.js';
import { isCommitPath } from './commit-path.js';
import { EXIT_ERROR, type Io } from './commands/io.js';
import { KeygateError } from './errors.js';
import { stopAllGit } from './git/git.js';
import { timeoutSeconds } from './limits.js';
import { errorLine, FAIL_CLOSED_HINT, TIMEOUT_HINT } from './messages.js';

function colorsEnabled(noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  const noColor = process.env['NO_COLOR'];
  if (noColor !== undefined && noColor !== '') return false;
  return process.stdout.isTTY === true;
}

/** KEYGATE_FAST_PATH_BYTES tunes when added files are read with git cat-file (0: always). */
export function fastPathOption(): { fastPathBytes?: number } {
  const raw = process.env['KEYGATE_FAST_PATH_BYTES'];
  if (raw === undefined || raw === '') return {};
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    throw new KeygateError('USAGE', `KEYGATE_FAST_PATH_BYTES must be a whole number of bytes, not "${raw}"`);
  }
  return { fastPathBytes: n };
}

/** KEYGATE_THREADS caps the threads a large scan uses (1: the main thread only). */
function threadsOption(): { maxThreads?: number } {
  const raw = process.env['KEYGATE_THREADS'];
  if (raw === undefined || raw === '') return {};
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new KeygateError('USAGE', `KEYGATE_THREADS must be a whole number of threads, 1 or more, not "${raw}"`);
  return { maxThreads: n };
}

export function io(argv: string[]): Io {
  // Not a file named --no-color after `--`.
  const dd = argv.indexOf('--');
  const noColor = (dd === -1 ? argv : argv.slice(0, dd)).includes('--no-color');
  return {
    cwd: process.cwd(),
    out: (text) => void process.stdout.write(text),
    warn: (text) => void process.stderr.write(safely(text, 'keygate: warning: (not shown: it could not be checked for secrets)') + '\n'),
    colors: pc.createColors(colorsEnabled(noColor)),
    now: () => new Date(),
    today: () => new Date().toISOString().slice(0, 10),
    // isatty(0), not process.stdin.isTTY: touching process.stdin builds a stream (~4 ms).
    ...(isatty(0) ? { ask } : {}),
    // On a terminal only: a CI log or a redirected stderr gets no status lines.
    ...(isatty(2) ? { progress: (line: string) => void process.stderr.write(`\r\x1b[K${line}`) } : {}),
    // Beside the running bundle (the sources have no worker script: one thread).
    ...(bundleDir() !== undefined ? { workerScript: join(bundleDir() as string, 'shard-worker.cjs') } : {}),
    ...threadsOption(),
  };
}

/** All of stdin (git's ref lines for pre-push); empty when stdin is a terminal. */
export async function readStdin(): Promise<string> {
  if (isatty(0)) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * One readline interface for every question of a run: a new one per question stacks a
 * keystroke echo per interface on the same terminal (each answer shown twice, then thrice...).
 */
let prompt: import('node:readline').Interface | undefined;

function ask(question: string): Promise<string | undefined> {
  const { createInterface } = requireBuiltin<typeof import('node:readline')>('node:readline');
  const rl = (prompt ??= createInterface({ input: process.stdin, output: process.stdout }));
  return new Promise((resolve) => {
    const closed = (): void => resolve(undefined);
    rl.once('close', closed);
    rl.question(question, (answer) => {
      rl.off('close', closed);
      resolve(answer);
    });
  });
}

/** Scans guard a commit: their errors block it. Other commands only say what went wrong. */
let guarding = false;

function describe(error: unknown): string {
  const fallback = guarding ? FAIL_CLOSED_HINT : 'nothing was changed';
  if (error instanceof KeygateError) return errorLine(error.message, error.hint ?? fallback);
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
    return errorLine(error.message, 'see keygate --help');
  }
  const message = error instanceof Error ? error.message : String(error);
  return errorLine(`internal error: ${message.split('\n')[0]}`, fallback);
}

/**
 * What an error or warning line goes through before it is shown: the scan's redaction of what
 * the rules find in it (withoutSecrets in src/scan/scanner.ts), set once the commands are
 * loaded; a message names what the user typed, a path or a pattern with a key in it among them.
 */
let shown: (message: string) => string = (message) => message;

export function showErrorsThrough(filter: (message: string) => string): void {
  shown = filter;
}

function safely(message: string, unchecked?: string): string {
  try {
    return shown(message);
  } catch {
    return (
      unchecked ??
      errorLine('keygate failed, and its message could not be checked for secrets, so it is not shown', guarding ? FAIL_CLOSED_HINT : 'nothing was changed')
    );
  }
}

function fail(error: unknown): void {
  process.stderr.write(safely(describe(error)) + '\n');
  if (process.env['KEYGATE_DEBUG'] && error instanceof Error) process.stderr.write(`${safely(String(error.stack))}\n`);
  process.exitCode = EXIT_ERROR;
  // Nothing may keep the process alive after an error (a git process started early, unread).
  exitWhenFlushed();
}

/**
 * Exits once stdout and stderr have taken everything written to them. When a command is done
 * nothing else is pending (its work is awaited or synchronous), and exiting at once spares the
 * ~4 ms Node.js spends tearing down the heap at a natural exit, at every commit.
 */
function exitWhenFlushed(): void {
  let pending = 2;
  const done = (): void => {
    if (--pending === 0) process.exit();
  };
  process.stdout.write('', done);
  process.stderr.write('', done);
}

/**
 * A scan that guards a commit never hangs it: past the bound (a git waiting on a lock, a
 * network file system, a stuck pipe) the commit is blocked with one line. Each git process
 * has the same bound on silence (src/git/git.ts), so a hung git is killed too. A timer cannot
 * interrupt a regex that runs synchronously: the team's own regexes run under their own time
 * bound (src/detectors/bounded-regex.ts), and the built-in ones are ReDoS-checked by the test suite.
 */
function armTimeout(): void {
  const seconds = timeoutSeconds();
  setTimeout(() => {
    process.stderr.write(errorLine(`the scan did not finish within ${seconds} s`, TIMEOUT_HINT) + '\n');
    stopAllGit();
    process.exit(EXIT_ERROR);
  }, seconds * 1000).unref();
}

/** Runs `main` with process wiring: errors become one line and exit 2. */
export function run(main: (argv: string[]) => Promise<number>): void {
  const argv = process.argv.slice(2);
  guarding = isCommitPath(argv[0]);
  process.on('uncaughtException', fail);
  process.on('unhandledRejection', fail);
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') fail(error);
  });
  if (guarding) armTimeout();
  main(argv).then((code) => {
    if (process.exitCode === undefined || process.exitCode === 0) process.exitCode = code;
    exitWhenFlushed();
  }, fail);
}
