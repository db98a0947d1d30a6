// prepack/postpack: the published package.json carries no `prepare` script. npm never runs
// prepare for a registry install, but npm 11 warns about it on every install (allowScripts),
// and keygate needs no install-time step: dist/ is built before packing. `strip` keeps the
// original beside it; `restore` puts it back byte for byte.
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';

const FILE = 'package.json';
const KEEP = '.package.json.prepack';
const mode = process.argv[2];

if (mode === 'strip') {
  if (!existsSync('dist/cli.cjs')) {
    process.stderr.write('pack: dist/ is not built; run npm run build first\n');
    process.exit(1);
  }
  // Code caches this checkout's runs wrote for their own Node.js and flags (src/launcher.ts):
  // they fit this machine only, and a user's first commit writes its own.
  for (const f of readdirSync('dist')) if (/^(?:hook|keygate)\.[0-9a-f]{8}\.cache$/.test(f)) rmSync(`dist/${f}`);
  if (!existsSync(KEEP)) copyFileSync(FILE, KEEP);
  const text = readFileSync(KEEP, 'utf8');
  const pkg = JSON.parse(text);
  // Its scripts build and test this checkout, and allowScripts approves its build tools'
  // install scripts: neither means anything in an installed copy.
  delete pkg.scripts;
  delete pkg.allowScripts;
  writeFileSync(FILE, JSON.stringify(pkg, null, 2) + '\n');
} else if (mode === 'restore') {
  if (existsSync(KEEP)) renameSync(KEEP, FILE);
} else {
  process.stderr.write('usage: node scripts/pack-manifest.mjs strip|restore\n');
  process.exit(2);
}
