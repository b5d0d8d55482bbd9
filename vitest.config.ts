import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/desktop-abi has its own config (vitest.desktop-abi.config.ts): it builds natives;
    // test/faults is the fault suite (vitest.faults.config.ts, npm run test:faults).
    exclude: ['test/e2e/**', 'test/desktop-abi/**', 'test/faults/**', 'node_modules/**'],
    // Native modules (better-sqlite3, sharp, onnxruntime) are safest in child processes.
    pool: 'forks',
    // Real sharp, SQLite and onnxruntime on a 2-core machine: generous, not a speed test.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
