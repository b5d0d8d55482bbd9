/**
 * This window's decisions (issue 11, "undo belongs to this session"): a photo opened on
 * its own from the summary's tube map undoes only what this session decided on that
 * photo, never an earlier session's decision nor one on a photo not on screen, and says
 * what it changed.
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
