// Writes dist/keywords.bin: the built-in rules' keyword index and automaton, made from the
// sources as the bundles are (src/scan/prebuilt.ts says why and what the file holds). Returns
// the file's stamp, which scripts/build.mjs gives the bundles: a run uses the file only when
// its stamp is theirs.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { importSources } from './import-sources.mjs';

export async function writeKeywordTable(outfile) {
  const { DETECTORS, prebuiltBytes } = await importSources(
    ["export { DETECTORS } from './src/detectors/index.ts';", "export { prebuiltBytes } from './src/scan/prebuilt.ts';"],
    { KEYGATE_BUNDLE: 'false', KEYGATE_KEYWORDS_STAMP: '""', KEYGATE_VERSION: '"0"' },
  );
  // The stamp is the content's own hash: the same rules give the same file.
  const stamp = createHash('sha256').update(prebuiltBytes(DETECTORS, '')).digest('hex').slice(0, 16);
  writeFileSync(outfile, prebuiltBytes(DETECTORS, stamp));
  return stamp;
}
