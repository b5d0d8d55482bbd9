/**
 * The review grid's aggregates (migration 3: `grid_counts`, `tube_cells`) against a
 * brute-force count from the base tables, after every kind of write the app and its
 * tools make: imports (row by row and bulk), classification upserts, review decisions
 * and undo, deleted predictions and photos, moved and re-dated photos, and switching the
 * active model. Counts, the summary and the tube map are what reviewers read from them.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImageFilter, LibrarySummary } from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import type { Db } from '../../electron/core/library/database.js';
import { confidenceStep } from '../../electron/core/library/grid-counts.js';
import { migrations } from '../../electron/core/library/migrations.js';
import {
  DEFAULT_MODEL,
  insertFakeModel,
  insertImageRows,
  insertImport,
  makeImages,
  setActiveModel,
} from '../fixtures/library-rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const OTHER_MODEL = { id: 'pipe-obstruction@2.0.0', labels: ['clear', 'obstructed', 'partial'] };
const TUBE_KEY_FACTOR = 1_000_000;

/**
 * Confidences on and around the 0.01 steps, where rounding of c * 100 goes wrong: 0.57 * 100
 * truncates to 56, and 0.6699999999999999 (just below 0.67) * 100 rounds up to 67.
 */
const EDGE_CONFIDENCES = [
  0,
  0.01,
  0.07,
  0.1,
  0.29,
  0.3,
  0.1 * 3,
  0.57,
  0.58,
  0.7,
  0.7000000000000001,
  0.6999999999999998,
  0.049999999999999996,
  0.09999999999999999,
  0.6699999999999999,
  0.6799999999999999,
  0.67,
  0.8,
  0.83,
  0.8300000000000001,
  0.995,
  0.9999,
  1,
  Math.fround(0.8),
  Math.fround(0.57),
];

/** One photo as the base tables say, for the active model. */
interface BaseRow {
  id: number;
  importId: number;
  capturedAt: string;
  tubeKey: number | null;
  label: string | null;
  predicted: string | null;
  confidence: number | null;
}

/** Reads images, labels and the active model's predictions separately: no grid, no view. */
function baseRows(db: Db): BaseRow[] {
  const active = (
    db.prepare("SELECT value FROM settings WHERE key = 'activeModel'").get() as
      { value: string } | undefined
  )?.value;
  const labels = new Map(
    (
      db.prepare('SELECT image_id, label FROM labels').all() as {
        image_id: number;
        label: string;
      }[]
    ).map((r) => [r.image_id, r.label]),
  );
  const predictions = new Map(
    (
      db
        .prepare('SELECT image_id, label, confidence FROM predictions WHERE model_id = ?')
        .all(active ?? null) as { image_id: number; label: string; confidence: number }[]
    ).map((r) => [r.image_id, r]),
  );
  const images = db
    .prepare('SELECT id, import_id, captured_at, tube_row, tube_col FROM images')
    .all() as {
    id: number;
    import_id: number;
    captured_at: string;
    tube_row: number | null;
    tube_col: number | null;
  }[];
  return images.map((i) => ({
    id: i.id,
    importId: i.import_id,
    capturedAt: i.captured_at,
    tubeKey:
      i.tube_row !== null && i.tube_col !== null ? i.tube_row * TUBE_KEY_FACTOR + i.tube_col : null,
    label: labels.get(i.id) ?? null,
    predicted: predictions.get(i.id)?.label ?? null,
    confidence: predictions.get(i.id)?.confidence ?? null,
  }));
}

function matches(row: BaseRow, f: ImageFilter): boolean {
  const effective = row.label ?? row.predicted;
  const disagree = row.label !== null && row.predicted !== null && row.label !== row.predicted;
  return (
    (f.label === undefined || effective === f.label) &&
    (f.predicted === undefined || row.predicted === f.predicted) &&
    (f.minConfidence === undefined ||
      (row.confidence !== null && row.confidence >= f.minConfidence)) &&
    (f.maxConfidence === undefined ||
      (row.confidence !== null && row.confidence <= f.maxConfidence)) &&
    (f.reviewed === undefined || (row.label !== null) === f.reviewed) &&
    (f.importId === undefined || row.importId === f.importId) &&
    (f.disagreement === undefined || disagree === f.disagreement) &&
    (f.unclassified === undefined || (row.confidence === null) === f.unclassified)
  );
}

