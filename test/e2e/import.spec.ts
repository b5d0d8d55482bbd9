/**
 * Import as the inspector does it in a browser: type the SD card's folder, start, watch
 * the progress to the end, read which files could not be imported and why, go review.
 */
import { expect, openScreen, test } from './desk.js';

test('imports an SD card with progress, lists the files it could not import, and leads into review', async ({
  page,
  desk,
}) => {
  const card = await desk.makeCard({ photos: 80 });
  await openScreen(page, desk, 'import');
  await expect(page.getByText('no computador onde o Inspection Desk está rodando')).toBeVisible();
  await desk.screen(page, '01-import');

  await page.getByTestId('import-path').fill(card.root);
  await page.getByTestId('import-start').click();

  const progress = page.getByTestId('job-progress');
  await expect(progress).toHaveAttribute('data-status', 'running');
  await expect(page.getByTestId('nav-job')).toBeVisible();
  await expect(page.getByTestId('job-count')).toContainText(/\d+ de \d+ arquivos/, {
    timeout: 60_000,
  });
  await desk.screen(page, '02-import-progress');

  const result = page.getByTestId('import-result');
  await expect(result).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  await expect(page.getByTestId('nav-job')).toHaveCount(0);
  const { expected } = card;
  await expect(page.getByTestId('import-count-imported')).toHaveText(String(expected.imported));
  await expect(page.getByTestId('import-count-duplicates')).toHaveText(String(expected.duplicates));
  await expect(page.getByTestId('import-count-errors')).toHaveText(String(expected.errors));
  const errorRows = page.getByTestId('import-errors').locator('tbody tr');
  await expect(errorRows).toHaveCount(expected.errors);
  for (const broken of card.errors) {
    await expect(errorRows.filter({ hasText: broken.relPath })).toContainText(broken.code);
  }
  await expect(page.getByTestId('import-history').locator('tbody tr')).toHaveCount(1);
  await desk.screen(page, '03-import-done');

  await page.getByTestId('import-review').click();
  await expect(page.getByTestId('screen-review')).toBeVisible();
  await expect(page.getByTestId('filter-import')).not.toHaveValue('');
  await expect(page.getByTestId('review-counts')).toContainText(`${expected.imported} fotos`);
  await expect(page.getByTestId('thumb').first()).toHaveAttribute('data-focused', 'true');
  // Every photo on screen was classified while it was imported.
  const confidences = await page
    .getByTestId('thumb')
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-confidence')));
  expect(confidences.length).toBeGreaterThan(8);
  expect(confidences.every((c) => c !== null && c !== '')).toBe(true);
});

test('shows the core’s message when the folder does not exist, and imports nothing', async ({
  page,
  desk,
}) => {
  await openScreen(page, desk, 'import');
  await page.getByTestId('import-path').fill(`${desk.root}/no-such-card`);
  await page.getByTestId('import-start').click();
  // The core's own message (what happened, what to do), as a banner or on the job.
  await expect(page.getByRole('alert').filter({ hasText: 'no-such-card' })).toBeVisible();
  await expect(page.getByTestId('import-result')).toHaveCount(0);
  await desk.screen(page, '04-import-error');
  expect((await desk.server.core.invoke('library.info')).images).toBe(0);
});

test('cancels an import and resumes it by importing the same card again', async ({
  page,
  desk,
}) => {
  const card = await desk.makeCard({ photos: 60 });
  // Held at its 11th file: the import cannot finish before Cancel, however busy the machine.
  const hold = desk.holdImport(10);
  await openScreen(page, desk, 'import');
  await page.getByTestId('import-path').fill(card.root);
  await page.getByTestId('import-start').click();
  await hold.reached;
  // Held, the count may still be 0 (files are counted as their batch is written).
  await expect(page.getByTestId('job-count')).toContainText(/^\d+ de \d+ arquivos/, {
    timeout: 60_000,
  });
  await page.getByRole('button', { name: 'Cancelar' }).click();
  // The cancel is on record before the held reads go on: they stop at the next file.
  await expect(page.getByTestId('job-cancel')).toHaveText('Cancelando…');
  await expect(page.getByTestId('job-cancel')).toBeDisabled();
  hold.release();
  const result = page.getByTestId('import-result');
  await expect(result).toHaveAttribute('data-status', 'cancelled', { timeout: 60_000 });
  await expect(result).toContainText('inicie de novo para continuar');
  const partial = Number(await page.getByTestId('import-count-imported').textContent());
  expect(partial).toBeLessThan(card.expected.imported);

  // The same card again: what was imported is skipped, the rest comes in.
  await page.getByTestId('import-start').click();
  await expect(result).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  expect((await desk.server.core.invoke('library.info')).images).toBe(card.expected.imported);
  // A resumed import is the same import, finished now.
  const history = page.getByTestId('import-history').locator('tbody tr');
  await expect(history).toHaveCount(1);
  await expect(history.first()).toContainText('Importação concluída');
  await expect(page.getByTestId('import-count-imported')).toHaveText(
    String(card.expected.imported),
  );
});

test('a reload during an import reattaches to it: progress and Cancel come back (finding 4)', async ({
  page,
  desk,
}) => {
  const card = await desk.makeCard({ photos: 30 });
  const hold = desk.holdImport(6);
  await openScreen(page, desk, 'import');
  await page.getByTestId('import-path').fill(card.root);
  await page.getByTestId('import-start').click();
  await hold.reached;
  await expect(page.getByTestId('job-progress')).toBeVisible();

  await page.reload();
  await expect(page.getByTestId('screen-import')).toBeVisible();
  await expect(page.getByTestId('job-count')).toContainText(/^\d+ de \d+ arquivos/);
  await expect(page.getByTestId('import-start')).toBeDisabled();
  await desk.screen(page, '44-import-reattached');
  // From another screen the running job is in the top bar, and leads back to it.
  await page.getByTestId('nav-review').click();
  await page.getByTestId('nav-job').click();
  await expect(page.getByTestId('job-progress')).toBeVisible();

  await page.getByRole('button', { name: 'Cancelar' }).click();
  await expect(page.getByTestId('job-cancel')).toHaveText('Cancelando…');
  await expect(page.getByTestId('job-cancel')).toBeDisabled();
  hold.release();
  const result = page.getByTestId('import-result');
  await expect(result).toHaveAttribute('data-status', 'cancelled', { timeout: 60_000 });
});
