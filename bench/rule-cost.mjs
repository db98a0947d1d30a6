// npm run bench:rules [-- DIR [N]]: each rule's cost on real code (bench/rule-cost/entry.ts).
// The sources are bundled with esbuild (a devDependency) to a temporary file and run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { realCodeStage } from './real-code/stage.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
// The real-code set by default, installed on first use as npm run bench installs it.
const [given, top = '25'] = process.argv.slice(2);
const dir = given ?? realCodeStage(ROOT, process.env);
if (!existsSync(dir)) {
  console.error(`bench:rules: ${dir} does not exist`);
  process.exit(2);
}
const out = mkdtempSync(join(tmpdir(), 'keygate-rule-cost-'));
try {
  const file = join(out, 'rule-cost.cjs');
  await build({ entryPoints: [join(ROOT, 'bench/rule-cost/entry.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: file, logLevel: 'warning' });
  execFileSync(process.execPath, [file, dir, top], { stdio: 'inherit' });
} finally {
  rmSync(out, { recursive: true, force: true });
}
