import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/e2e (spawned processes, timing budgets) runs in its own pass after the unit suite: see package.json.
    environment: 'node',
    // Generous because some tests spawn real child processes (the bin, dependency-cruiser, eslint).
    testTimeout: 20_000,
  },
});
