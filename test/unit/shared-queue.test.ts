import { describe, expect, it } from 'vitest';
import { SharedQueue } from '../../src/scan/shards.js';

/**
 * The queue the threads of a large scan take files from (src/scan/shards.ts): every item is
 * handed out once, to one taker, however their takes interleave, and each taker's count is
 * what it took (the counts must add up to every file: ShardRunner checks).
 */
describe('SharedQueue', () => {
  it('hands each item to exactly one of the takers sharing its buffer, and counts what each took', () => {
    const items = Array.from({ length: 1000 }, (_, i) => i);
    const main = new SharedQueue(items);
    const other = new SharedQueue(items, main.buffer);
    const a = main.take();
    const b = other.take();
    const got: number[][] = [[], []];
    // Interleaved unevenly: three from one, one from the other.
    for (let step = 0; ; step++) {
      const from = step % 4 === 3 ? b : a;
      const next = from.next();
      if (next.done === true) {
        for (const rest of from === a ? b : a) got[from === a ? 1 : 0]!.push(rest);
        break;
      }
      got[from === a ? 0 : 1]!.push(next.value);
    }
    expect([...got[0]!, ...got[1]!].sort((x, y) => x - y)).toEqual(items);
    expect(main.claimed).toBe(got[0]!.length);
    expect(other.claimed).toBe(got[1]!.length);
    expect(main.claimed + other.claimed).toBe(items.length);
    expect(other.claimed).toBeGreaterThan(200);
  });

  it('an empty list hands out nothing', () => {
    const q = new SharedQueue([]);
    expect([...q.take()]).toEqual([]);
    expect(q.claimed).toBe(0);
  });
});
