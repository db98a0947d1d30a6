// The build scripts' way to run the sources as they are (scripts/rule-manifest.mjs,
// scripts/keyword-table.mjs): `lines` of re-exports from ./src, bundled by esbuild into a
// temporary file and imported.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';

export async function importSources(lines, define = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'keygate-sources-'));
  try {
    const outfile = join(dir, 'sources.mjs');
    await build({
      stdin: { contents: lines.join('\n'), resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile,
      logLevel: 'warning',
      define,
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
