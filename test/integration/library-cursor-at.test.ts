/**
 * `library.cursorAt`: a far jump (End, a scrollbar dragged to the bottom) must land on
 * exactly the photos the grid would show after scrolling there page by page: same rows,
 * same order, none skipped or repeated, and paging on from the seek continues the order.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageFilter, ImageListResult, ImageSort } from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import { serializeError } from '../../electron/core/errors.js';
import {
  DEFAULT_MODEL,
  insertFakeModel,
  insertImageRows,
  insertImport,
  makeImages,
} from '../fixtures/library-rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const OTHER_MODEL = { id: 'pipe-obstruction@2.0.0', labels: ['clear', 'obstructed', 'partial'] };
const PAGE = 7;

/**
 * 230 photos over two imports with ties (confidence on one decimal, photos in the same
 * second and the same tube), unclassified photos, photos without a tube, reviewer labels
 * that disagree, and a second model.
 */
async function openLibrary(otherCoverage = 0.6): Promise<Core> {
  const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [] });
  cores.push(core);
  const db = core.context.db;
  insertFakeModel(db, DEFAULT_MODEL, { activate: true });
  insertFakeModel(db, OTHER_MODEL);
  for (const [k, count] of [140, 90].entries()) {
    const images = makeImages({
      count,
      seed: 31 + k,
      models: [
        { ...DEFAULT_MODEL, coverage: 0.8 },
        { ...OTHER_MODEL, coverage: otherCoverage },
      ],
      reviewedFraction: 0.4,
      agreeFraction: 0.6,
      tubeFraction: 0.6,
      confidenceDecimals: 1,
      sameSecondFraction: 0.4,
      start: new Date(Date.UTC(2026, 4, 2 + k)),
    });
    for (const image of images) {
      if (image.tubeRow !== null) {
        image.tubeRow = 1 + (image.tubeRow % 3);
        image.tubeCol = 1 + ((image.tubeCol ?? 1) % 4);
      }
    }
    insertImageRows(db, images, { importId: insertImport(db, { source: `/media/card${k}` }) });
  }
  return core;
}

/** Every photo id in grid order, walked page by page as the grid did before seeks. */
async function walk(
  core: Core,
  filter: ImageFilter,
  sort: ImageSort,
  descending: boolean,
): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page: ImageListResult = await core.invoke('library.list', {
      filter,
      sort,
      descending,
      cursor,
      limit: PAGE,
    });
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

const FILTERS: Record<string, ImageFilter> = {
  everything: {},
  'effective label obstructed': { label: 'obstructed' },
  'confidence 0.3..0.8': { minConfidence: 0.3, maxConfidence: 0.8 },
  'not reviewed': { reviewed: false },
  'second import': { importId: 2 },
  'no disagreement': { disagreement: false },
  unclassified: { unclassified: true },
  'to review, clear': { reviewed: false, label: 'clear' },
  'other model': { modelId: OTHER_MODEL.id },
  'other model, not reviewed': { modelId: OTHER_MODEL.id, reviewed: false },
};
const SORTS: ImageSort[] = ['confidence', 'captured', 'tube', 'imported'];

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
