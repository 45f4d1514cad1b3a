import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // Generous because some tests spawn real child processes (the bin, dependency-cruiser, eslint).
    testTimeout: 20_000,
  },
});
