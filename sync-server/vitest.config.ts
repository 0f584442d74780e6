import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/main.js once: the process tests spawn the real bundle.
    globalSetup: ['test/helpers/global-setup.ts'],
    // Two shared cores: one worker per core, no more.
    maxWorkers: 2,
    testTimeout: 15_000,
    hookTimeout: 15_000,
  },
});
