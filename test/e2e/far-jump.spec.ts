/**
 * Far jumps in a library of thousands of photos: End, Ctrl+End and Home focus the last
 * and first photo of the grid's order, and a scrollbar dragged to the bottom shows the
 * last photos, each with one seek (`library.cursorAt`) instead of a walk through every
 * page before it. The key then acts on the photo the inspector sees focused.
 */
import type { Page } from '@playwright/test';
import { insertBigLibrary, walkGridOrder } from './big-library.js';
import { expect, openScreen, setSettings, test } from './desk.js';

const PHOTOS = 6_000;

function focusedThumb(page: Page) {
  return page.locator('[data-testid=thumb][data-focused=true]');
}

test('End, Ctrl+End, Home and a scrollbar dragged to the bottom reach the ends of 6,000 photos', async ({
  page,
  desk,
}) => {
  test.setTimeout(180_000);
  await setSettings(desk, { reviewer: 'Ana Souza', language: 'en' });
  await insertBigLibrary(desk, { count: PHOTOS, seed: 5 });
  const order = await walkGridOrder(desk);
  expect(order).toHaveLength(PHOTOS);
  const lastId = order.at(-1)!;

  const rpc: string[] = [];
  page.on('request', (request) => {
    const method = /\/api\/rpc\/([\w.]+)/.exec(request.url())?.[1];
    if (method?.startsWith('library.')) rpc.push(method);
  });
  await openScreen(page, desk, 'review');
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '0');
  await expect(focusedThumb(page)).toHaveAttribute('data-image-id', String(order[0]));
  await page.getByTestId('review-grid').focus();

  // End: the last photo of the order is focused, found by one seek.
  rpc.length = 0;
  await page.keyboard.press('End');
  await expect(focusedThumb(page)).toHaveAttribute('data-index', String(PHOTOS - 1));
  await expect(focusedThumb(page)).toHaveAttribute('data-image-id', String(lastId));
  await expect(focusedThumb(page)).toBeInViewport();
  expect(rpc).toContain('library.cursorAt');
  // A walk from the top would read the 6,000 photos in 6 pages of 1,000.
  expect(rpc.filter((m) => m === 'library.list').length).toBeLessThanOrEqual(2);

  // The key acts on the photo seen focused: the last one.
  await page.keyboard.press('2');
  await expect(focusedThumb(page)).toHaveAttribute('data-reviewed', 'true');
  await expect
    .poll(async () => (await desk.server.core.invoke('library.get', { imageId: lastId })).label)
    .toBe((await desk.server.core.invoke('library.labels'))[1]);
  await desk.screen(page, 'far-jump-end-en');

  // Home back to the first photo; Ctrl+End to the last again (the selection rules of
  // Ctrl hold: it moves the focus and keeps the selection).
  await page.keyboard.press('Home');
  await expect(focusedThumb(page)).toHaveAttribute('data-image-id', String(order[0]));
  await expect(focusedThumb(page)).toBeInViewport();
  await page.keyboard.press('Control+End');
  await expect(focusedThumb(page)).toHaveAttribute('data-image-id', String(lastId));
  await page.keyboard.press('Home');
  await expect(focusedThumb(page)).toHaveAttribute('data-index', '0');

  // The scrollbar dragged to the middle and then to the bottom: the photos there appear.
  const grid = page.getByTestId('review-grid');
  await grid.evaluate((element) => {
    element.scrollTop = element.scrollHeight / 2;
  });
  const middle = page.locator('[data-testid=thumb]').first();
  // The grid re-renders its window after the scroll event: until then the first cell is
  // still photo 0, so wait for the window to move rather than reading it once.
  await expect
    .poll(async () => Number(await middle.getAttribute('data-index')))
    .toBeGreaterThan(PHOTOS / 4);
  await expect(middle).toBeVisible();
  const middleIndex = Number(await middle.getAttribute('data-index'));
  await expect(middle).toHaveAttribute('data-image-id', String(order[middleIndex]));
  await grid.evaluate((element) => {
    element.scrollTop = element.scrollHeight;
  });
  const lastCell = page.locator(`[data-testid=thumb][data-index="${PHOTOS - 1}"]`);
  await expect(lastCell).toBeInViewport();
  await expect(lastCell).toHaveAttribute('data-image-id', String(lastId));
  // Scrolling does not move the focus: it stays on the first photo, off screen.
  await expect(page.locator('[data-testid=thumb][data-index="0"]')).toHaveCount(0);
});