/** The latest photo of each tube (latest capture, then highest id), in tube order. */
function expectedTubes(rows: BaseRow[]): LibrarySummary['tubes'] {
  const latest = new Map<number, BaseRow>();
  for (const row of rows) {
    if (row.tubeKey === null) continue;
    const held = latest.get(row.tubeKey);
    const later =
      !held ||
      row.capturedAt > held.capturedAt ||
      (row.capturedAt === held.capturedAt && row.id > held.id);
    if (later) latest.set(row.tubeKey, row);
  }
  return [...latest.entries()]
    .sort(([a], [b]) => a - b)
    .map(([key, row]) => ({
      row: Math.floor(key / TUBE_KEY_FACTOR),
      col: key % TUBE_KEY_FACTOR,
      label: row.label ?? row.predicted,
      imageId: row.id,
      reviewed: row.label !== null,
    }));
}

/** The aggregate tables hold exactly what the base tables imply. */
function expectAggregatesExact(db: Db, when: string): void {
  const rows = baseRows(db);
  const expected = new Map<string, number>();
  for (const r of rows) {
    const key = JSON.stringify([
      r.label,
      r.predicted,
      r.confidence === null ? null : confidenceStep(r.confidence),
    ]);
    expected.set(key, (expected.get(key) ?? 0) + 1);
  }
  const stored = db
    .prepare('SELECT label, predicted, conf_step, photos FROM grid_counts')
    .all() as {
    label: string | null;
    predicted: string | null;
    conf_step: number | null;
    photos: number;
  }[];
  const actual = new Map<string, number>();
  for (const r of stored) {
    expect(r.photos, `${when}: no negative count`).toBeGreaterThanOrEqual(0);
    const key = JSON.stringify([r.label, r.predicted, r.conf_step]);
    expect(actual.has(key), `${when}: one row per key ${key}`).toBe(false);
    actual.set(key, r.photos);
  }
  for (const [key, n] of actual) if (n === 0) actual.delete(key);
  expect(Object.fromEntries(actual), `${when}: grid_counts`).toEqual(Object.fromEntries(expected));
  const cells = (
    db
      .prepare('SELECT tube_key, image_id, eff_label, reviewed FROM tube_cells ORDER BY tube_key')
      .all() as { tube_key: number; image_id: number; eff_label: string | null; reviewed: number }[]
  ).map((c) => ({
    row: Math.floor(c.tube_key / TUBE_KEY_FACTOR),
    col: c.tube_key % TUBE_KEY_FACTOR,
    label: c.eff_label,
    imageId: c.image_id,
    reviewed: c.reviewed === 1,
  }));
  expect(cells, `${when}: tube_cells`).toEqual(expectedTubes(rows));
}

/** Filters over every condition, with bounds on, between and beside the 0.01 steps. */
function filtersToCheck(importIds: number[]): ImageFilter[] {
  const bounds = [
    undefined,
    0,
    0.3,
    0.55,
    0.555,
    0.57,
    0.67,
    0.7,
    0.7000000000000001,
    0.83,
    0.995,
    1,
  ];
  const filters: ImageFilter[] = [];
  for (const label of [undefined, 'clear', 'obstructed', 'partial']) {
    for (const reviewed of [undefined, true, false]) {
      for (const minConfidence of bounds) {
        for (const maxConfidence of [undefined, 0.29, 0.67, 0.7, 0.705, 0.83, 1]) {
          filters.push({ label, reviewed, minConfidence, maxConfidence });
        }
      }
    }
  }
  filters.push(
    { disagreement: true },
    { disagreement: false },
    { disagreement: true, label: 'clear', minConfidence: 0.65 },
    { unclassified: true },
    { unclassified: false },
    { unclassified: true, reviewed: true },
    { unclassified: true, minConfidence: 0.5 },
    { predicted: 'obstructed' },
    { predicted: 'clear', reviewed: false, maxConfidence: 0.8 },
    { minConfidence: 0.8, maxConfidence: 0.7 },
    { minConfidence: 0.701, maxConfidence: 0.709 },
    { importId: importIds[0] },
    { importId: importIds[1], reviewed: false, minConfidence: 0.6 },
  );
  // Undefined keys are not allowed by the contract's strict object: drop them.
  return filters.map(
    (f) => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as ImageFilter,
  );
}

