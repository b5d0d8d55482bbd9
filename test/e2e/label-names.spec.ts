/**
 * Label display names (issue 11, finding 6): a model that names its labels in Portuguese
 * (ultralytics-style fixture: clear → "livre", clogged → "entupido") is read that way in
 * the review grid, the filter bar, the key legend, the bulk confirmation and the photo
 * view, while decisions keep the label id that exports and folders use.
 */
import path from 'node:path';
import { expect, openScreen, setSettings, test } from './desk.js';

const NAMED_MODEL = path.resolve('test/fixtures/models/ultralytics-style');

test('the grid, filter, bulk confirmation and photo view read the model’s pt-BR label names', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza', language: 'pt-BR' });
  await desk.importCard({ photos: 10 });
  const core = desk.server.core;
  const model = await core.invoke('models.add', { path: NAMED_MODEL, activate: true });
  const { jobId } = await core.invoke('models.classify', { modelId: model.id });
  const job = await core.invoke('jobs.wait', { jobId, timeoutMs: 90_000 });
  expect(job.status).toBe('done');

  await openScreen(page, desk, 'review');
  const grid = page.getByTestId('review-grid');
  const chips = grid.locator('[data-testid=thumb] .label-chip');
  await expect(chips.first()).toBeVisible();
  const shown = await chips.allTextContents();
  expect(new Set(shown)).toEqual(new Set(['livre', 'entupido']));
  // The id stays in the data (and on hover).
  await expect(
    grid.locator('[data-testid=thumb][data-label=clear] .label-chip').first(),
  ).toHaveText('livre');
  await expect(page.getByTestId('key-legend')).toContainText('livre');
  await expect(page.getByTestId('key-legend')).toContainText('entupido');
  await expect(page.getByTestId('key-legend')).not.toContainText('clogged');

  // The filter offers the names; the value it filters on is the id.
  const filter = page.getByTestId('filter-label');
  await expect(filter.locator('option', { hasText: 'entupido' })).toHaveAttribute(
    'value',
    'clogged',
  );
  await desk.screen(page, 'label-names-grid-pt-BR');

  // A bulk decision says what it will do in those names.
  await grid.focus();
  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('selection-count')).toContainText('10');
  await page.keyboard.press('1');
  const confirm = page.getByRole('dialog');
  await expect(confirm).toContainText('livre');
  await expect(confirm).not.toContainText('clear');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  // The photo view: buttons, chips and scores in those names; the decision stores the id.
  await page.keyboard.press('Enter');
  const view = page.getByTestId('photo-view');
  await expect(view).toBeVisible();
  await expect(view.locator('button[data-label=clogged]')).toContainText('entupido');
  await expect(view.getByTestId('photo-decision')).not.toContainText('clogged');
  const imageId = Number(
    await page.locator('[data-testid=thumb][data-focused=true]').getAttribute('data-image-id'),
  );
  await page.keyboard.press('2');
  await expect
    .poll(async () => (await core.invoke('library.get', { imageId })).label)
    .toBe('clogged');
  await page.keyboard.press('ArrowLeft');
  await expect(view.getByTestId('photo-decision')).toContainText('entupido');
  await desk.screen(page, 'label-names-photo-pt-BR');
});
