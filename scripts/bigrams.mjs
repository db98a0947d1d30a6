#!/usr/bin/env node
// Measures which letter pairs are common in source text, for src/detectors/randomness.ts:
// counts case-folded letter bigrams inside runs of 4+ letters over a directory of real code
// (by default the pinned real-code set that `npm run bench:quality` installs) and prints the
// most frequent ones covering `share` of all occurrences.
//
//   node scripts/bigrams.mjs [dir] [share=0.8]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const dir = resolve(process.argv[2] ?? '.bench/real-code/stage');
const share = Number(process.argv[3] ?? 0.8);
const counts = new Map();
let total = 0;
function* walk(d) {
  for (const n of readdirSync(d)) {
    const p = join(d, n);
    const st = statSync(p, { throwIfNoEntry: false });
    if (st?.isDirectory()) yield* walk(p);
    else if (st?.isFile() && /\.(?:js|ts|md|json|py|go|java|rb)$/.test(n)) yield p;
  }
}
for (const p of walk(dir)) {
  const text = readFileSync(p, 'latin1');
  for (const run of text.match(/[A-Za-z]{4,}/g) ?? []) {
    const w = run.toLowerCase();
    for (let i = 0; i + 1 < w.length; i++) {
      const b = w.slice(i, i + 2);
      counts.set(b, (counts.get(b) ?? 0) + 1);
      total++;
    }
  }
}
const sorted = [...counts].sort((a, b) => b[1] - a[1]);
let covered = 0;
const common = [];
for (const [b, n] of sorted) {
  if (covered >= share * total) break;
  common.push(b);
  covered += n;
}
console.log(`${total} bigrams in letter runs; ${common.length} of ${sorted.length} distinct cover ${((100 * covered) / total).toFixed(1)}%`);
console.log(common.sort().join(' '));