async function expectCountsExact(core: Core, importIds: number[], when: string): Promise<void> {
  const rows = baseRows(core.context.db);
  for (const filter of filtersToCheck(importIds)) {
    const { total } = await core.invoke('library.count', { filter });
    const expected = rows.filter((r) => matches(r, filter)).length;
    expect(total, `${when}: count of ${JSON.stringify(filter)}`).toBe(expected);
  }
}

function expectedHistogram(rows: BaseRow[]): Map<string, number[]> {
  const bins = new Map<string, number[]>();
  for (const r of rows) {
    if (r.predicted === null || r.confidence === null) continue;
    const counts = bins.get(r.predicted) ?? new Array<number>(10).fill(0);
    // Bin k is [k/10, (k+1)/10), the ends open: compared, not computed from c * 10.
    let bin = 0;
    for (let k = 1; k < 10; k++) if (r.confidence >= k / 10) bin = k;
    counts[bin] = (counts[bin] as number) + 1;
    bins.set(r.predicted, counts);
  }
  return bins;
}

async function expectSummaryExact(core: Core, when: string): Promise<void> {
  const rows = baseRows(core.context.db);
  const summary = await core.invoke('library.summary');
  expect(summary.total, when).toBe(rows.length);
  expect(summary.reviewed, when).toBe(rows.filter((r) => r.label !== null).length);
  expect(summary.unclassified, when).toBe(rows.filter((r) => r.confidence === null).length);
  for (const { label, total, reviewed } of summary.perLabel) {
    const mine = rows.filter((r) => (r.label ?? r.predicted) === label);
    expect([label, total, reviewed], when).toEqual([
      label,
      mine.length,
      mine.filter((r) => r.label !== null).length,
    ]);
  }
  const labelled = new Set(rows.map((r) => r.label ?? r.predicted).filter((l) => l !== null));
  expect(new Set(summary.perLabel.map((p) => p.label)), when).toEqual(labelled);
  const histogram = expectedHistogram(rows);
  expect(
    Object.fromEntries(summary.confidenceHistogram.map((h) => [h.label, h.bins])),
    `${when}: histogram`,
  ).toEqual(Object.fromEntries(histogram));
  if (summary.activeModel) {
    const pairs = rows.filter((r) => r.label !== null && r.predicted !== null);
    expect(summary.activeModel.reviewed, when).toBe(pairs.length);
    const { labels, counts } = summary.activeModel.confusion;
    for (const [t, truth] of labels.entries()) {
      for (const [p, predicted] of labels.entries()) {
        const n = pairs.filter((r) => r.label === truth && r.predicted === predicted).length;
        expect(counts[t]?.[p], `${when}: confusion ${truth}/${predicted}`).toBe(n);
      }
    }
  }
  expect(summary.tubes, `${when}: tube map`).toEqual(expectedTubes(rows));
}

