import { testSeed } from './seed.js';

/** vitest globalSetup: says which seed this run's generated values come from. */
export default function printSeed(): void {
  process.stdout.write(`keygate tests: seed ${testSeed()} (rerun with KEYGATE_TEST_SEED=${testSeed()}; set another to draw other values)\n`);
}
