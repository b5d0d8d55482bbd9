import { defineConfig } from 'vitest/config';

/**
 * The fault suite (`npm run test:faults`): real processes killed, disks filled, cards
 * pulled. Files run one after another: each starts several processes of its own, and
 * the machine has two cores.
 */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
