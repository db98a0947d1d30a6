/**
 * What each rule costs on real code: the real-code set (bench/real-code, installed by
 * `npm run bench` or `node bench/real-code/stage.mjs`) cut into 64 KB fragments as a scan cuts
 * it, the keyword prefilter run on each, and every rule it selects timed on its own. Prints
 * the prefilter's and the decoded views' time and the slowest rules, with how many fragments
 * selected them: a rule that is slow and selected often wants a gate (see define.ts).
 * Run through bench/rule-cost.mjs, which bundles this file from the sources.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { DETECTORS } from '../../src/detectors/index.js';
import { decodedViews } from '../../src/scan/decoded.js';
import { Prefilter } from '../../src/scan/prefilter.js';

const [dir, top = '25'] = process.argv.slice(2);
if (dir === undefined) throw new Error('usage: rule-cost <dir of a git repository with files staged> [how many rules to list]');
const files = execFileSync('git', ['ls-files', '-z'], { cwd: dir, maxBuffer: 1 << 28 })
  .toString()
  .split('\0')
  .filter(Boolean);
const prefilter = new Prefilter(DETECTORS);
const cost = new Map<string, number>();
const runs = new Map<string, number>();
let prefilterMs = 0;
let viewsMs = 0;
let chars = 0;
for (const path of files) {
  let text: string;
  try {
    const bytes = readFileSync(`${dir}/${path}`);
    if (bytes.subarray(0, 8000).includes(0)) continue;
    text = bytes.toString('utf8');
  } catch {
    continue;
  }
  for (let at = 0; at < text.length; at += 65536) {
    const fragment = { path, startLine: 1, startColumn: 0, text: text.slice(at, at + 65536) };
    chars += fragment.text.length;
    let start = performance.now();
    const selected = prefilter.select(fragment.text);
    prefilterMs += performance.now() - start;
    for (const d of selected) {
      start = performance.now();
      d.detect(fragment);
      cost.set(d.id, (cost.get(d.id) ?? 0) + performance.now() - start);
      runs.set(d.id, (runs.get(d.id) ?? 0) + 1);
    }
    start = performance.now();
    decodedViews(fragment);
    viewsMs += performance.now() - start;
  }
}
const rows = [...cost].sort((a, b) => b[1] - a[1]);
console.log(`${files.length} files, ${(chars / 1048576).toFixed(0)} M characters, one thread`);
console.log(`  keyword prefilter ${prefilterMs.toFixed(0)} ms; decoded views ${viewsMs.toFixed(0)} ms; rules ${rows.reduce((s, r) => s + r[1], 0).toFixed(0)} ms`);
console.log('  slowest rules (ms, fragments that selected them):');
for (const [id, ms] of rows.slice(0, Number(top))) console.log(`  ${ms.toFixed(1).padStart(8)} ${String(runs.get(id)).padStart(7)}  ${id}`);
