/**
 * End-to-end tests: the real renderer (built by `npm run build:renderer`) in Debian's
 * Chromium, against the real HTTP server, SQLite library, onnxruntime and sharp. Each
 * test starts its own server in-process on a free port (see test/e2e/desk.ts).
 *
 * Never `npx playwright install`: the browser is the system Chromium.
 */
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  // Real imports and classification on a busy 2-core machine: generous, not a speed test.
  timeout: 120_000,
  expect: { timeout: 20_000 },
  // One worker: every test runs a server with native modules; two cores are shared.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: [['list'], ['html', { outputFolder: 'test-results/html', open: 'never' }]],
  use: {
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'pt-BR',
    timezoneId: 'America/Sao_Paulo',
    screenshot: 'on',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    },
  },
});
