import { afterEach, describe, expect, it } from 'vitest';
import type {
  ImageFilter,
  ImageListResult,
  ImageSort,
  ImageSummary,
} from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import { serializeError } from '../../electron/core/errors.js';
import { explainList } from '../../electron/core/library/image-query.js';
import {
  DEFAULT_MODEL,
  insertFakeModel,
  insertImageRows,
  insertImport,
  makeImages,
  setActiveModel,
  type SyntheticImage,
} from '../fixtures/library-rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const OTHER_MODEL = { id: 'pipe-obstruction@2.0.0', labels: ['clear', 'obstructed', 'partial'] };

interface Library {
  core: Core;
  /** Every photo as inserted, by id. */
  photos: Map<number, SyntheticImage & { id: number; importId: number }>;
  importIds: number[];
}

/**
 * 260 photos over two imports, with deliberate ties (confidence on one decimal, many
 * photos in the same second and the same tube), unclassified photos, reviewer labels
 * that disagree, and a second model.
 */
async function openLibrary(): Promise<Library> {
  const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [] });
  cores.push(core);
  const db = core.context.db;
  insertFakeModel(db, DEFAULT_MODEL, { activate: true });
  insertFakeModel(db, OTHER_MODEL);
  const photos: Library['photos'] = new Map();
  const importIds: number[] = [];
  for (const [k, count] of [160, 100].entries()) {
    const images = makeImages({
      count,
      seed: 7 + k,
      models: [
        { ...DEFAULT_MODEL, coverage: 0.85 },
        { ...OTHER_MODEL, coverage: 0.6 },
      ],
      reviewedFraction: 0.4,
      agreeFraction: 0.6,
      tubeFraction: 0.6,
      confidenceDecimals: 1,
      sameSecondFraction: 0.4,
      start: new Date(Date.UTC(2026, 2, 10 + k)),
    });
    // Same tube photographed several times: ties in the tube sort.
    for (const image of images) {
      if (image.tubeRow !== null) {
        image.tubeRow = 1 + (image.tubeRow % 3);
        image.tubeCol = 1 + ((image.tubeCol ?? 1) % 4);
      }
    }
    const importId = insertImport(db, { source: `/media/card${k}` });
    importIds.push(importId);
    const ids = insertImageRows(db, images, { importId });
    ids.forEach((id, i) => photos.set(id, { ...(images[i] as SyntheticImage), id, importId }));
  }
  return { core, photos, importIds };
}

interface Expected {
  id: number;
  predicted: string | null;
  confidence: number | null;
  label: string | null;
  effective: string | null;
  capturedAt: string;
  tubeKey: number | null;
  importId: number;
}

function expectedRows(lib: Library, modelId: string): Expected[] {
  return [...lib.photos.values()].map((p) => {
    const prediction = p.predictions.find((x) => x.modelId === modelId) ?? null;
    const label = p.label?.label ?? null;
    return {
      id: p.id,
      predicted: prediction?.label ?? null,
      confidence: prediction?.confidence ?? null,
      label,
      effective: label ?? prediction?.label ?? null,
      capturedAt: p.capturedAt,
      tubeKey: p.tubeRow !== null && p.tubeCol !== null ? p.tubeRow * 1_000_000 + p.tubeCol : null,
      importId: p.importId,
    };
  });
}

function matches(row: Expected, f: ImageFilter): boolean {
  if (f.label !== undefined && row.effective !== f.label) return false;
  if (f.predicted !== undefined && row.predicted !== f.predicted) return false;
  if (
    f.minConfidence !== undefined &&
    !(row.confidence !== null && row.confidence >= f.minConfidence)
  )
    return false;
  if (
    f.maxConfidence !== undefined &&
    !(row.confidence !== null && row.confidence <= f.maxConfidence)
  )
    return false;
  if (f.reviewed !== undefined && (row.label !== null) !== f.reviewed) return false;
  if (f.importId !== undefined && row.importId !== f.importId) return false;
  const disagree = row.label !== null && row.predicted !== null && row.label !== row.predicted;
  if (f.disagreement !== undefined && disagree !== f.disagreement) return false;
  if (f.unclassified !== undefined && (row.confidence === null) !== f.unclassified) return false;
  return true;
}

