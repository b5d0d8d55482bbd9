/**
 * `library.positionOf`: "Show" on a decision whose photo's page is not loaded seeks the
 * grid to the photo's offset. The offset must be exactly where a page-by-page walk of the
 * grid meets the photo (ties in the sort key, photos without confidence or tube, both
 * directions, other model), and null exactly when the filter excludes the photo.
 */
import { describe, expect, it } from 'vitest';
import { FILTERS, SORTS, walk, useGridLibraries } from '../helpers/grid-library.js';

const { openLibrary } = useGridLibraries();

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
