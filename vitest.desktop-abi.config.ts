import { defineConfig } from 'vitest/config';

/**
 * `npm run test:desktop-abi`: the two-runtime test, apart from the unit and integration
 * suite because its first run installs node@22 and compiles better-sqlite3 (~2 min on 2
 * cores; cached in ~/.cache/inspection-desk afterwards).
 */
export default defineConfig({
  test: {
    include: ['test/desktop-abi/**/*.test.ts'],
    pool: 'forks',
    // Both files prepare the same stand-in build; one at a time, so it is made once.
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 900_000,
  },
});
