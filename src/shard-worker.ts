/**
 * dist/shard-worker.cjs: a worker thread of a large scan (src/scan/shards.ts). It reads its
 * shard with a git process of its own, runs the detect stage over it, and posts back what it
 * found (plain data, secrets included: they stay in this process's memory) or the error that
 * stopped it. It prints nothing and writes nothing.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { KeygateError } from './errors.js';
import { detectShard } from './index.js';
import type { ShardMessage, ShardSetup } from './scan/shards.js';

const post = (m: ShardMessage): void => parentPort?.postMessage(m);
let last = 0;

detectShard(workerData as ShardSetup, (p) => {
  // A few times a second is enough for a status line.
  const now = Date.now();
  if (now - last < 200) return;
  last = now;
  post({ kind: 'progress', ...p });
})
  .then((result) => post({ kind: 'done', result }))
  .catch((error: unknown) => {
    if (error instanceof KeygateError)
      post({ kind: 'error', code: error.code, message: error.message, ...(error.hint !== undefined ? { hint: error.hint } : {}) });
    else
      post({ kind: 'error', code: 'INTERNAL', message: `a scanning thread failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` });
  });
