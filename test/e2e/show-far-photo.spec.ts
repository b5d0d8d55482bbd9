/**
 * "Show" on a decision whose photo is far away in the grid (its page not loaded): the
 * grid seeks to the photo's position (`library.positionOf`, then `library.cursorAt`) and
 * focuses it, instead of claiming the filter hides it. The next key then acts on that
 * photo, the one seen focused.
 */
import type { Page } from '@playwright/test';
import { insertBigLibrary, walkGridOrder } from './big-library.js';
import { expect, openScreen, setSettings, test } from './desk.js';

const PHOTOS = 5_000;

function focusedThumb(page: Page) {
  return page.locator('[data-testid=thumb][data-focused=true]');
}

test('Show on a decision whose photo is thousands of rows away focuses that photo', async ({
  page,
  desk,
}) => {
  test.setTimeout(180_000);
  await setSettings(desk, { reviewer: 'Ana Souza', language: 'en' });
  // Some photos unclassified: they come last in both directions of the confidence sort.
  await insertBigLibrary(desk, { count: PHOTOS, seed: 11, coverage: 0.97 });
  const core = desk.server.core;
  const ascending = await walkGridOrder(desk, 'confidence', false);
  const descending = await walkGridOrder(desk, 'confidence', true);
  const photo = ascending[0]!;
  const farIndex = descending.indexOf(photo);
  // Least confident first; reversed, it is near the end, far past the pages loaded.
  expect(farIndex).toBeGreaterThan(PHOTOS - 500);

  const rpc: string[] = [];
  page.on('request', (request) => {
    const method = /\/api\/rpc\/([\w.]+)/.exec(request.url())?.[1];
    if (method?.startsWith('library.')) rpc.push(method);
  });
  await openScreen(page, desk, 'review');
  const grid = page.getByTestId('review-grid');
  await expect(focusedThumb(page)).toHaveAttribute('data-image-id', String(photo));
  await grid.focus();
  // A decision on the first photo: clear.
  await page.keyboard.press('1');
  await expect
    .poll(async () => (await core.invoke('library.get', { imageId: photo })).label)
    .toBe('clear');

  // The order reversed: that photo is now about 5,000 rows down, its page not loaded.
  await page.getByRole('button', { name: 'Ascending (click to reverse)' }).click();
  await expect(page.getByRole('button', { name: 'Descending (click to reverse)' })).toBeVisible();
  await expect(focusedThumb(page)).toHaveAttribute('data-image-id', String(descending[0]));
  await expect(page.locator(`[data-testid=thumb][data-image-id="${photo}"]`)).toHaveCount(0);

  // Show in the decisions panel: the grid goes there and focuses the photo.
  await grid.focus();
  await page.keyboard.press('h');
  const panel = page.getByTestId('decisions-panel');
  await expect(panel.getByTestId('decision-item')).toHaveCount(1);
  rpc.length = 0;
  await panel.getByTestId('decision-show').click();
  await expect(focusedThumb(page)).toHaveAttribute('data-image-id', String(photo));
  await expect(focusedThumb(page)).toHaveAttribute('data-index', String(farIndex));
  await expect(focusedThumb(page)).toBeInViewport();
  await expect(grid).toBeFocused();
  await expect(page.getByTestId('review-notice')).toHaveCount(0);
  expect(rpc).toContain('library.positionOf');
  expect(rpc).toContain('library.cursorAt');
  await desk.screen(page, 'show-far-photo-en');

  // The key acts on that photo, the one seen focused.
  await page.keyboard.press('2');
  const labels = await core.invoke('library.labels');
  await expect
    .poll(async () => (await core.invoke('library.get', { imageId: photo })).label)
    .toBe(labels[1]);
});

test('Shift+End and Shift+Home across pages not loaded select the whole range, not the loaded part', async ({
  page,
  desk,
}) => {
  test.setTimeout(180_000);
  await setSettings(desk, { reviewer: 'Ana Souza', language: 'en' });
  await insertBigLibrary(desk, { count: PHOTOS, seed: 12 });
  const core = desk.server.core;
  const order = await walkGridOrder(desk);
  await openScreen(page, desk, 'review');
  const grid = page.getByTestId('review-grid');
  await expect(focusedThumb(page)).toHaveAttribute('data-image-id', String(order[0]));
  await grid.focus();

  // From the first photo to the last: every photo between, read by position from the core.
  await page.keyboard.press('Shift+End');
  await expect(focusedThumb(page)).toHaveAttribute('data-index', String(PHOTOS - 1));
  await expect(page.getByTestId('selection-count')).toHaveText('5,000 selected');
  await expect(focusedThumb(page)).toHaveAttribute('aria-selected', 'true');

  // Plain Home clears it; from the last photo back to the first, with the middle not loaded.
  await page.keyboard.press('Home');
  await expect(page.getByTestId('selection-bar')).toHaveCount(0);
  await page.keyboard.press('End');
  await expect(focusedThumb(page)).toHaveAttribute('data-image-id', String(order.at(-1)));
  await page.keyboard.press('Shift+Home');
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '0');
  await expect(page.getByTestId('selection-count')).toHaveText('5,000 selected');

  // A label for the range asks first, naming all 5,000, and then labels every one of them.
  await page.keyboard.press('1');
  const confirm = page.getByTestId('bulk-confirm');
  await expect(confirm).toContainText('Label 5,000 photos as “clear”?');
  await expect(confirm.getByTestId('bulk-split')).toBeVisible();
  await desk.screen(page, 'shift-range-far-en');
  await confirm.getByTestId('bulk-confirm-yes').click();
  await expect
    .poll(
      async () =>
        (await core.invoke('library.count', { filter: { reviewed: true, label: 'clear' } })).total,
      { timeout: 60_000 },
    )
    .toBe(PHOTOS);
});
