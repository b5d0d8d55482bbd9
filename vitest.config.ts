import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    // Native modules (better-sqlite3, sharp, onnxruntime) are safest in child processes.
    pool: 'forks',
    // Real sharp, SQLite and onnxruntime on a 2-core machine: generous, not a speed test.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
