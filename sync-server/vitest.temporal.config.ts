import { defineConfig } from 'vitest/config';

// The Temporal bridge against a REAL Temporal dev server: run by `node scripts/temporal.mjs` (part of
// `npm test`), which starts the server and sets TEMPORAL_TEST_ADDRESS. Kept apart so the main suite stays fast.
export default defineConfig({
  test: {
    include: ['test-temporal/**/*.test.ts'],
    // One Temporal server, one worker process: run the files one after another.
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
