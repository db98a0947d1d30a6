// Writes dist/keywords.bin: the built-in rules' keyword index and automaton, made from the
// sources as the bundles are (src/scan/prebuilt.ts says why and what the file holds). Returns
// the file's stamp, which scripts/build.mjs gives the bundles: a run uses the file only when
// its stamp is theirs.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export async function writeKeywordTable(outfile) {
  const dir = mkdtempSync(join(tmpdir(), 'keygate-keywords-'));
  try {
    const entry = ["export { DETECTORS } from './src/detectors/index.ts';", "export { prebuiltBytes } from './src/scan/prebuilt.ts';"].join('\n');
    const bundled = join(dir, 'keywords.mjs');
    await build({
      stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundled,
      logLevel: 'warning',
      define: { KEYGATE_BUNDLE: 'false', KEYGATE_KEYWORDS_STAMP: '""', KEYGATE_VERSION: '"0"' },
    });
    const { DETECTORS, prebuiltBytes } = await import(pathToFileURL(bundled).href);
    // The stamp is the content's own hash: the same rules give the same file.
    const stamp = createHash('sha256').update(prebuiltBytes(DETECTORS, '')).digest('hex').slice(0, 16);
    writeFileSync(outfile, prebuiltBytes(DETECTORS, stamp));
    return stamp;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
