#!/usr/bin/env node
// Rule noise probe (a development tool, not a test): runs built-in detectors straight from
// src/ over real code, file by file, and prints what each one matched (redacted).
//
//   node bench/rule-noise.mjs [--module src/detectors/providers/cloud.ts] [--rules id,id] [dir...]
//
// --module: only the rules that module exports (every exported Detector array); default: all.
// Dirs default to the real-code set (.bench/real-code/stage, installed by `npm run bench:quality`),
// this project's node_modules and the public corpus. Only prefilter-selected rules run, as in a scan.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name) => {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const [v] = args.splice(i, 2).slice(1);
  return v;
};
const module = opt('--module');
const only = opt('--rules')?.split(',');
const dirs =
  args.length > 0 ? args.map((a) => resolve(a)) : [join(ROOT, '.bench/real-code/stage'), join(ROOT, 'node_modules'), resolve(ROOT, '../shared/corpus/public')];

const out = mkdtempSync(join(tmpdir(), 'keygate-noise-'));
const entry = module
  ? `export * as m from ${JSON.stringify(resolve(module))}; export { Prefilter } from ${JSON.stringify(join(ROOT, 'src/scan/prefilter.ts'))};`
  : `export { DETECTORS } from ${JSON.stringify(join(ROOT, 'src/detectors/index.ts'))}; export { Prefilter } from ${JSON.stringify(join(ROOT, 'src/scan/prefilter.ts'))};`;
await build({
  stdin: { contents: entry, resolveDir: ROOT, loader: 'ts' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  outfile: join(out, 'b.cjs'),
  logLevel: 'error',
  define: { KEYGATE_VERSION: '"probe"' },
});
const lib = createRequire(import.meta.url)(join(out, 'b.cjs'));
rmSync(out, { recursive: true, force: true });
let detectors = lib.DETECTORS ?? Object.values(lib.m).filter(Array.isArray).flat();
if (only) detectors = detectors.filter((d) => only.includes(d.id));
const prefilter = new lib.Prefilter(detectors);

function* walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (st?.isDirectory()) yield* walk(p);
    else if (st?.isFile()) yield [p, st.size];
  }
}

const hits = new Map();
let files = 0;
let bytes = 0;
const started = Date.now();
for (const dir of dirs) {
  if (!existsSync(dir)) {
    console.log(`(${dir} not found: skipped)`);
    continue;
  }
  for (const [path, size] of walk(dir)) {
    const buf = readFileSync(path);
    if (buf.subarray(0, 8000).includes(0)) continue;
    files++;
    bytes += size;
    const text = buf.toString('utf8');
    const fragment = { path, startLine: 1, startColumn: 0, text };
    for (const d of prefilter.select(text)) {
      for (const c of d.detect(fragment)) {
        const line = text.slice(0, c.start).split('\n').length;
        const list = hits.get(d.id) ?? hits.set(d.id, []).get(d.id);
        list.push(`${path.replace(ROOT + '/', '')}:${line} ${c.secret.slice(0, 6)}... (${c.secret.length} chars)`);
      }
    }
  }
}
const mb = bytes / 1024 / 1024;
console.log(`${detectors.length} detectors over ${files} files, ${mb.toFixed(1)} MB in ${((Date.now() - started) / 1000).toFixed(1)} s`);
const total = [...hits.values()].reduce((n, l) => n + l.length, 0);
console.log(`matches: ${total} (${(total / mb).toFixed(3)} per MB)`);
for (const [id, list] of [...hits].sort((a, b) => b[1].length - a[1].length)) {
  console.log(`  ${id}: ${list.length}`);
  for (const s of list.slice(0, 8)) console.log(`    ${s}`);
}
