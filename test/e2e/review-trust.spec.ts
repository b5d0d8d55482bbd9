/**
 * Labels an inspector can trust (issue 11): what a key acts on is what is visibly
 * focused. Each test replays one finding that changed labels without the inspector
 * noticing: the grid moving under the focus during an import, Space acting on an
 * off-screen selection, a whole-library relabel without asking, and undo reaching into
 * an earlier session.
 */
import type { Page } from '@playwright/test';
import { expect, openScreen, setSettings, test, type Desk } from './desk.js';

function focusedThumb(page: Page) {
  return page.locator('[data-testid=thumb][data-focused=true]');
}

async function focusedId(page: Page): Promise<number> {
  return Number(await focusedThumb(page).getAttribute('data-image-id'));
}

async function labelOf(desk: Desk, imageId: number) {
  return (await desk.server.core.invoke('library.get', { imageId })).label;
}

test('an import announces its photos and never moves the focused photo (finding 1)', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza' });
  await desk.importCard({ photos: 24, seed: 1 });
  await openScreen(page, desk, 'review');
  await expect(page.getByTestId('review-counts')).toContainText('24 fotos');
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '4');
  const looked = await focusedId(page);
  const order = await page
    .getByTestId('thumb')
    .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-image-id')));

  // A second card arrives while the inspector looks at photo 5: photos that sort before
  // it (least confident first) would have pushed it along.
  const card = await desk.makeCard({ photos: 24, seed: 2 });
  const { jobId } = await desk.server.core.invoke('ingest.start', { source: card.root });
  const job = await desk.server.core.invoke('jobs.wait', { jobId, timeoutMs: 90_000 });
  expect(job.status).toBe('done');
  await expect(page.getByTestId('incoming-bar')).toContainText(
    `${card.expected.imported} fotos novas`,
  );
  // Nothing moved: same photo focused at the same place, same order on screen.
  await expect(focusedThumb(page)).toHaveAttribute('data-image-id', String(looked));
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '4');
  expect(
    await page
      .getByTestId('thumb')
      .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-image-id'))),
  ).toEqual(order);
  await expect(page.getByTestId('review-counts')).toContainText('24 fotos');
  await desk.screen(page, '40-review-incoming');

  // Space accepts the photo the inspector looked at, and only that one.
  await page.keyboard.press('Space');
  await expect.poll(() => labelOf(desk, looked)).not.toBeNull();
  const reviewed = await desk.server.core.invoke('library.count', { filter: { reviewed: true } });
  expect(reviewed.total).toBe(1);

  // Asked for, the new photos join; the focus stays on the photo it was on.
  const stillFocused = await focusedId(page);
  await page.getByTestId('incoming-show').click();
  await expect(page.getByTestId('review-counts')).toContainText(
    `${24 + card.expected.imported} fotos`,
  );
  await expect(page.getByTestId('incoming-bar')).toHaveCount(0);
  await expect(focusedThumb(page)).toHaveAttribute('data-image-id', String(stillFocused));
});

test('plain arrows clear a selection, so Space acts on the focused photo only (finding 7)', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza' });
  await desk.importCard({ photos: 20 });
  await openScreen(page, desk, 'review');
  const cells = page.getByTestId('thumb');
  await cells.nth(0).click();
  await cells.nth(2).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-count')).toHaveText('3 selecionadas');
  const picked = (
    await cells.evaluateAll((c) => c.map((e) => Number(e.getAttribute('data-image-id'))))
  ).slice(0, 3);

  // Moving on with plain arrows leaves the selection behind, as in a file manager.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('selection-bar')).toHaveCount(0);
  await expect(page.locator('[data-testid=thumb][data-selected=true]')).toHaveCount(0);
  const focused = await focusedId(page);
  await page.keyboard.press('Space');
  await expect.poll(() => labelOf(desk, focused)).not.toBeNull();
  for (const id of picked) expect(await labelOf(desk, id)).toBeNull();

  // Ctrl+arrows move the focus and keep the selection (shown, with its count).
  await cells.nth(10).click();
  await page.keyboard.press('x');
  await page.keyboard.press('Control+ArrowRight');
  await page.keyboard.press('x');
  await expect(page.getByTestId('selection-count')).toHaveText('2 selecionadas');
});