/** The order the grid promises, computed the slow, obvious way. */
function expectedOrder(rows: Expected[], sort: ImageSort, descending: boolean): number[] {
  const dir = descending ? -1 : 1;
  const byId = (a: Expected, b: Expected) => dir * (a.id - b.id);
  const keyed = (key: (r: Expected) => number | string | null) => {
    const withKey = rows.filter((r) => key(r) !== null);
    const without = rows.filter((r) => key(r) === null);
    withKey.sort((a, b) => {
      const ka = key(a) as number | string;
      const kb = key(b) as number | string;
      return ka < kb ? -dir : ka > kb ? dir : byId(a, b);
    });
    // Photos without the key come last in BOTH directions.
    return [...withKey, ...without.sort(byId)];
  };
  switch (sort) {
    case 'confidence':
      return keyed((r) => r.confidence).map((r) => r.id);
    case 'tube':
      return keyed((r) => r.tubeKey).map((r) => r.id);
    case 'captured':
      return keyed((r) => r.capturedAt).map((r) => r.id);
    case 'imported':
      return [...rows].sort(byId).map((r) => r.id);
  }
}

async function listAll(
  core: Core,
  filter: ImageFilter,
  sort: ImageSort,
  descending: boolean,
  limit: number,
): Promise<{ items: ImageSummary[]; pages: number }> {
  const items: ImageSummary[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: ImageListResult = await core.invoke('library.list', {
      filter,
      sort,
      descending,
      cursor,
      limit,
    });
    pages++;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    if (page.nextCursor) expect(page.items.length).toBe(limit);
    items.push(...page.items);
    cursor = page.nextCursor;
    if (pages > 1000) throw new Error('paging does not end');
  } while (cursor);
  return { items, pages };
}

const FILTERS: Record<string, ImageFilter> = {
  everything: {},
  'effective label clear': { label: 'clear' },
  'effective label obstructed': { label: 'obstructed' },
  'predicted obstructed': { predicted: 'obstructed' },
  'confidence 0.6..0.8': { minConfidence: 0.6, maxConfidence: 0.8 },
  'not reviewed': { reviewed: false },
  reviewed: { reviewed: true },
  'first import': { importId: 1 },
  disagreement: { disagreement: true },
  'no disagreement': { disagreement: false },
  unclassified: { unclassified: true },
  classified: { unclassified: false },
  'to review, obstructed': { reviewed: false, label: 'obstructed' },
  'second import, reviewed, confident': { importId: 2, reviewed: true, minConfidence: 0.7 },
  'other model': { modelId: OTHER_MODEL.id },
  'other model, partial, not reviewed': {
    modelId: OTHER_MODEL.id,
    predicted: 'partial',
    reviewed: false,
  },
  'other model disagreement': { modelId: OTHER_MODEL.id, disagreement: true },
};
const SORTS: ImageSort[] = ['confidence', 'captured', 'tube', 'imported'];

