import { defineConfig } from 'vitest/config';

/**
 * `npm run test:sync`: the hub scenario against a real PostgreSQL and a real S3-protocol
 * server (started by scripts/test-hub.sh; .ci/run does it). Kept out of `npm test`, and
 * failing (never skipping) when the servers are not there.
 */
export default defineConfig({
  test: {
    include: ['test/hub/**/*.hubtest.ts'],
    pool: 'forks',
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
