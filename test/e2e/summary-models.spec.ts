/** The summary of an inspection and the models screen, with data in them. */
import { expect, openScreen, setSettings, test } from './desk.js';
import { KERAS_MODEL } from './desk.js';

test('summarizes labels, review progress, model accuracy and the tube sheet', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza' });
  const { card } = await desk.importCard({ photos: 40 });
  const core = desk.server.core;
  const { items } = await core.invoke('library.list', { sort: 'tube', limit: 100 });
  // Review ten photos: eight agree with the model, two overrule it.
  for (const item of items.slice(0, 8)) await core.invoke('review.accept', { imageIds: [item.id] });
  for (const item of items.slice(8, 10)) {
    const other = item.predicted === 'clear' ? 'clogged' : 'clear';
    await core.invoke('review.setLabel', { imageIds: [item.id], label: other });
  }
  const summary = await core.invoke('library.summary');

  await openScreen(page, desk, 'summary');
  await expect(page.getByTestId('summary-total')).toHaveText(String(card.expected.imported));
  await expect(page.getByTestId('summary-reviewed')).toHaveText('10');
  await expect(page.getByTestId('summary-accuracy')).toHaveText('80,0%');
  for (const row of summary.perLabel) {
    await expect(
      page.getByTestId('summary-per-label').locator('tr', { hasText: row.label }),
    ).toContainText(String(row.total));
  }
  const matrix = page.getByTestId('confusion-matrix');
  await expect(matrix.locator('td')).toHaveCount(4);
  await expect(page.getByTestId('confidence-histogram')).toBeVisible();
  await desk.screen(page, '12-summary');

  const tubes = page.getByTestId('tube-cell');
  await expect(tubes).toHaveCount(summary.tubes.length);
  expect(summary.tubes.length).toBe(card.expected.imported);
  await page.getByTestId('tube-map').scrollIntoViewIfNeeded();
  await desk.screen(page, '13-summary-tube-map');

  // A tube opens its photo.
  await tubes.first().click();
  await expect(page.getByTestId('photo-view')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('photo-view')).toHaveCount(0);
});

test('adds a model, re-classifies the library with the active one and compares two models', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza' });
  await desk.importCard({ photos: 12 });
  const core = desk.server.core;
  const { items } = await core.invoke('library.list', { limit: 100 });
  await core.invoke('review.accept', { imageIds: items.slice(0, 6).map((i) => i.id) });

  await openScreen(page, desk, 'models');
  const rows = page.getByTestId('model-row');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-active', 'true');

  await page.getByTestId('model-path').fill(KERAS_MODEL);
  await page.getByRole('checkbox', { name: 'Tornar este o modelo ativo' }).uncheck();
  await page.getByRole('button', { name: 'Adicionar modelo' }).click();
  await expect(rows).toHaveCount(2);
  expect((await core.invoke('models.list')).filter((m) => m.active)).toHaveLength(1);

  // Re-classify the library with the active model: progress, then done.
  const active = page.locator('[data-testid=model-row][data-active=true]');
  await active.getByRole('button', { name: 'Classificar a biblioteca' }).click();
  await expect(page.getByTestId('job-progress')).toHaveAttribute('data-status', 'done', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('job-count')).toContainText('12 de 12');

  const compare = page.getByTestId('compare-models');
  await compare.getByRole('button', { name: 'Comparar' }).click();
  await expect(compare.getByTestId('compare-result')).toHaveCount(2);
  await expect(
    compare.getByTestId('compare-result').filter({ hasText: 'tube-fixture@1.0.0' }),
  ).toContainText('100,0%');
  await page.getByTestId('models-table').scrollIntoViewIfNeeded();
  await desk.screen(page, '14-models');
  await compare.getByTestId('compare-result').first().scrollIntoViewIfNeeded();
  await desk.screen(page, '15-models-compare');
});
