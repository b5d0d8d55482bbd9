/**
 * Settings' "Sync now", without a hub (the e2e run has no PostgreSQL; the full sync
 * through this same page against a real PostgreSQL + s3rver runs in `npm run test:sync`,
 * test/hub/settings-sync.hubtest.ts). The addresses are saved without credentials (an
 * address holding a password is refused, nothing saved), they come back after a
 * reload, and a hub that cannot be reached fails the sync job with a message saying
 * what happened and what to do, in both languages.
 */
import net from 'node:net';
import { expect, openScreen, setSettings, test } from './desk.js';

/** A port nothing listens on (a hub that is down). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

test('saves the hub addresses without credentials and explains an unreachable hub', async ({
  page,
  desk,
}) => {
  await desk.importCard({ photos: 8, width: 320, height: 240 });
  await openScreen(page, desk, 'settings');
  const section = page.getByTestId('hub-sync');
  await section.scrollIntoViewIfNeeded();
  await expect(page.getByTestId('hub-credentials-hint')).toContainText('PGPASSWORD');
  await expect(page.getByTestId('hub-sync-now')).toBeDisabled();

  // A password in the address is refused: it would sit in the library in plain text.
  await page.getByTestId('hub-database').fill('postgres://ana:segredo@hub.plant/inspections');
  await page.getByTestId('hub-objects').fill('https://s3.plant:9000/photos');
  await page.getByTestId('hub-save').click();
  await expect(page.getByTestId('error-banner')).toContainText('senhas no ambiente');
  expect(await desk.server.core.invoke('sync.hub')).toEqual({ database: '', objects: '' });

  const port = await closedPort();
  const database = `postgres://127.0.0.1:${port}/inspections`;
  await page.getByTestId('hub-database').fill(database);
  await page.getByTestId('hub-save').click();
  await expect(page.getByTestId('hub-saved')).toBeVisible();
  expect(await desk.server.core.invoke('sync.hub')).toEqual({
    database,
    objects: 'https://s3.plant:9000/photos',
  });

  // Sync now against a hub that is down: the job fails with what to do.
  await page.getByTestId('hub-sync-now').click();
  const error = page.getByTestId('hub-sync-error');
  await expect(error).toContainText('Não foi possível acessar o hub');
  await expect(error).toContainText('Confira a rede e o endereço');
  await expect(page.getByTestId('sync-hub')).toHaveCount(0);
  await section.scrollIntoViewIfNeeded();
  await desk.screen(page, '24-settings-hub-sync');

  // After a reload (English now): the addresses are still there, and the same failure reads in English.
  await setSettings(desk, { language: 'en' });
  await page.reload();
  await openScreen(page, desk, 'settings');
  await expect(page.getByTestId('hub-database')).toHaveValue(database);
  await expect(page.getByTestId('hub-credentials-hint')).toContainText('environment');
  await page.getByTestId('hub-sync-now').click();
  await expect(page.getByTestId('hub-sync-error')).toContainText('Cannot reach the hub');
  await page.getByTestId('hub-sync').scrollIntoViewIfNeeded();
  await desk.screen(page, '24-settings-hub-sync-en');
});
