import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  // As scripts/build.mjs defines it for the bundles.
  define: { KEYGATE_VERSION: JSON.stringify(version), KEYGATE_BUNDLE: 'false', KEYGATE_KEYWORDS_STAMP: '""' },
  test: {
    globalSetup: ['test/helpers/print-seed.ts'],
    // vitest's default is one worker fewer than the cores: on a 2-core machine (CI's) one, and the
    // files ran one after another (592 s, the two ReDoS shards alone ~290 s). Most tests wait on
    // git and node child processes, so two workers there took it to 297 s.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // What the tests run in their own process (the CLI's runs are other processes: not counted).
    coverage: { provider: 'v8', include: ['src/**/*.ts'], reporter: ['text-summary'], reportsDirectory: 'coverage' },
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], testTimeout: 20_000 } },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      { test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 } },
      // Adversarial cases: dying git, hostile names and content, against real repos and commits.
      { test: { name: 'hostile', include: ['test/hostile/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 60_000 } },
      { test: { name: 'corpus', include: ['test/corpus/**/*.test.ts'], testTimeout: 60_000 } },
    ],
  },
});
