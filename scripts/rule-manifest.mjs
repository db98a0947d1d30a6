// Writes src/detectors/manifest.ts: what the prefilter reads of each rule of the lazily built
// groups (src/detectors/lazy.ts), taken from the rules themselves. npm run build runs it before
// it type-checks and bundles, so a build never ships a stale manifest; test/unit/manifest.test.ts
// checks the committed file against the rules.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { format, resolveConfig } from 'prettier';
import { importSources } from './import-sources.mjs';

/** The groups, as src/detectors/index.ts names them: manifest key, module, builder. */
export const GROUPS = [
  ['tokens', './src/detectors/tokens.ts', 'tokenRules'],
  ['sourceCi', './src/detectors/providers/source-ci.ts', 'sourceCiRules'],
  ['cloud', './src/detectors/providers/cloud.ts', 'cloudRules'],
  ['messaging', './src/detectors/providers/messaging.ts', 'messagingRules'],
  ['monitoringSaas', './src/detectors/providers/monitoring-saas.ts', 'monitoringSaasRules'],
  ['paymentsAiData', './src/detectors/providers/payments-ai-data.ts', 'paymentsAiDataRules'],
];
const OUT = 'src/detectors/manifest.ts';

export async function manifestSource() {
  const mod = await importSources([
    "export { manifestEntry } from './src/detectors/lazy.ts';",
    ...GROUPS.map(([, module, builder]) => `export { ${builder} } from '${module}';`),
  ]);
  const groups = GROUPS.map(
    ([key, , builder]) =>
      `  ${key}: [\n${mod[builder]()
        .map((d) => `    ${JSON.stringify(mod.manifestEntry(d))},`)
        .join('\n')}\n  ],`,
  );
  const source = [
    '// Written by scripts/rule-manifest.mjs (npm run build): do not edit. See src/detectors/lazy.ts.',
    "import type { ManifestEntry } from './lazy.js';",
    '',
    'export const MANIFEST: Record<string, readonly ManifestEntry[]> = {',
    ...groups,
    '};',
    '',
  ].join('\n');
  return format(source, { ...(await resolveConfig(OUT)), filepath: OUT });
}

/** Rewrites the manifest if the rules say otherwise (left alone if not: no needless rebuilds). */
export async function writeManifest() {
  const source = await manifestSource();
  let old = '';
  try {
    old = readFileSync(OUT, 'utf8');
  } catch {
    // not written yet
  }
  if (source !== old) writeFileSync(OUT, source);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await writeManifest();