async function openLibrary(): Promise<{ core: Core; db: Db; importIds: number[] }> {
  const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [] });
  cores.push(core);
  const db = core.context.db;
  insertFakeModel(db, DEFAULT_MODEL, { activate: true });
  insertFakeModel(db, OTHER_MODEL);
  const importIds: number[] = [];
  for (const [k, count] of [180, 120].entries()) {
    const images = makeImages({
      count,
      seed: 21 + k,
      models: [
        { ...DEFAULT_MODEL, coverage: 0.85 },
        { ...OTHER_MODEL, coverage: 0.6 },
      ],
      reviewedFraction: 0.35,
      agreeFraction: 0.6,
      tubeFraction: 0.7,
      // One decimal in the first import: many confidences exactly on a step boundary.
      confidenceDecimals: k === 0 ? 1 : 3,
      sameSecondFraction: 0.4,
      start: new Date(Date.UTC(2026, 2, 10 + k)),
    });
    images.forEach((image, i) => {
      // Few tubes, photographed many times, often in the same second: ties for the cell.
      if (image.tubeRow !== null) {
        image.tubeRow = 1 + (image.tubeRow % 3);
        image.tubeCol = 1 + ((image.tubeCol ?? 1) % 4);
      }
      const first = image.predictions[0];
      if (first && i % 5 === 0) first.confidence = EDGE_CONFIDENCES[i % EDGE_CONFIDENCES.length]!;
    });
    const importId = insertImport(db, { source: `/media/card${k}` });
    importIds.push(importId);
    insertImageRows(db, images, { importId });
  }
  return { core, db, importIds };
}

function upsertPrediction(
  db: Db,
  imageId: number,
  modelId: string,
  label: string,
  confidence: number,
): void {
  db.prepare(
    `INSERT INTO predictions (image_id, model_id, label, confidence, scores_json, created_at)
     VALUES (?, ?, ?, ?, '{}', 'now')
     ON CONFLICT (image_id, model_id) DO UPDATE SET label = excluded.label,
       confidence = excluded.confidence`,
  ).run(imageId, modelId, label, confidence);
}

/** Removes a photo and everything that refers to it (foreign keys stay on). */
function deletePhoto(db: Db, imageId: number): void {
  for (const table of ['label_events', 'labels', 'predictions', 'import_files']) {
    db.prepare(`DELETE FROM ${table} WHERE image_id = ?`).run(imageId);
  }
  db.prepare('DELETE FROM images WHERE id = ?').run(imageId);
}

/** Ids of the photos the tube map shows: deleting or moving them exercises the cells. */
function cellPhotos(db: Db): number[] {
  return db.prepare('SELECT image_id FROM tube_cells ORDER BY tube_key').pluck().all() as number[];
}