describe('review grid queries (library.list, count, ids)', () => {
  it('pages every filter and sort exactly once, in order, across keyset pages', async () => {
    const lib = await openLibrary();
    for (const [name, filter] of Object.entries(FILTERS)) {
      const rows = expectedRows(lib, filter.modelId ?? DEFAULT_MODEL.id).filter((r) =>
        matches(r, filter),
      );
      expect(rows.length, `${name} should match something in the fixture`).toBeGreaterThan(0);
      for (const sort of SORTS) {
        for (const descending of [false, true]) {
          const { items } = await listAll(lib.core, filter, sort, descending, 7);
          const got = items.map((i) => i.id);
          expect(got, `${name}, ${sort}${descending ? ' desc' : ''}`).toEqual(
            expectedOrder(rows, sort, descending),
          );
        }
      }
      const { total } = await lib.core.invoke('library.count', { filter });
      expect(total, `count of ${name}`).toBe(rows.length);
      const { ids } = await lib.core.invoke('library.ids', { filter });
      expect(ids, `ids of ${name}`).toEqual(rows.map((r) => r.id).sort((a, b) => a - b));
    }
  });

  it('shows the least confident first by default and unclassified photos last', async () => {
    const lib = await openLibrary();
    const { items } = await listAll(lib.core, {}, 'confidence', false, 50);
    expect(items).toHaveLength(lib.photos.size);
    const confidences = items.map((i) => i.confidence);
    const firstNull = confidences.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(confidences.slice(firstNull).every((c) => c === null)).toBe(true);
    const classified = confidences.slice(0, firstNull) as number[];
    expect(classified).toEqual([...classified].sort((a, b) => a - b));
    const page = await lib.core.invoke('library.list', { limit: 3 });
    expect(page.items[0]?.confidence).toBe(classified[0]);
  });

  it('returns grid rows with the effective label and media URLs', async () => {
    const lib = await openLibrary();
    const { items } = await listAll(lib.core, {}, 'imported', false, 100);
    for (const item of items) {
      const photo = lib.photos.get(item.id);
      const prediction = photo?.predictions.find((p) => p.modelId === DEFAULT_MODEL.id);
      expect(item).toMatchObject({
        sha256: photo?.sha256,
        originalName: photo?.originalName,
        capturedAt: photo?.capturedAt,
        tubeRow: photo?.tubeRow,
        tubeCol: photo?.tubeCol,
        predicted: prediction?.label ?? null,
        confidence: prediction?.confidence ?? null,
        label: photo?.label?.label ?? null,
        effectiveLabel: photo?.label?.label ?? prediction?.label ?? null,
        reviewed: photo?.label !== null,
        thumbUrl: `/media/thumbs/${photo?.sha256}.webp`,
      });
    }
  });

  it('keeps pages consistent while photos are relabeled between pages', async () => {
    const lib = await openLibrary();
    const filter: ImageFilter = { reviewed: false };
    const first = await lib.core.invoke('library.list', { filter, limit: 10 });
    // The reviewer labels the whole first page; the next page must still start after it.
    await lib.core.invoke('review.setLabel', {
      imageIds: first.items.map((i) => i.id),
      label: 'clear',
    });
    const second = await lib.core.invoke('library.list', {
      filter,
      limit: 10,
      cursor: first.nextCursor,
    });
    const expected = expectedRows(lib, DEFAULT_MODEL.id).filter((r) => r.label === null);
    const order = expectedOrder(expected, 'confidence', false);
    expect(second.items.map((i) => i.id)).toEqual(order.slice(10, 20));
  });

  it('follows the active model: switching it changes predictions, filters and order', async () => {
    const lib = await openLibrary();
    setActiveModel(lib.core.context.db, OTHER_MODEL.id);
    const rows = expectedRows(lib, OTHER_MODEL.id);
    const { items } = await listAll(lib.core, {}, 'confidence', false, 40);
    expect(items.map((i) => i.id)).toEqual(expectedOrder(rows, 'confidence', false));
    const partial = rows.filter((r) => matches(r, { label: 'partial' }));
    expect(partial.length).toBeGreaterThan(0);
    expect((await lib.core.invoke('library.count', { filter: { label: 'partial' } })).total).toBe(
      partial.length,
    );
    setActiveModel(lib.core.context.db, null);
    const none = await lib.core.invoke('library.count', { filter: { unclassified: true } });
    expect(none.total).toBe(lib.photos.size);
  });

  it('walks an index in sort order for every grid filter and sort (no sort of all matches)', async () => {
    const lib = await openLibrary();
    for (const [name, filter] of Object.entries(FILTERS)) {
      if (filter.modelId) continue; // The other-model path is a comparison view, not the grid.
      for (const sort of SORTS) {
        for (const descending of [false, true]) {
          const plans = explainList(lib.core.context.db, { filter, sort, descending });
          for (const plan of plans) {
            const text = plan.join(' | ');
            expect(text, `${name}, ${sort}`).not.toContain('TEMP B-TREE');
            expect(text, `${name}, ${sort}`).toMatch(/^SEARCH g USING|^SCAN g USING/);
          }
        }
      }
    }
  });

  it('refuses a cursor from another sort or a forged one, and an unknown model', async () => {
    const lib = await openLibrary();
    const page = await lib.core.invoke('library.list', { sort: 'captured', limit: 5 });
    const wrongSort = await lib.core
      .invoke('library.list', { sort: 'tube', cursor: page.nextCursor })
      .catch(serializeError);
    expect(wrongSort).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((wrongSort as { message: string }).message).toContain('first page');
    const forged = await lib.core
      .invoke('library.list', { cursor: 'not-a-cursor' })
      .catch(serializeError);
    expect(forged).toMatchObject({ code: 'INVALID_ARGUMENT' });
    const unknown = await lib.core
      .invoke('library.list', { filter: { modelId: 'nope@1' } })
      .catch(serializeError);
    expect(unknown).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('single photos and library facts', () => {
  it('library.get returns metadata, every model prediction with scores, and history', async () => {
    const lib = await openLibrary();
    const photo = [...lib.photos.values()].find((p) => p.predictions.length === 2);
    expect(photo).toBeDefined();
    const id = photo?.id as number;
    await lib.core.invoke('review.setLabel', { imageIds: [id], label: 'partial', reviewer: 'Ana' });
    const detail = await lib.core.invoke('library.get', { imageId: id });
    expect(detail).toMatchObject({
      id,
      sha256: photo?.sha256,
      sourcePath: photo?.sourcePath,
      importId: photo?.importId,
      label: 'partial',
      reviewer: 'Ana',
      reviewed: true,
      effectiveLabel: 'partial',
      originalUrl: `/media/originals/${photo?.sha256}.jpg`,
    });
    expect(detail.predictions.map((p) => p.modelId)).toEqual([DEFAULT_MODEL.id, OTHER_MODEL.id]);
    const active = detail.predictions[0];
    expect(active?.scores[active.label]).toBeCloseTo(active?.confidence ?? -1);
    expect(Object.keys(detail.predictions[1]?.scores ?? {})).toEqual(OTHER_MODEL.labels);
    expect(detail.history.map((h) => h.newLabel)).toEqual(['partial']);
    const missing = await lib.core
      .invoke('library.get', { imageId: 999_999 })
      .catch(serializeError);
    expect(missing).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('library.find finds by id, sha256 prefix and part of the file name', async () => {
    const lib = await openLibrary();
    const photo = [...lib.photos.values()][42] as SyntheticImage & { id: number };
    expect((await lib.core.invoke('library.find', { query: String(photo.id) }))[0]?.id).toBe(
      photo.id,
    );
    const bySha = await lib.core.invoke('library.find', {
      query: photo.sha256.slice(0, 10).toUpperCase(),
    });
    expect(bySha.map((i) => i.id)).toEqual([photo.id]);
    const stem = photo.originalName.replace(/\.JPG$/, '').toLowerCase();
    const byName = await lib.core.invoke('library.find', { query: stem });
    expect(byName.map((i) => i.id)).toContain(photo.id);
    expect(await lib.core.invoke('library.find', { query: 'no-such-photo' })).toEqual([]);
  });

  it('library.info, labels and imports describe the library', async () => {
    const lib = await openLibrary();
    await lib.core.invoke('review.setLabel', { imageIds: [1], label: 'needs cleaning' });
    const info = await lib.core.invoke('library.info');
    const reviewed = [...lib.photos.values()].filter((p) => p.label !== null || p.id === 1).length;
    expect(info).toMatchObject({
      images: lib.photos.size,
      reviewed,
      activeModelId: DEFAULT_MODEL.id,
    });
    expect(info.schemaVersion).toBeGreaterThanOrEqual(2);
    expect(await lib.core.invoke('library.labels')).toEqual([
      'clear',
      'obstructed',
      'needs cleaning',
    ]);
    const imports = await lib.core.invoke('library.imports');
    expect(imports.map((i) => [i.importId, i.source, i.imported])).toEqual([
      [2, '/media/card1', 100],
      [1, '/media/card0', 160],
    ]);
  });
});

describe('review_grid (the grid query table)', () => {
  function gridDrift(core: Core): number {
    return (
      core.context.db
        .prepare(
          `SELECT count(*) AS n FROM review_grid_source s FULL JOIN review_grid g USING (image_id)
           WHERE g.image_id IS NULL OR s.image_id IS NULL
              OR g.predicted IS NOT s.predicted OR g.confidence IS NOT s.confidence
              OR g.label IS NOT s.label OR g.eff_label IS NOT s.eff_label
              OR g.reviewed IS NOT s.reviewed OR g.disagree IS NOT s.disagree
              OR g.tube_key IS NOT s.tube_key OR g.import_id IS NOT s.import_id
              OR g.captured_at IS NOT s.captured_at`,
        )
        .get() as { n: number }
    ).n;
  }

  it('always equals what the base tables say, whoever writes them', async () => {
    const lib = await openLibrary();
    const db = lib.core.context.db;
    expect(gridDrift(lib.core)).toBe(0);
    // Review through the API.
    await lib.core.invoke('review.setLabel', { imageIds: [1, 2, 3], label: 'obstructed' });
    await lib.core.invoke('review.accept', { imageIds: [5] }).catch(() => undefined);
    await lib.core.invoke('review.undo');
    // Inference re-classifying (upsert), as storePredictions does, and a new photo.
    db.prepare(
      `INSERT INTO predictions (image_id, model_id, label, confidence, scores_json, created_at)
       VALUES (?, ?, 'obstructed', 0.51, '{}', 'now')
       ON CONFLICT (image_id, model_id) DO UPDATE SET label = excluded.label,
         confidence = excluded.confidence`,
    ).run(4, DEFAULT_MODEL.id);
    insertImageRows(db, makeImages({ count: 3, seed: 99 }), { importId: 1 });
    db.prepare('DELETE FROM predictions WHERE image_id = ? AND model_id = ?').run(
      6,
      DEFAULT_MODEL.id,
    );
    db.prepare('UPDATE images SET tube_row = 9, tube_col = 9 WHERE id = 7').run();
    db.prepare('DELETE FROM labels WHERE image_id = (SELECT min(image_id) FROM labels)').run();
    expect(gridDrift(lib.core)).toBe(0);
    // Switching, clearing and restoring the active model.
    setActiveModel(db, OTHER_MODEL.id);
    expect(gridDrift(lib.core)).toBe(0);
    setActiveModel(db, null);
    expect(gridDrift(lib.core)).toBe(0);
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('activeModel', ?)").run(
      DEFAULT_MODEL.id,
    );
    expect(gridDrift(lib.core)).toBe(0);
  });

  it('survives a bulk load (indexes rebuilt after the rows are in)', async () => {
    const lib = await openLibrary();
    const db = lib.core.context.db;
    const indexes = () =>
      db
        .prepare(
          "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'review_grid'",
        )
        .all();
    const before = indexes();
    insertImageRows(db, makeImages({ count: 5_000, seed: 5 }));
    expect(indexes()).toEqual(before);
    expect(gridDrift(lib.core)).toBe(0);
    expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
    expect((await lib.core.invoke('library.count', { filter: {} })).total).toBe(
      lib.photos.size + 5_000,
    );
  });
});
