/**
 * `library.positionOf`: "Show" on a decision whose photo's page is not loaded seeks the
 * grid to the photo's offset. The offset must be exactly where a page-by-page walk of the
 * grid meets the photo (ties in the sort key, photos without confidence or tube, both
 * directions, other model), and null exactly when the filter excludes the photo.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageFilter, ImageListResult, ImageSort } from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
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

describe('library.positionOf (where a photo sits in the grid)', () => {
  it('agrees with a page-by-page walk for every filter, sort and direction', async () => {
    const core = await openLibrary();
    const everyId = await walk(core, {}, 'imported', false);
    // Every 7th photo plus both ends: ties, key-less photos and segment edges among them.
    const probes = everyId.filter((_, i) => i % 7 === 0 || i === everyId.length - 1);
    let excluded = 0;
    let tied = 0;
    for (const [name, filter] of Object.entries(FILTERS)) {
      for (const sort of SORTS) {
        for (const descending of [false, true]) {
          const what = `${name}, ${sort}${descending ? ' desc' : ''}`;
          const all = await walk(core, filter, sort, descending);
          for (const imageId of probes) {
            const { offset } = await core.invoke('library.positionOf', {
              filter,
              sort,
              descending,
              imageId,
            });
            const expected = all.indexOf(imageId);
            expect(offset, `${what}: photo ${imageId}`).toBe(expected < 0 ? null : expected);
            if (expected < 0) excluded += 1;
          }
        }
      }
    }
    // The probes met photos the filters exclude, and ties on the sort key were there.
    expect(excluded).toBeGreaterThan(50);
    const page = await core.invoke('library.list', { sort: 'confidence', limit: 1000 });
    const confidences = page.items.map((i) => i.confidence);
    tied = confidences.filter((c, i) => c !== null && confidences.indexOf(c) !== i).length;
    expect(tied).toBeGreaterThan(20);
    expect(confidences.filter((c) => c === null).length).toBeGreaterThan(10);
  });

  it('answers null for a photo the filter excludes and for a photo that does not exist', async () => {
    const core = await openLibrary();
    const { items } = await core.invoke('library.list', {
      filter: { reviewed: true },
      limit: 1,
    });
    const reviewed = items[0]!;
    expect(
      await core.invoke('library.positionOf', {
        filter: { reviewed: false },
        imageId: reviewed.id,
      }),
    ).toEqual({ offset: null });
    expect(await core.invoke('library.positionOf', { imageId: 999_999 })).toEqual({
      offset: null,
    });
  });
});

describe('library.idsAt (a Shift range across pages the grid has not loaded)', () => {
  it('returns exactly the run of the order a page-by-page walk has there', async () => {
    const core = await openLibrary();
    for (const [name, filter] of Object.entries(FILTERS)) {
      for (const sort of SORTS) {
        for (const descending of [false, true]) {
          const what = `${name}, ${sort}${descending ? ' desc' : ''}`;
          const all = await walk(core, filter, sort, descending);
          const n = all.length;
          for (const [offset, count] of [
            [0, n],
            [3, Math.floor(n / 2)],
            [Math.floor(n / 2), n - Math.floor(n / 2)],
            [n - 5, 20],
          ] as const) {
            const { ids } = await core.invoke('library.idsAt', {
              filter,
              sort,
              descending,
              offset,
              count,
            });
            expect(ids, `${what}: ${count} from ${offset}`).toEqual(
              all.slice(offset, offset + count),
            );
          }
        }
      }
    }
  });
});
