/** Improve the model from the Models screen, and "More like this" in the photo view. */
import { expect, openScreen, setSettings, test } from './desk.js';

test('improves the model from reviewed photos, compares before activating, and shows similar photos', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza' });
  const { card } = await desk.importCard({ photos: 30 });
  const core = desk.server.core;
  const { items } = await core.invoke('library.list', { sort: 'tube', limit: 100 });
  const truth = new Map(card.photos.map((p) => [p.sha256, p.label]));
  for (const label of ['clear', 'clogged'] as const) {
    const imageIds = items.filter((i) => truth.get(i.sha256) === label).map((i) => i.id);
    await core.invoke('review.setLabel', { imageIds, label });
  }
  // One slip: a photo labeled against everything that looks like it.
  const target = items[0]!;
  const wrong = truth.get(target.sha256) === 'clear' ? 'clogged' : 'clear';
  await core.invoke('review.setLabel', { imageIds: [target.id], label: wrong });

  await openScreen(page, desk, 'models');
  const panel = page.getByTestId('improve-model');
  await panel.getByTestId('improve-start').click();
  const result = page.getByTestId('improve-result');
  await expect(result).toBeVisible({ timeout: 60_000 });
  const table = page.getByTestId('improve-compare');
  await expect(table).toContainText('tube-fixture@1.0.0');
  await expect(table).toContainText('tube-fixture@1.0.0-improved.1');
  await expect(table.locator('tbody tr')).toHaveCount(4); // accuracy, balanced, 2 recalls
  // Nothing is activated until the inspector says so.
  const improvedRow = page.locator(
    '[data-testid="model-row"][data-model-id="tube-fixture@1.0.0-improved.1"]',
  );
  await expect(improvedRow).toHaveAttribute('data-active', 'false');
  await result.scrollIntoViewIfNeeded();
  await desk.screen(page, '20-improve-result');

  await page.getByTestId('improve-activate').click();
  await expect(result.getByRole('status')).toContainText('agora é o modelo ativo', {
    timeout: 60_000,
  });
  await expect(improvedRow).toHaveAttribute('data-active', 'true');

  await openScreen(page, desk, 'review');
  await page.getByTestId('sort').selectOption('tube');
  await expect(page.getByTestId('thumb').first()).toHaveAttribute(
    'data-image-id',
    String(target.id),
  );
  await page.keyboard.press('Enter');
  const similar = page.getByTestId('photo-similar');
  await expect(similar.getByTestId('similar-item')).toHaveCount(8);
  await expect(similar.getByTestId('similar-reason')).toContainText(
    'Provavelmente com rótulo errado',
  );
  await expect(similar.getByTestId('similar-reason')).toContainText(
    `fotos revisadas mais parecidas com ela são “${truth.get(target.sha256)}”`,
  );
  await similar.scrollIntoViewIfNeeded();
  await desk.screen(page, '21-photo-more-like-this');
});
