/**
 * Reviewing as the inspector does all day: keyboard only (accept, relabel, undo, move,
 * open), then low-confidence filtering and relabeling a multi-selection with the mouse.
 */
import type { Page } from '@playwright/test';
import { expect, openScreen, setSettings, test, type Desk } from './desk.js';

function thumb(page: Page, imageId: number | string) {
  return page.locator(`[data-testid=thumb][data-image-id="${imageId}"]`);
}

function focusedThumb(page: Page) {
  return page.locator('[data-testid=thumb][data-focused=true]');
}

async function focusedId(page: Page): Promise<number> {
  return Number(await focusedThumb(page).getAttribute('data-image-id'));
}

async function labelOf(desk: Desk, imageId: number) {
  return (await desk.server.core.invoke('library.get', { imageId })).label;
}

test('reviews with the keyboard only: Space accepts, a number relabels, Z undoes', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza' });
  await desk.importCard({ photos: 30 });
  const core = desk.server.core;
  const labels = await core.invoke('library.labels');
  expect(labels).toEqual(['clear', 'clogged']);

  await openScreen(page, desk, 'review');
  await expect(page.getByTestId('key-legend')).toContainText('1');
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '0');

  // Space: the model's label becomes the reviewer's; the next photo gets the focus.
  const first = await focusedId(page);
  const firstPredicted = (await core.invoke('library.get', { imageId: first })).predicted;
  await page.keyboard.press('Space');
  await expect(thumb(page, first)).toHaveAttribute('data-reviewed', 'true');
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '1');
  await expect.poll(() => labelOf(desk, first)).toBe(firstPredicted);

  // A number key gives the label with that number: here the one the model did not say.
  const second = await focusedId(page);
  const predicted = (await core.invoke('library.get', { imageId: second })).predicted;
  const other = labels.find((label) => label !== predicted)!;
  await page.keyboard.press(String(labels.indexOf(other) + 1));
  await expect(thumb(page, second)).toHaveAttribute('data-label', other);
  await expect(thumb(page, second)).toHaveAttribute('data-reviewed', 'true');
  await expect(thumb(page, second)).toContainText(`modelo: ${predicted}`);
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '2');
  await expect.poll(() => labelOf(desk, second)).toBe(other);
  const history = await core.invoke('review.history', { imageId: second });
  expect(history.at(-1)).toMatchObject({ reviewer: 'Ana Souza', newLabel: other, kind: 'set' });
  await expect(page.getByTestId('review-counts')).toContainText('2 de 30 revisadas');
  await desk.screen(page, '05-review-keyboard');

  // Z reverts the last decision and brings the focus back to that photo.
  await page.keyboard.press('z');
  await expect(focusedThumb(page)).toHaveAttribute('data-image-id', String(second));
  await expect(thumb(page, second)).toHaveAttribute('data-reviewed', 'false');
  await expect.poll(() => labelOf(desk, second)).toBeNull();
  expect(await labelOf(desk, first)).toBe(firstPredicted);

  // Arrows move; up and down move by a whole row of the grid.
  const columns = Number(await page.getByTestId('review-grid').getAttribute('data-columns'));
  expect(columns).toBeGreaterThan(3);
  await page.keyboard.press('ArrowRight');
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '2');
  await page.keyboard.press('ArrowDown');
  await expect(focusedThumb(page)).toHaveAttribute('data-index', String(2 + columns));
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowLeft');
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '1');

  // Enter opens the photo; a decision there moves on to the next photo; Esc closes.
  await page.keyboard.press('Enter');
  const photo = page.getByTestId('photo-view');
  await expect(photo).toBeVisible();
  const name = (await core.invoke('library.get', { imageId: second })).originalName;
  await expect(page.getByTestId('photo-name')).toHaveText(name);
  await page.keyboard.press('Space');
  await expect(page.getByTestId('photo-name')).not.toHaveText(name);
  await expect.poll(() => labelOf(desk, second)).toBe(predicted);
  await page.keyboard.press('Escape');
  await expect(photo).toHaveCount(0);
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '2');

  // `?` lists every shortcut.
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcuts')).toContainText('Desfazer a última decisão');
  await desk.screen(page, '06-shortcuts');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcuts')).toHaveCount(0);
});

test('loads every thumbnail on screen, then the filter lists; a decision shows at once and is saved behind it', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza' });
  await desk.importCard({ photos: 30 });
  const labels = await desk.server.core.invoke('library.labels');
  await openScreen(page, desk, 'review');
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '0');

  // Thumbnails load a few at a time (the rest queue); all 30 on screen get there.
  await expect(page.getByTestId('thumb')).toHaveCount(30);
  await expect
    .poll(() =>
      page
        .locator('[data-testid=thumb] img')
        .evaluateAll(
          (images) =>
            images.filter((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0)
              .length,
        ),
    )
    .toBe(30);
  // The filter bar's lists come after the photos: they still come.
  await expect(page.getByTestId('filter-import').locator('option')).toHaveCount(2);
  await expect(page.getByTestId('filter-model').locator('option')).not.toHaveCount(1);

  // Hold the decision on its way to the server, as a slow disk would.
  const held: (() => Promise<void>)[] = [];
  await page.route('**/api/rpc/review.setLabel', (route) => {
    held.push(() => route.continue());
  });
  const first = await focusedId(page);
  await page.keyboard.press('2');
  // The inspector already sees the new label and the next photo...
  await expect(thumb(page, first)).toHaveAttribute('data-label', labels[1]!);
  await expect(thumb(page, first)).toHaveAttribute('data-reviewed', 'true');
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '1');
  await expect.poll(() => held.length).toBe(1);
  // ...while the library does not have it yet.
  expect(await labelOf(desk, first)).toBeNull();

  // Released, the decision lands; the next one goes straight through.
  await held[0]!();
  await page.unroute('**/api/rpc/review.setLabel');
  await expect.poll(() => labelOf(desk, first)).toBe(labels[1]);
  const second = await focusedId(page);
  await page.keyboard.press('1');
  await expect(thumb(page, second)).toHaveAttribute('data-label', labels[0]!);
  await expect.poll(() => labelOf(desk, second)).toBe(labels[0]);
  await expect(page.getByTestId('review-counts')).toContainText('2 de 30 revisadas');
});

