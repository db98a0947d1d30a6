import { execFileSync } from 'node:child_process';

/** A named pipe, made with mkfifo(1) (node:fs has no mkfifo). */
export function mkfifoSync(path: string): void {
  execFileSync('mkfifo', [path]);
}
