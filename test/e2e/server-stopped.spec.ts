/**
 * The browser build when the server stops: the next command tells the inspector, in the
 * UI's language, that Inspection Desk does not answer and what to do.
 */
import { expect, openScreen, setSettings, test, type Desk } from './desk.js';
import type { Page } from '@playwright/test';

/** Stops the server under an open Settings screen, then saves the reviewer's name. */
async function saveWhileStopped(page: Page, desk: Desk): Promise<void> {
  await openScreen(page, desk, 'settings');
  await expect(page.getByTestId('settings-library-path')).toHaveText(desk.libraryDir);
  await desk.server.close();
  await page.getByTestId('settings-reviewer').fill('Ana Souza');
  await page.getByTestId('settings-reviewer-save').click();
}

test('a stopped server is reported in Portuguese (the default language)', async ({
  page,
  desk,
}) => {
  await saveWhileStopped(page, desk);
  const banner = page.getByTestId('error-banner');
  await expect(banner).toHaveAttribute('data-code', 'SERVER_UNREACHABLE');
  await expect(banner).toContainText(
    'O servidor do Inspection Desk não responde. Verifique se ele continua em execução neste computador e tente de novo.',
  );
  await expect(banner).not.toContainText('does not answer');
  // Nothing typed is lost: the name is still there to save once the server is back.
  await expect(page.getByTestId('settings-reviewer')).toHaveValue('Ana Souza');
  await expect(page.getByTestId('settings-reviewer-save')).toBeEnabled();
  await desk.screen(page, '90-server-stopped-pt-BR');
});

test('a stopped server is reported in English when the UI speaks English', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { language: 'en' });
  await saveWhileStopped(page, desk);
  const banner = page.getByTestId('error-banner');
  await expect(banner).toHaveAttribute('data-code', 'SERVER_UNREACHABLE');
  await expect(banner).toContainText(
    'The Inspection Desk server does not answer. Check that it is still running on this computer, then try again.',
  );
  // The browser's own reason goes to logs, not to the inspector.
  await expect(banner).not.toContainText('Failed to fetch');
  await desk.screen(page, '91-server-stopped-en');
});