describe('grid aggregates (grid_counts, tube_cells)', () => {
  it('the confidence step puts every value between its 0.01 boundaries', () => {
    const values = [...EDGE_CONFIDENCES, -0.5, 0.123456789, 0.999999999, 1.5, 7];
    for (let k = 0; k <= 100; k++) values.push(k / 100, (k / 100) * (1 + 1e-15), k * 0.01);
    for (const c of values) {
      const step = confidenceStep(c);
      const b = Math.floor(step / 2);
      expect(b / 100 <= c && c < (b + 1) / 100, `${c} in step ${step}`).toBe(true);
      // Even steps are the boundaries themselves, odd ones the open interval above.
      expect(step % 2 === 0, `${c} on a boundary`).toBe(c === b / 100);
    }
  });

  it('stay exact through imports, classification, review, undo, deletes, moves and model switches', async () => {
    const { core, db, importIds } = await openLibrary();
    expectAggregatesExact(db, 'after the import');
    await expectCountsExact(core, importIds, 'after the import');
    await expectSummaryExact(core, 'after the import');

    // Review decisions through the API: set, accept, relabel, undo.
    await core.invoke('review.setLabel', { imageIds: [1, 2, 3, 4], label: 'obstructed' });
    await core.invoke('review.accept', { imageIds: [5, 6, 7] });
    await core.invoke('review.setLabel', { imageIds: [2, 8], label: 'partial' });
    await core.invoke('review.setLabel', { imageIds: [3], label: 'clear' });
    await core.invoke('review.undo');
    await core.invoke('review.undo');
    expectAggregatesExact(db, 'after review and undo');

    // Classification upserts (the active and the other model), on and off the steps.
    upsertPrediction(db, 10, DEFAULT_MODEL.id, 'obstructed', 0.7);
    upsertPrediction(db, 11, DEFAULT_MODEL.id, 'clear', 0.7000000000000001);
    upsertPrediction(db, 12, DEFAULT_MODEL.id, 'clear', 1);
    upsertPrediction(db, 13, OTHER_MODEL.id, 'partial', 0.41);
    // A photo classified for the first time.
    const unclassified = baseRows(db).find((r) => r.confidence === null);
    if (unclassified) upsertPrediction(db, unclassified.id, DEFAULT_MODEL.id, 'clear', 0.55);
    db.prepare('DELETE FROM predictions WHERE image_id = ? AND model_id = ?').run(
      14,
      DEFAULT_MODEL.id,
    );
    // A photo's prediction re-pointed at another photo (an UPDATE of the key itself).
    db.prepare('UPDATE predictions SET image_id = 16 WHERE image_id = 15 AND model_id = ?').run(
      OTHER_MODEL.id,
    );
    expectAggregatesExact(db, 'after classification');

    // A label written with INSERT OR REPLACE: the old row goes without a delete trigger.
    db.prepare(
      `INSERT OR REPLACE INTO labels (image_id, label, reviewer, reviewed_at)
       VALUES (1, 'clear', 'tool', 'now')`,
    ).run();
    db.prepare('DELETE FROM labels WHERE image_id = 5').run();
    expectAggregatesExact(db, 'after direct label writes');
    // Grid rows rewritten in place (INSERT OR REPLACE, as the image insert trigger does),
    // among them photos the tube map shows.
    db.prepare(
      `INSERT OR REPLACE INTO review_grid SELECT * FROM review_grid_source
       WHERE image_id IN (SELECT image_id FROM tube_cells LIMIT 3) OR image_id IN (1, 2)`,
    ).run();
    expectAggregatesExact(db, 'after grid rows were replaced');

    // Tube cells: the shown photo re-dated into the past, moved to another tube, deleted.
    const [first, second, third] = cellPhotos(db);
    db.prepare("UPDATE images SET captured_at = '2000-01-01T00:00:00.000Z' WHERE id = ?").run(
      first,
    );
    db.prepare('UPDATE images SET tube_row = 9, tube_col = 9 WHERE id = ?').run(second);
    db.prepare('UPDATE images SET tube_row = NULL, tube_col = NULL WHERE id = ?').run(third);
    expectAggregatesExact(db, 'after moving photos');
    for (const id of cellPhotos(db).slice(0, 3)) deletePhoto(db, id as number);
    deletePhoto(db, 20);
    expectAggregatesExact(db, 'after deleting photos');

    // More photos, one by one (the import path) and in bulk (indexes rebuilt afterwards).
    insertImageRows(db, makeImages({ count: 40, seed: 99, tubeFraction: 1 }), {
      importId: importIds[0],
    });
    expectAggregatesExact(db, 'after a small import');
    insertImageRows(db, makeImages({ count: 5_000, seed: 100, confidenceDecimals: 2 }));
    expectAggregatesExact(db, 'after a bulk import');

    // Switching, clearing and restoring the active model rewrites every prediction.
    setActiveModel(db, OTHER_MODEL.id);
    expectAggregatesExact(db, 'with the other model active');
    await expectCountsExact(core, importIds, 'with the other model active');
    await expectSummaryExact(core, 'with the other model active');
    setActiveModel(db, null);
    expectAggregatesExact(db, 'without an active model');
    await expectSummaryExact(core, 'without an active model');
    db.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('activeModel', ?)").run(
      DEFAULT_MODEL.id,
    );
    expectAggregatesExact(db, 'with the model restored');
    await expectCountsExact(core, importIds, 'at the end');
    await expectSummaryExact(core, 'at the end');
  });

  it("count another model's photos like the active model's", async () => {
    const { core, db, importIds } = await openLibrary();
    setActiveModel(db, OTHER_MODEL.id);
    const asActive = new Map<string, number>();
    const filters = filtersToCheck(importIds).filter((_, i) => i % 5 === 0);
    for (const filter of filters) {
      asActive.set(JSON.stringify(filter), (await core.invoke('library.count', { filter })).total);
    }
    setActiveModel(db, DEFAULT_MODEL.id);
    for (const filter of filters) {
      const { total } = await core.invoke('library.count', {
        filter: { ...filter, modelId: OTHER_MODEL.id },
      });
      expect(total, JSON.stringify(filter)).toBe(asActive.get(JSON.stringify(filter)));
    }
  });

  it('the tube map shows the latest photo of each tube, the later import on a tie', async () => {
    const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [] });
    cores.push(core);
    const db = core.context.db;
    insertFakeModel(db, DEFAULT_MODEL, { activate: true });
    const images = makeImages({ count: 3, tubeFraction: 1, reviewedFraction: 0 });
    for (const image of images) {
      image.tubeRow = 4;
      image.tubeCol = 7;
      image.capturedAt = '2026-03-12T10:00:00.000Z';
      image.predictions = [{ modelId: DEFAULT_MODEL.id, label: 'clear', confidence: 0.9 }];
    }
    const [a, b, c] = insertImageRows(db, images) as [number, number, number];
    const cell = async () => (await core.invoke('library.summary')).tubes;
    expect(await cell()).toEqual([{ row: 4, col: 7, label: 'clear', imageId: c, reviewed: false }]);
    // Labeling the shown photo shows the label; labeling another one changes nothing.
    await core.invoke('review.setLabel', { imageIds: [c], label: 'obstructed' });
    await core.invoke('review.setLabel', { imageIds: [a], label: 'partial' });
    expect(await cell()).toEqual([
      { row: 4, col: 7, label: 'obstructed', imageId: c, reviewed: true },
    ]);
    // The shown photo gone, the next latest takes the tube; an older re-dated later wins.
    deletePhoto(db, c);
    expect((await cell())[0]?.imageId).toBe(b);
    db.prepare("UPDATE images SET captured_at = '2026-03-12T11:00:00.000Z' WHERE id = ?").run(a);
    expect(await cell()).toEqual([
      { row: 4, col: 7, label: 'partial', imageId: a, reviewed: true },
    ]);
    await core.invoke('review.undo');
    expect(await cell()).toEqual([{ row: 4, col: 7, label: 'clear', imageId: a, reviewed: false }]);
  });

  it('are built for a library written before they existed', async () => {
    const dir = tempDir();
    const raw = new Database(path.join(dir, 'library.sqlite'));
    raw.pragma('foreign_keys = ON');
    for (const sql of migrations.slice(0, 2)) raw.exec(sql);
    raw.pragma('user_version = 2');
    insertFakeModel(raw, DEFAULT_MODEL, { activate: true });
    insertFakeModel(raw, OTHER_MODEL);
    const importId = insertImport(raw);
    const images = makeImages({
      count: 400,
      seed: 3,
      models: [DEFAULT_MODEL, { ...OTHER_MODEL, coverage: 0.5 }],
      confidenceDecimals: 2,
      sameSecondFraction: 0.5,
    });
    images.forEach((image, i) => {
      if (image.tubeRow !== null) image.tubeRow = 1 + (image.tubeRow % 2);
      if (i % 9 === 0) image.predictions = [];
    });
    insertImageRows(raw, images, { importId });
    raw.close();

    const core = await createCore({ libraryDir: dir, defaultModelDirs: [] });
    cores.push(core);
    expect(core.context.db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expectAggregatesExact(core.context.db, 'after the migration');
    await expectCountsExact(core, [importId, importId], 'after the migration');
    await expectSummaryExact(core, 'after the migration');
  });
});
