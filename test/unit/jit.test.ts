import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { INLINING_BUDGET, INLINING_FLAG, tuneForLargeScan, userSetInlining } from '../../src/jit.js';

describe('tuning V8 for a large scan', () => {
  it("leaves the user's own inlining budget alone, in either spelling, from either place", () => {
    expect(userSetInlining([], '')).toBe(false);
    expect(userSetInlining(['--max-old-space-size=4096'], '--enable-source-maps')).toBe(false);
    expect(userSetInlining([`${INLINING_FLAG}=500`], '')).toBe(true);
    expect(userSetInlining([], `--enable-source-maps ${INLINING_FLAG}=500`)).toBe(true);
    expect(userSetInlining([], '--max_inlined_bytecode_size_cumulative=10')).toBe(true);
    expect(userSetInlining([], `${INLINING_FLAG} 10`)).toBe(true);
    // A longer flag that starts the same is another flag.
    expect(userSetInlining([`${INLINING_FLAG}-extra=1`], '')).toBe(false);
  });

  it('names a flag this Node.js knows (node rejects an unknown one; V8 would print an error at run time)', () => {
    const run = spawnSync(process.execPath, [`${INLINING_FLAG}=${INLINING_BUDGET}`, '-e', 'process.stdout.write("ran")'], { encoding: 'utf8' });
    expect({ status: run.status, stdout: run.stdout, stderr: run.stderr }).toEqual({ status: 0, stdout: 'ran', stderr: '' });
  });

  it('sets it once', () => {
    expect(tuneForLargeScan([], '')).toBe('set');
    expect(tuneForLargeScan([], '')).toBe('already');
  });
});
