/**
 * This window's decisions (issue 11, "undo belongs to this session"): a photo opened on
 * its own from the summary's tube map undoes only what this session decided on that
 * photo, never an earlier session's decision nor one on a photo not on screen, and says
 * what it changed; the decisions panel lists this window's decisions (undone ones too)
 * and focuses their photos in the grid.
 */
import { expect, openScreen, setSettings, test, type Desk } from './desk.js';

async function labelOf(desk: Desk, imageId: number) {
  return (await desk.server.core.invoke('library.get', { imageId })).label;
}

test('a photo opened from the tube map undoes only this session’s decisions on that photo', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza' });
  await desk.importCard({ photos: 12 });
  const core = desk.server.core;
  const { items } = await core.invoke('library.list', { sort: 'tube', limit: 50 });
  const tubed = items.filter((i) => i.tubeRow !== null);
  const [a, b] = tubed as [(typeof tubed)[0], (typeof tubed)[0]];
  const tubeOf = (item: typeof a) =>
    `R${String(item.tubeRow).padStart(2, '0')}C${String(item.tubeCol).padStart(3, '0')}`;
  // An earlier session (same reviewer) labeled photo A.
  await core.invoke('review.setLabel', {
    imageIds: [a.id],
    label: 'clogged',
    reviewer: 'Ana Souza',
  });

  // This session labels photo B in the grid first.
  await openScreen(page, desk, 'review');
  await page.getByTestId('review-grid').focus();
  await page.locator(`[data-testid=thumb][data-image-id="${b.id}"]`).click();
  await page.keyboard.press('1');
  await expect.poll(() => labelOf(desk, b.id)).toBe('clear');

  // On the summary, A's tube opens A on its own.
  await openScreen(page, desk, 'summary');
  const map = page.getByTestId('tube-map');
  await map.locator(`[data-tube=${tubeOf(a)}]`).click();
  const view = page.getByTestId('photo-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('photo-name')).toContainText(a.originalName);

  // Z: nothing of this session on A. The earlier session's label and B's label stay.
  await page.keyboard.press('z');
  await expect(page.getByTestId('photo-status')).toHaveText('Nada a desfazer nesta sessão.');
  expect(await labelOf(desk, a.id)).toBe('clogged');
  expect(await labelOf(desk, b.id)).toBe('clear');

  // A decision here, then Z: exactly that one is undone, and the view says so.
  await page.keyboard.press('1');
  await expect.poll(() => labelOf(desk, a.id)).toBe('clear');
  await expect(view.getByTestId('photo-decision')).toContainText('clear');
  await page.keyboard.press('z');
  await expect(page.getByTestId('photo-status')).toHaveText(
    `Desfeito: ${a.originalName} clear → clogged`,
  );
  await expect.poll(() => labelOf(desk, a.id)).toBe('clogged');
  expect(await labelOf(desk, b.id)).toBe('clear');
  await page.keyboard.press('z');
  await expect(page.getByTestId('photo-status')).toHaveText('Nada a desfazer nesta sessão.');
  expect(await labelOf(desk, a.id)).toBe('clogged');

  // Shift+Z redoes it.
  await page.keyboard.press('Shift+Z');
  await expect(page.getByTestId('photo-status')).toHaveText(
    `Refeito: ${a.originalName} clogged → clear`,
  );
  await expect.poll(() => labelOf(desk, a.id)).toBe('clear');
  await desk.screen(page, 'standalone-photo-undo-pt-BR');
});

test('the decisions panel lists this window’s decisions, newest first, and focuses a photo', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza', language: 'en' });
  await desk.importCard({ photos: 16 });
  const core = desk.server.core;
  const { items } = await core.invoke('library.list', { limit: 50 });
  // An earlier session's decision: never in this window's list.
  const earlier = items.at(-1)!;
  await core.invoke('review.setLabel', {
    imageIds: [earlier.id],
    label: 'clear',
    reviewer: 'Ana Souza',
  });

  await openScreen(page, desk, 'review');
  const grid = page.getByTestId('review-grid');
  await grid.focus();
  await expect(page.getByTestId('decisions-toggle')).toContainText('Decisions (0)');
  const [first, second, third] = items as [(typeof items)[0], (typeof items)[0], (typeof items)[0]];
  await page.keyboard.press('2'); // first → clogged
  await page.keyboard.press('Space'); // second → the model's label
  await page.keyboard.press('1'); // third → clear
  await expect
    .poll(async () => (await core.invoke('library.get', { imageId: third.id })).label)
    .toBe('clear');
  await page.keyboard.press('z'); // third undone
  await expect
    .poll(async () => (await core.invoke('library.get', { imageId: third.id })).label)
    .toBeNull();
  await expect(page.getByTestId('decisions-toggle')).toContainText('Decisions (3)');

  // H opens the panel with the keyboard in it.
  await page.keyboard.press('h');
  const panel = page.getByTestId('decisions-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'This session’s decisions' })).toBeFocused();
  const rows = panel.getByTestId('decision-item');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toHaveAttribute('data-image-id', String(third.id));
  await expect(rows.nth(0)).toHaveAttribute('data-undone', 'true');
  await expect(rows.nth(0)).toContainText(third.originalName);
  await expect(rows.nth(0)).toContainText('no label → clear');
  await expect(rows.nth(0)).toContainText('undone');
  await expect(rows.nth(1)).toContainText(second.originalName);
  await expect(rows.nth(1)).toContainText(`no label → ${second.predicted}`);
  await expect(rows.nth(1)).toContainText('model’s label accepted');
  await expect(rows.nth(2)).toContainText(first.originalName);
  await expect(rows.nth(2)).toContainText('no label → clogged');
  await expect(rows.nth(2)).toHaveAttribute('data-undone', 'false');
  await expect(rows.nth(2).locator('time')).toHaveText(/\d{2}:\d{2}:\d{2}/);
  await expect(panel).not.toContainText(earlier.originalName);
  await desk.screen(page, 'decisions-panel-en');

  // Tab to the oldest decision's photo, Enter: the grid focuses that photo and takes the keys.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(rows.nth(2).getByTestId('decision-show')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('[data-testid=thumb][data-focused=true]')).toHaveAttribute(
    'data-image-id',
    String(first.id),
  );
  await expect(grid).toBeFocused();
  await expect(panel).toBeVisible();

  // Redo brings the undone decision back: the list says so.
  await page.keyboard.press('Shift+Z');
  await expect(rows.nth(0)).toHaveAttribute('data-undone', 'false');

  // Esc from inside the panel closes it; the grid has the keyboard again.
  await panel.getByTestId('decision-show').first().focus();
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(grid).toBeFocused();
  // The button opens it too (without taking the keyboard away from the grid).
  await page.getByTestId('decisions-toggle').click();
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('decisions-toggle')).toHaveAttribute('aria-expanded', 'true');

  // The session outlives a filter change; a photo the filter hides is said to be hidden,
  // and the focus stays where it was.
  await page.getByTestId('filter-label').selectOption('clear');
  await expect(page.getByTestId('review-counts')).not.toContainText('16 photos');
  await grid.focus();
  const focusedBefore = await page
    .locator('[data-testid=thumb][data-focused=true]')
    .getAttribute('data-image-id');
  await page.keyboard.press('h');
  await expect(rows).toHaveCount(3);
  await rows.nth(2).getByTestId('decision-show').click();
  await expect(page.getByTestId('review-notice')).toContainText(
    `${first.originalName} is hidden by the filter`,
  );
  await expect(page.locator('[data-testid=thumb][data-focused=true]')).toHaveAttribute(
    'data-image-id',
    focusedBefore!,
  );
});