test('a decision on many photos asks first, names the count, then says what it did (finding 3)', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza' });
  await desk.importCard({ photos: 30 });
  const core = desk.server.core;
  const [someone] = (await core.invoke('library.list', { limit: 1 })).items;
  await core.invoke('review.setLabel', { imageIds: [someone!.id], label: 'clogged' });
  await openScreen(page, desk, 'review');
  await expect(page.getByTestId('review-counts')).toContainText('30 fotos');

  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('selection-count')).toHaveText('30 selecionadas');
  await page.keyboard.press('1');
  const dialog = page.getByTestId('bulk-confirm');
  await expect(dialog).toContainText('Rotular 30 fotos como “clear”?');
  await expect(page.getByTestId('bulk-split')).toContainText('ainda não revisadas: 29 fotos');
  await expect(page.getByTestId('bulk-split')).toContainText('clogged: 1 foto');
  await desk.screen(page, '41-review-bulk-confirm');
  // Esc: nothing happens, the selection is still there.
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  expect((await core.invoke('library.count', { filter: { reviewed: true } })).total).toBe(1);
  await expect(page.getByTestId('selection-count')).toHaveText('30 selecionadas');

  // Enter on the focused confirm button: done, and said so.
  await page.keyboard.press('1');
  await expect(page.getByTestId('bulk-confirm-yes')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('review-notice')).toContainText('30 fotos rotuladas como “clear”');
  await expect
    .poll(
      async () =>
        (await core.invoke('library.count', { filter: { label: 'clear', reviewed: true } })).total,
    )
    .toBe(30);
  await desk.screen(page, '42-review-bulk-done');

  // The message's Undo reverts all of it.
  await page
    .getByTestId('review-notice')
    .getByRole('button', { name: /Desfazer/ })
    .click();
  await expect
    .poll(async () => (await core.invoke('library.count', { filter: { reviewed: true } })).total)
    .toBe(1);
  await expect(page.getByTestId('review-notice')).toContainText('Desfeito: 30 fotos');
});

test('undo belongs to this session, says which photo it changed, and redo brings it back (finding 2)', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza' });
  await desk.importCard({ photos: 20 });
  const core = desk.server.core;
  const items = (await core.invoke('library.list', { limit: 50 })).items;
  // A decision from an earlier session (same reviewer).
  const earlier = items[items.length - 1]!;
  await core.invoke('review.setLabel', {
    imageIds: [earlier.id],
    label: 'clogged',
    reviewer: 'Ana Souza',
  });

  await openScreen(page, desk, 'review');
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '0');
  await page.keyboard.press('z');
  await expect(page.getByTestId('review-notice')).toContainText('Nada a desfazer nesta sessão');
  expect(await labelOf(desk, earlier.id)).toBe('clogged');

  const first = await focusedId(page);
  const name = (await core.invoke('library.get', { imageId: first })).originalName;
  await page.keyboard.press('2');
  await expect.poll(() => labelOf(desk, first)).toBe('clogged');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('z');
  await expect(page.getByTestId('review-notice')).toContainText(
    `Desfeito: ${name} clogged → sem rótulo`,
  );
  await expect(focusedThumb(page)).toHaveAttribute('data-image-id', String(first));
  await expect.poll(() => labelOf(desk, first)).toBeNull();
  await desk.screen(page, '43-review-undo-notice');

  // A second z has nothing left of this session: the earlier decision stays.
  await page.keyboard.press('z');
  await expect(page.getByTestId('review-notice')).toContainText('Nada a desfazer nesta sessão');
  expect(await labelOf(desk, earlier.id)).toBe('clogged');

  // Shift+Z redoes.
  await page.keyboard.press('Shift+Z');
  await expect(page.getByTestId('review-notice')).toContainText(
    `Refeito: ${name} sem rótulo → clogged`,
  );
  await expect.poll(() => labelOf(desk, first)).toBe('clogged');
});

test('review keys work after a nav click, and Esc takes a filter field back to the grid (finding 5)', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza' });
  await desk.importCard({ photos: 20 });
  await openScreen(page, desk, 'review');
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '0');

  // Away and back with the mouse: Space is a review key again, not a click on the tab.
  await page.getByTestId('nav-summary').click();
  await expect(page.getByTestId('screen-summary')).toBeVisible();
  await page.getByTestId('nav-review').click();
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '0');
  const first = await focusedId(page);
  await page.keyboard.press('Space');
  await expect.poll(() => labelOf(desk, first)).not.toBeNull();
  await expect(page.getByTestId('screen-review')).toBeVisible();

  // In a field the keys type; Esc hands them back to the grid.
  const field = page.getByTestId('filter-min-confidence');
  await field.click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('review-grid')).toBeFocused();
  await page.getByTestId('sort').focus();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('review-grid')).toBeFocused();
  const next = await focusedId(page);
  await page.keyboard.press('Space');
  await expect.poll(() => labelOf(desk, next)).not.toBeNull();
});

