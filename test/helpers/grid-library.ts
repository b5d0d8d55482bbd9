/**
 * The review grid's tricky library for seek tests (`library.cursorAt`, `library.positionOf`):
 * 230 photos with ties, unclassified and tube-less photos, disagreeing reviewers and a
 * second model, plus the page-by-page walk the grid did before seeks, the reference
 * every seek is checked against. Each test file calls `useGridLibraries()` once.
 */
import { afterEach } from 'vitest';
import type { ImageFilter, ImageListResult, ImageSort } from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import {
  DEFAULT_MODEL,
  insertFakeModel,
  insertImageRows,
  insertImport,
  makeImages,
} from '../fixtures/library-rows.js';
import { useTempDirs } from './temp-dir.js';

export const OTHER_MODEL = {
  id: 'pipe-obstruction@2.0.0',
  labels: ['clear', 'obstructed', 'partial'],
};
/** A small page, so a walk crosses many page boundaries (and ties across them). */
export const PAGE = 7;

/** Opens seek-test libraries, closing them after each test. */
export function useGridLibraries(): { openLibrary: (otherCoverage?: number) => Promise<Core> } {
  const tempDir = useTempDirs();
  const cores: Core[] = [];
  afterEach(async () => {
    for (const core of cores.splice(0)) await core.close();
  });
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
  return { openLibrary };
}

/** Every photo id in grid order, walked page by page as the grid did before seeks. */
export async function walk(
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

export const FILTERS: Record<string, ImageFilter> = {
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
export const SORTS: ImageSort[] = ['confidence', 'captured', 'tube', 'imported'];
