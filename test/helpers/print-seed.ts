import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ROOT } from './repo.js';
import { testSeed } from './seed.js';

/**
 * vitest globalSetup: says which seed this run's generated values come from, and whether the
 * labelled corpus the corpus tests need is there (a fresh clone alone does not have it: the
 * tests are skipped, and this says so, not only a "1 skipped" in the summary).
 */
export default function printSeed(): void {
  process.stdout.write(`keygate tests: seed ${testSeed()} (rerun with KEYGATE_TEST_SEED=${testSeed()}; set another to draw other values)\n`);
  const corpus = resolve(ROOT, '../shared/corpus/public');
  if (!existsSync(corpus)) {
    process.stdout.write(`keygate tests: the corpus tests (test/corpus/) are SKIPPED: they need the labelled corpus at ${corpus}, which is not there\n`);
  }
}
