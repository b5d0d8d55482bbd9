/** The photo view: the full image with zoom, every model's scores, metadata and label history. */
import { expect, openScreen, setSettings, test } from './desk.js';

test('opens a photo with its scores, metadata and label history, and zooms', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza' });
  const { card } = await desk.importCard({ photos: 12 });
  const core = desk.server.core;
  const [target] = (await core.invoke('library.list', { sort: 'tube', limit: 1 })).items;
  if (!target) throw new Error('the import produced no photo');
  // Two decisions on the photo: the model's label accepted, then changed to the other one.
  await core.invoke('review.accept', { imageIds: [target.id] });
  const other = target.predicted === 'clear' ? 'clogged' : 'clear';
  await core.invoke('review.setLabel', { imageIds: [target.id], label: other });
  const onCard = card.photos.find((photo) => photo.sha256 === target.sha256)!;

  await openScreen(page, desk, 'review');
  await page.getByTestId('sort').selectOption('tube');
  await expect(page.getByTestId('thumb').first()).toHaveAttribute(
    'data-image-id',
    String(target.id),
  );
  await page.keyboard.press('Enter');
  const view = page.getByTestId('photo-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('photo-name')).toHaveText(target.originalName);
  await expect(page.getByTestId('photo-original')).toHaveJSProperty('complete', true);
  expect(
    await page
      .getByTestId('photo-original')
      .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
  ).toBe(onCard.width);

  const scores = page.getByTestId('photo-scores');
  await expect(scores).toContainText('tube-fixture@1.0.0');
  await expect(scores).toContainText('clear');
  await expect(scores).toContainText('clogged');

  const meta = page.getByTestId('photo-metadata');
  await expect(meta).toContainText(onCard.relPath);
  await expect(meta).toContainText(`linha ${onCard.row}, coluna ${onCard.col}`);
  await expect(meta).toContainText(target.sha256);

  const events = page.getByTestId('history-event');
  await expect(events).toHaveCount(2);
  // Newest first: accepted label → the other one, by the reviewer set in Settings.
  await expect(events.nth(0)).toHaveAttribute('data-kind', 'set');
  await expect(events.nth(0).locator('[data-label]')).toHaveText([target.predicted!, other]);
  await expect(events.nth(0)).toContainText('Ana Souza');
  await expect(events.nth(1)).toHaveAttribute('data-kind', 'accept');
  await expect(events.nth(1).locator('[data-label]')).toHaveText(['sem rótulo', target.predicted!]);

  const scale = page.getByTestId('zoom-scale');
  const fitted = await scale.textContent();
  await page.getByRole('button', { name: 'Aproximar' }).click();
  await expect(scale).not.toHaveText(fitted ?? '');
  await page.keyboard.press('0');
  await expect(scale).toHaveText(fitted ?? '');
  await desk.screen(page, '09-photo-view');

  await page.keyboard.press('Escape');
  await expect(view).toHaveCount(0);
});
