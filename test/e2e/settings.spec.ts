/** Settings: the reviewer's name goes on every decision; the language switches the whole UI and stays. */
import { expect, openScreen, test } from './desk.js';

test('records the reviewer name and switches the language, which persists', async ({
  page,
  desk,
}) => {
  await desk.importCard({ photos: 8 });
  await openScreen(page, desk, 'settings');
  await expect(page.getByTestId('settings-library-path')).toHaveText(desk.libraryDir);
  await page.getByTestId('settings-reviewer').fill('João Pereira');
  await page.getByTestId('settings-reviewer-save').click();
  await expect(page.getByTestId('nav-reviewer')).toContainText('João Pereira');
  await desk.screen(page, '16-settings');

  await page.getByTestId('settings-language-en').check();
  await expect(page.getByTestId('nav-review')).toHaveText('Review');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  // The UI switches at once; the save reaches the library a moment later on a busy machine.
  await expect
    .poll(() => desk.server.core.invoke('settings.get'))
    .toEqual({ reviewer: 'João Pereira', language: 'en' });

  // After a reload the window comes back in English, and decisions carry the name.
  await page.goto(`${desk.url}/#/review`);
  await expect(page.getByTestId('review-counts')).toContainText('8 photos');
  await expect(page.getByTestId('key-legend')).toContainText('accept');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('review-counts')).toContainText('1 of 8 reviewed');
  const [decided] = (await desk.server.core.invoke('library.list', { filter: { reviewed: true } }))
    .items;
  expect(
    (await desk.server.core.invoke('review.history', { imageId: decided!.id })).at(-1)?.reviewer,
  ).toBe('João Pereira');
  await desk.screen(page, '18-review-english');

  await openScreen(page, desk, 'settings');
  await page.getByTestId('settings-language-pt-BR').check();
  await expect(page.getByTestId('nav-review')).toHaveText('Revisar');
});
