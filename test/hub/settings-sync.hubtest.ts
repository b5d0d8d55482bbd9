/**
 * Settings' "Sync now" against a real hub: the UI path through the real HTTP server, in
 * Debian's Chromium (playwright-core), with PostgreSQL (Debian) and s3rver. It runs here,
 * in `npm run test:sync`, because the e2e run has no PostgreSQL (test/e2e/hub-sync.spec.ts
 * covers the unreachable hub there). Laptop A syncs from the page: the sync is a job
 * that survives a reload and can be cancelled; a network cut and a wrong password end
 * it with messages saying what to do; the finished sync brings laptop B's decisions
 * and the status card shows it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncWithHub } from '../../electron/core/hub/sync.js';
import {
  defaultRendererDir,
  startServer,
  type RunningServer,
} from '../../electron/server/server.js';
import { makeSdCard } from '../fixtures/sd-card.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { importCard, label, useLaptops } from './laptops.js';
import { cuttableLink, type CuttableLink } from './network-cut.js';
import { createThrowawayHub, testHubServers, type ThrowawayHub } from './throwaway-hub.js';

const servers = testHubServers();
const SCREENS = path.resolve('test-results/screens');
const tempDir = useTempDirs();
const laptop = useLaptops();
let th: ThrowawayHub;
let browser: Browser;
let server: RunningServer | undefined;
const links: CuttableLink[] = [];

beforeAll(async () => {
  if (!existsSync(path.join(defaultRendererDir(), 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build:renderer` first.');
  }
  th = await createThrowawayHub();
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  for (const link of links.splice(0)) await link.close();
  await th?.close();
});

/** The element's text once it contains `text` (vitest has no Playwright matchers). */
async function waitForText(locator: Locator, text: string, timeout = 60_000): Promise<void> {
  await expect
    .poll(async () => ((await locator.count()) > 0 ? await locator.first().innerText() : ''), {
      timeout,
      interval: 100,
    })
    .toContain(text);
}

async function waitForStatus(locator: Locator, status: string): Promise<void> {
  await expect
    .poll(
      async () => ((await locator.count()) > 0 ? await locator.getAttribute('data-status') : null),
      { timeout: 60_000, interval: 100 },
    )
    .toBe(status);
}

async function openSettings(page: Page, url: string): Promise<void> {
  await page.goto(`${url}/#/settings`);
  await page.getByTestId('hub-sync').scrollIntoViewIfNeeded();
}

describe('Sync now in Settings, through the HTTP server, against a real hub', () => {
  it('runs as a job that survives a reload and cancels, explains a cut and a refused password, then syncs', async () => {
    const card = await makeSdCard(tempDir('card-'), { photos: 12, width: 640, height: 480 });
    const [p0] = card.photos.map((p) => p.sha256) as [string];
    const a = await laptop('ana');
    const b = await laptop('bruno');
    // A also read a card of its own, which only it can send (slowly, see below).
    const own = await makeSdCard(tempDir('own-'), {
      photos: 12,
      width: 640,
      height: 480,
      seed: 7,
      runStart: new Date('2026-04-01T08:00:00Z'),
    });
    await importCard(a, card.root);
    await importCard(a, own.root);
    await importCard(b, card.root);
    await label(a, [p0], 'clear');
    await label(b, [p0], 'clogged');
    await syncWithHub(b.context, th.address);

    server = await startServer({ core: a, port: 0 });
    const page = await browser.newPage({
      viewport: { width: 1366, height: 768 },
      locale: 'pt-BR',
    });
    // A slow link to the photo storage, so the sync is seen running (and can be cut).
    const bytes = own.photos.reduce((sum, p) => sum + p.sizeBytes, 0);
    const slow = await cuttableLink(servers.s3.hostname, Number(servers.s3.port), {
      bytesPerSecond: Math.ceil(bytes / 20),
    });
    links.push(slow);
    const objects = `http://127.0.0.1:${slow.port}/${th.address.objects.bucket}`;

    await openSettings(page, server.url);
    await page.getByTestId('hub-database').fill(th.address.database);
    await page.getByTestId('hub-objects').fill(objects);
    await page.getByTestId('hub-sync-now').click();
    const progress = page.getByTestId('job-progress');
    await waitForStatus(progress, 'running');
    // Saved with the sync, without any credential.
    expect(await a.invoke('sync.hub')).toEqual({ database: th.address.database, objects });

    // A reload finds the running sync again, with its Cancel.
    await page.reload();
    await openSettings(page, server.url);
    await waitForStatus(progress, 'running');
    await page.screenshot({ path: path.join(SCREENS, '25-settings-sync-running.png') });
    await page.getByTestId('job-cancel').click();
    await waitForText(page.getByTestId('hub-sync-cancelled'), 'Sincronização cancelada', 120_000);

    // The network goes down: the sync fails saying what to do.
    slow.cut();
    await page.getByTestId('hub-sync-now').click();
    await waitForText(
      page.getByTestId('hub-sync-error'),
      'Não foi possível acessar o hub',
      120_000,
    );
    await waitForText(page.getByTestId('hub-sync-error'), 'sincronize de novo');
    slow.restore();

    // A wrong password (from the environment, as every credential): refused, and why.
    const password = process.env.PGPASSWORD;
    process.env.PGPASSWORD = 'not-the-password';
    try {
      await page.getByTestId('hub-sync-now').click();
      await waitForText(page.getByTestId('hub-sync-error'), 'recusou este notebook');
      await waitForText(page.getByTestId('hub-sync-error'), 'PGPASSWORD');
    } finally {
      process.env.PGPASSWORD = password;
    }

    // Back to normal: the sync finishes (resuming what was sent), B's decision arrives.
    await page.getByTestId('hub-sync-now').click();
    await waitForText(page.getByTestId('hub-sync-done'), 'Sincronizado', 180_000);
    await waitForText(page.getByTestId('hub-sync-done'), 'recebidas 0 fotos e 1');
    await waitForText(page.getByTestId('sync-conflicts'), '1');
    await waitForText(page.getByTestId('sync-hub'), 'Última sincronização');
    await waitForText(page.getByTestId('sync-hub'), '0 fotos, 0 decisões');
    await page.getByTestId('hub-sync').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENS, '25-settings-sync-done.png') });
    const status = await a.invoke('sync.status');
    expect(status.hubs).toHaveLength(1);
    expect(status.hubs[0]).toMatchObject({ photosToSend: 0, eventsToSend: 0 });

    await a.invoke('settings.set', { language: 'en' });
    await page.reload();
    await openSettings(page, server.url);
    await page.getByTestId('hub-sync-now').click();
    await waitForText(page.getByTestId('hub-sync-done'), 'Synced', 120_000);
    await page.getByTestId('hub-sync').scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(SCREENS, '25-settings-sync-done-en.png') });
    await page.close();
  }, 600_000);
});