test('the confidence filter reads 97,5 and 0.9, refuses 150 visibly; counts say their scope (findings 10, 9)', async ({
  page,
  desk,
}) => {
  await desk.importCard({ photos: 30 });
  const core = desk.server.core;
  const count = async (maxConfidence: number) =>
    (await core.invoke('library.count', { filter: { maxConfidence } })).total;
  await openScreen(page, desk, 'review');
  await expect(page.getByTestId('review-counts')).toContainText(
    '30 fotos nesta vista · 0 de 30 revisadas na biblioteca',
  );

  const field = page.getByTestId('filter-max-confidence');
  // Typed key by key, as an inspector does: the comma must survive.
  await field.click();
  await field.pressSequentially('97,5');
  await expect(field).toHaveValue('97,5');
  await expect(page.getByTestId('review-counts')).toContainText(
    `${await count(0.975)} fotos nesta vista`,
  );
  await field.fill('0.9');
  await expect(page.getByTestId('review-counts')).toContainText(
    `${await count(0.9)} fotos nesta vista`,
  );
  // Understood as 90 %, and shown so once the field is left.
  await page.keyboard.press('Tab');
  await expect(field).toHaveValue('90');

  await field.fill('150');
  await expect(page.getByTestId('filter-confidence-error')).toHaveText(
    'Digite um percentual de 0 a 100, ex.: 97,5 ou 90.',
  );
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('review-counts')).toContainText(
    `${await count(0.9)} fotos nesta vista`,
  );
  await desk.screen(page, '45-review-percent-invalid');

  // The order's name follows its direction.
  const sort = page.getByTestId('sort');
  await expect(sort.locator('option:checked')).toHaveText('Menor confiança primeiro');
  // Its whole name shows: the text fits inside the select, past its padding and arrow.
  const room = await sort.evaluate((element) => {
    // The e2e tsconfig has no DOM types: the few browser calls used here, typed by hand.
    type Style = { fontWeight: string; fontSize: string; fontFamily: string; paddingLeft: string };
    type Canvas = {
      getContext(kind: '2d'): { font: string; measureText(t: string): { width: number } };
    };
    const browser = globalThis as unknown as {
      getComputedStyle(element: unknown): Style;
      document: { createElement(tag: 'canvas'): Canvas };
    };
    const select = element as unknown as {
      clientWidth: number;
      selectedOptions: { text: string }[];
    };
    const style = browser.getComputedStyle(element);
    const context = browser.document.createElement('canvas').getContext('2d');
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = context.measureText(select.selectedOptions[0]!.text).width;
    const arrow = 20;
    return select.clientWidth - parseFloat(style.paddingLeft) - arrow - text;
  });
  expect(room).toBeGreaterThan(0);
  await page.getByRole('button', { name: /Crescente/ }).click();
  await expect(sort.locator('option:checked')).toHaveText('Maior confiança primeiro');
});

test('photo view: zoomed, the arrows pan; zoom and brightness stay across photos; Tab stays inside (finding 8)', async ({
  page,
  desk,
}) => {
  await desk.importCard({ photos: 12 });
  await openScreen(page, desk, 'review');
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '0');
  await page.keyboard.press('Enter');
  const name = page.getByTestId('photo-name');
  await expect(page.getByTestId('photo-original')).toHaveJSProperty('complete', true);
  const firstName = await name.textContent();
  const area = page.getByTestId('zoom-area');
  const scale = page.getByTestId('zoom-scale');
  const fitted = await scale.textContent();

  // Zoomed in, the arrows pan and the photo stays.
  await page.keyboard.press('+');
  await page.keyboard.press('+');
  await expect(area).toHaveAttribute('data-zoomed', 'true');
  const zoomedScale = await scale.textContent();
  expect(zoomedScale).not.toBe(fitted);
  const before = await area.getAttribute('data-view');
  await page.keyboard.press('ArrowRight');
  await expect(area).not.toHaveAttribute('data-view', before ?? '');
  await expect(name).toHaveText(firstName ?? '');

  // Darker photos: brightness for the display only.
  await page.getByRole('button', { name: 'Mais brilho' }).click();
  await expect(page.getByTestId('photo-brightness')).toHaveText('125%');
  await expect(page.getByTestId('photo-original')).toHaveCSS('filter', /brightness\(1\.25\)/);
  await desk.screen(page, '46-photo-zoom-adjust');

  // Page Down changes photo; zoom and brightness come along.
  await page.keyboard.press('PageDown');
  await expect(name).not.toHaveText(firstName ?? '');
  await expect(scale).toHaveText(zoomedScale ?? '');
  await expect(page.getByTestId('photo-brightness')).toHaveText('125%');
  await expect(page.getByTestId('photo-original')).toHaveCSS('filter', /brightness\(1\.25\)/);

  // Tab cycles inside the photo view, never into the grid behind it.
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    expect(await page.locator('[data-testid=photo-view]:focus-within').count()).toBe(1);
  }
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('photo-view')).toHaveCount(0);
});
