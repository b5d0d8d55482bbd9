/**
 * `library.cursorAt`: a far jump (End, a scrollbar dragged to the bottom) must land on
 * exactly the photos the grid would show after scrolling there page by page: same rows,
 * same order, none skipped or repeated, and paging on from the seek continues the order.
 */
import { describe, expect, it } from 'vitest';
import type { ImageFilter } from '../../electron/contract.js';
import { serializeError } from '../../electron/core/errors.js';
import {
  FILTERS,
  OTHER_MODEL,
  PAGE,
  SORTS,
  walk,
  useGridLibraries,
} from '../helpers/grid-library.js';

const { openLibrary } = useGridLibraries();

describe('library.cursorAt (far jumps in the review grid)', () => {
  it('returns at every offset exactly the rows a page-by-page walk reaches there', async () => {
    const core = await openLibrary();
    for (const [name, filter] of Object.entries(FILTERS)) {
      for (const sort of SORTS) {
        for (const descending of [false, true]) {
          const what = `${name}, ${sort}${descending ? ' desc' : ''}`;
          const all = await walk(core, filter, sort, descending);
          expect(all.length, `${what} matches something`).toBeGreaterThan(PAGE * 2);
          const n = all.length;
          // Both halves (the seek walks from the nearer end), the segment boundaries of
          // the confidence and tube sorts somewhere in between, and the very end.
          const offsets = new Set([
            0,
            1,
            PAGE,
            Math.floor(n / 2) - 1,
            Math.floor(n / 2),
            n - PAGE,
            n - 1,
            n,
          ]);
          for (let offset = 3; offset < n; offset += 23) offsets.add(offset);
          for (const offset of offsets) {
            const at = await core.invoke('library.cursorAt', {
              filter,
              sort,
              descending,
              offset,
              limit: PAGE,
            });
            expect(at.total, `${what}: total`).toBe(n);
            expect(at.offset).toBe(offset);
            expect(
              at.items.map((i) => i.id),
              `${what}: page at ${offset}`,
            ).toEqual(all.slice(offset, offset + PAGE));
            expect(at.cursor === null, `${what}: cursor at ${offset}`).toBe(offset === 0);
            // Paging on from the seek continues the same order.
            if (at.nextCursor) {
              const next = await core.invoke('library.list', {
                filter,
                sort,
                descending,
                cursor: at.nextCursor,
                limit: PAGE,
              });
              expect(
                next.items.map((i) => i.id),
                `${what}: page after ${offset}`,
              ).toEqual(all.slice(offset + PAGE, offset + 2 * PAGE));
            } else {
              expect(offset + PAGE, `${what}: last page at ${offset}`).toBeGreaterThanOrEqual(n);
            }
            // And so does paging from the cursor it hands out for the offset itself.
            if (at.cursor) {
              const again = await core.invoke('library.list', {
                filter,
                sort,
                descending,
                cursor: at.cursor,
                limit: PAGE,
              });
              expect(again.items.map((i) => i.id)).toEqual(all.slice(offset, offset + PAGE));
            }
          }
        }
      }
    }
  });

  it('ends on the last classified photo when another model classified every photo', async () => {
    const core = await openLibrary(1);
    const filter: ImageFilter = { modelId: OTHER_MODEL.id };
    for (const descending of [false, true]) {
      const all = await walk(core, filter, 'confidence', descending);
      const at = await core.invoke('library.cursorAt', {
        filter,
        sort: 'confidence',
        descending,
        offset: all.length - PAGE,
        limit: PAGE,
      });
      expect(at.items.map((i) => i.id)).toEqual(all.slice(-PAGE));
      expect(at.nextCursor).toBeNull();
    }
  });

  it('clamps an offset past the end to the end (an empty page that says so)', async () => {
    const core = await openLibrary();
    const { total } = await core.invoke('library.count', { filter: { reviewed: true } });
    const at = await core.invoke('library.cursorAt', {
      filter: { reviewed: true },
      offset: total + 500,
      limit: PAGE,
    });
    expect(at).toMatchObject({ offset: total, total, items: [], nextCursor: null });
  });

  it('refuses an unknown model with the same error as the list', async () => {
    const core = await openLibrary();
    const error = await core
      .invoke('library.cursorAt', { filter: { modelId: 'nope@1' }, offset: 10 })
      .catch((e: unknown) => e);
    expect(serializeError(error)).toMatchObject({ code: 'NOT_FOUND' });
  });
});
