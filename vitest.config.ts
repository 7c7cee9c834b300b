import { defineConfig } from 'vitest/config';

// Two projects: fast unit tests of pure code, and end-to-end tests that load the built
// extension into real browsers (one browser at a time: the machines have two cores).
export default defineConfig({
  test: {
    // The JSON report gives .ci/run the totals of all runs for its closing line.
    reporters: ['default', 'json'],
    outputFile: { json: 'artifacts/vitest.json' },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          pool: 'forks',
        },
      },
    ],
  },
});