test('filters to low confidence and relabels a multi-selection at once', async ({ page, desk }) => {
  await setSettings(desk, { reviewer: 'Ana Souza' });
  await desk.importCard({ photos: 30 });
  const core = desk.server.core;
  const all = await core.invoke('library.list', { sort: 'confidence', limit: 1000 });
  const confidences = all.items.map((item) => item.confidence ?? 1);
  // The highest whole percentage that leaves some photos out: the "low confidence" ones.
  let threshold = 99;
  const within = (p: number) => confidences.filter((c) => c <= p / 100).length;
  while (threshold > 1 && within(threshold) === confidences.length) threshold -= 1;
  const expected = within(threshold);
  expect(expected).toBeGreaterThanOrEqual(3);
  expect(expected).toBeLessThan(confidences.length);

  await openScreen(page, desk, 'review');
  await page.getByTestId('filter-max-confidence').fill(String(threshold));
  await expect(page.getByTestId('review-counts')).toContainText(`${expected} fotos`);
  const shown = await page
    .getByTestId('thumb')
    .evaluateAll((cells) => cells.map((cell) => Number(cell.getAttribute('data-confidence'))));
  expect(shown).toHaveLength(expected);
  expect(shown.every((c) => c <= threshold / 100)).toBe(true);
  // Least confident first.
  expect([...shown].sort((a, b) => a - b)).toEqual(shown);
  await desk.screen(page, '07-review-low-confidence');

  // Click, then shift-click: a range of three; relabel all of them at once.
  const cells = page.getByTestId('thumb');
  await cells.nth(0).click();
  await cells.nth(2).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-count')).toHaveText('3 selecionadas');
  const ids = (
    await cells.evaluateAll((c) => c.map((e) => Number(e.getAttribute('data-image-id'))))
  ).slice(0, 3);
  await desk.screen(page, '08-review-selection');
  await page.getByTestId('selection-bar').locator('button[data-label="clogged"]').click();
  for (const id of ids) {
    await expect(thumb(page, id)).toHaveAttribute('data-label', 'clogged');
    await expect(thumb(page, id)).toHaveAttribute('data-reviewed', 'true');
  }
  await expect(page.getByTestId('selection-bar')).toHaveCount(0);
  await expect
    .poll(async () => Promise.all(ids.map((id) => labelOf(desk, id))))
    .toEqual(['clogged', 'clogged', 'clogged']);

  // Only the photos where the reviewer overruled the model.
  const overruled: number[] = [];
  for (const id of ids) {
    if ((await core.invoke('library.get', { imageId: id })).predicted !== 'clogged')
      overruled.push(id);
  }
  await page.getByTestId('filter-disagreement').check();
  await expect(page.getByTestId('review-counts')).toContainText(`${overruled.length} fotos`);
  await expect(page.getByTestId('thumb')).toHaveCount(overruled.length);
  await page.getByTestId('filter-disagreement').uncheck();
  await expect(page.getByTestId('review-counts')).toContainText(`${expected} fotos`);

  // Ctrl-click adds one more; Ctrl+A selects every matching photo, Esc clears.
  await cells.nth(4).click();
  await cells.nth(5).click({ modifiers: ['Control'] });
  await expect(page.getByTestId('selection-count')).toHaveText('2 selecionadas');
  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('selection-count')).toHaveText(`${expected} selecionadas`);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('selection-bar')).toHaveCount(0);

  // One undo reverts the whole multi-selection decision.
  await page.keyboard.press('z');
  await expect
    .poll(async () => Promise.all(ids.map((id) => labelOf(desk, id))))
    .toEqual([null, null, null]);
  for (const id of ids) await expect(thumb(page, id)).toHaveAttribute('data-reviewed', 'false');

  // Clearing the filters shows the whole library again.
  await page.getByTestId('filter-clear').click();
  await expect(page.getByTestId('review-counts')).toContainText(`${confidences.length} fotos`);
});

test('fills the open grid as an import runs, without reloading the page', async ({
  page,
  desk,
}) => {
  const card = await desk.makeCard({ photos: 40 });
  await openScreen(page, desk, 'review');
  await expect(page.getByTestId('review-empty')).toContainText('Ainda não há fotos');
  await desk.screen(page, '17-review-empty');

  const { jobId } = await desk.server.core.invoke('ingest.start', { source: card.root });
  await expect(page.getByTestId('nav-job')).toBeVisible();
  // Live: the grid reloads on the core's library.changed events.
  await expect(page.getByTestId('thumb').first()).toBeVisible({ timeout: 60_000 });
  await desk.server.core.invoke('jobs.wait', { jobId, timeoutMs: 90_000 });
  await expect(page.getByTestId('nav-job')).toHaveCount(0);
  // Once photos are on screen, later ones are announced and join when asked (the grid
  // never re-sorts under the focus); the first ones may have brought them all.
  await expect(async () => {
    const show = page.getByTestId('incoming-show');
    if (await show.isVisible()) await show.click();
    await expect(page.getByTestId('review-counts')).toContainText(
      `${card.expected.imported} fotos`,
      { timeout: 3_000 },
    );
  }).toPass({ timeout: 60_000 });
});
