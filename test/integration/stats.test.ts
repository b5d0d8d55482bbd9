import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app.js';
import { serializeError } from '../../electron/core/errors.js';
import {
  DEFAULT_MODEL,
  insertFakeModel,
  insertImageRows,
  makeImages,
  type RowPrediction,
} from '../fixtures/library-rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

const SECOND = { id: 'pipe-obstruction@2.0.0', labels: ['clear', 'obstructed'] };

interface PhotoSpec {
  predicted?: [string, number];
  second?: string;
  label?: string;
  tube?: [number, number];
  capturedAt?: string;
}

/** A hand-made library whose every number below was worked out on paper. */
const PHOTOS: PhotoSpec[] = [
  { predicted: ['clear', 0.95], second: 'obstructed', label: 'clear', tube: [1, 1] },
  {
    predicted: ['clear', 0.55],
    second: 'obstructed',
    label: 'obstructed',
    tube: [1, 2],
    capturedAt: '2026-03-12T10:00:00.000Z',
  },
  // A later photo of tube (1,2): it decides the tube's cell.
  { predicted: ['obstructed', 0.8], tube: [1, 2], capturedAt: '2026-03-12T11:00:00.000Z' },
  { predicted: ['obstructed', 0.62], second: 'obstructed', label: 'obstructed' },
  { predicted: ['clear', 1] },
  {},
  { label: 'partial' },
  { predicted: ['clear', 0.5], label: 'clear' },
];

async function openLibrary(): Promise<{ core: Core; ids: number[] }> {
  const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [] });
  cores.push(core);
  const db = core.context.db;
  insertFakeModel(db, DEFAULT_MODEL, { activate: true });
  insertFakeModel(db, SECOND);
  const images = makeImages({ count: PHOTOS.length, tubeFraction: 0, reviewedFraction: 0 });
  PHOTOS.forEach((spec, i) => {
    const image = images[i];
    if (!image) return;
    const predictions: RowPrediction[] = [];
    if (spec.predicted) {
      const [label, confidence] = spec.predicted;
      predictions.push({ modelId: DEFAULT_MODEL.id, label, confidence });
    }
    if (spec.second) predictions.push({ modelId: SECOND.id, label: spec.second, confidence: 0.9 });
    image.predictions = predictions;
    image.label = spec.label
      ? { label: spec.label, reviewer: 'Ana', reviewedAt: '2026-03-13T09:00:00.000Z' }
      : null;
    image.tubeRow = spec.tube?.[0] ?? null;
    image.tubeCol = spec.tube?.[1] ?? null;
    if (spec.capturedAt) image.capturedAt = spec.capturedAt;
  });
  return { core, ids: insertImageRows(db, images) };
}

describe('library.summary', () => {
  it('counts photos per label, the model accuracy, confidence bins and tube cells', async () => {
    const { core, ids } = await openLibrary();
    const summary = await core.invoke('library.summary');
    expect(summary.total).toBe(8);
    expect(summary.reviewed).toBe(5);
    expect(summary.unclassified).toBe(2);
    expect(summary.perLabel).toEqual([
      { label: 'clear', total: 3, reviewed: 2 },
      { label: 'obstructed', total: 3, reviewed: 2 },
      { label: 'partial', total: 1, reviewed: 1 },
    ]);
    // Reviewed AND classified: photos 1, 2, 4, 8; photo 2 is the model's one mistake.
    expect(summary.activeModel).toMatchObject({
      modelId: DEFAULT_MODEL.id,
      reviewed: 4,
      accuracy: 0.75,
      balancedAccuracy: 0.75,
      confusion: {
        labels: ['clear', 'obstructed'],
        counts: [
          [2, 0],
          [1, 1],
        ],
      },
    });
    expect(summary.activeModel?.perClass).toEqual([
      { label: 'clear', precision: 2 / 3, recall: 1, support: 2 },
      { label: 'obstructed', precision: 1, recall: 0.5, support: 2 },
    ]);
    // 0.5 and 0.55 in bin 5; 0.95 and exactly 1.0 in the last bin.
    expect(summary.confidenceHistogram).toEqual([
      { label: 'clear', bins: [0, 0, 0, 0, 0, 2, 0, 0, 0, 2] },
      { label: 'obstructed', bins: [0, 0, 0, 0, 0, 0, 1, 0, 1, 0] },
    ]);
    expect(summary.tubes).toEqual([
      { row: 1, col: 1, label: 'clear', imageId: ids[0], reviewed: true },
      { row: 1, col: 2, label: 'obstructed', imageId: ids[2], reviewed: false },
    ]);
  });

  it('follows review decisions at once', async () => {
    const { core, ids } = await openLibrary();
    await core.invoke('review.setLabel', { imageIds: [ids[1] as number], label: 'clear' });
    const summary = await core.invoke('library.summary');
    expect(summary.activeModel?.accuracy).toBe(1);
    expect(summary.perLabel[0]).toEqual({ label: 'clear', total: 4, reviewed: 3 });
  });
});

describe('models.compare', () => {
  it('scores each model on the reviewed photos it classified', async () => {
    const { core } = await openLibrary();
    const [first, second] = await core.invoke('models.compare', {
      modelIds: [DEFAULT_MODEL.id, SECOND.id],
    });
    expect(first).toMatchObject({ modelId: DEFAULT_MODEL.id, reviewed: 4, accuracy: 0.75 });
    // The second model said "obstructed" for photos 1, 2 and 4: right twice.
    expect(second).toMatchObject({
      modelId: SECOND.id,
      reviewed: 3,
      confusion: {
        labels: ['clear', 'obstructed'],
        counts: [
          [0, 1],
          [0, 2],
        ],
      },
    });
    expect(second?.accuracy).toBeCloseTo(2 / 3);
    expect(second?.balancedAccuracy).toBeCloseTo(0.5);
    const unknown = await core
      .invoke('models.compare', { modelIds: ['nope@1'] })
      .catch(serializeError);
    expect(unknown).toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('models.compare on one import', () => {
  it('scores the models on the reviewed photos of that import only', async () => {
    const { core } = await openLibrary();
    const db = core.context.db;
    // A second card: two reviewed photos, both called wrong by the active model.
    const card = makeImages({ count: 2, tubeFraction: 0, reviewedFraction: 0, seed: 7 });
    for (const image of card) {
      image.predictions = [{ modelId: DEFAULT_MODEL.id, label: 'clear', confidence: 0.9 }];
      image.label = { label: 'obstructed', reviewer: 'Ana', reviewedAt: '2026-03-14T09:00:00Z' };
    }
    insertImageRows(db, card);
    const imports = await core.invoke('library.imports');
    const [first, second] = [...imports].sort((a, b) => a.importId - b.importId);

    const [onFirst] = await core.invoke('models.compare', {
      modelIds: [DEFAULT_MODEL.id],
      importId: first!.importId,
    });
    expect(onFirst).toMatchObject({ reviewed: 4, accuracy: 0.75 });
    const [onSecond] = await core.invoke('models.compare', {
      modelIds: [DEFAULT_MODEL.id],
      importId: second!.importId,
    });
    expect(onSecond).toMatchObject({ reviewed: 2, accuracy: 0 });
    const [onAll] = await core.invoke('models.compare', { modelIds: [DEFAULT_MODEL.id] });
    expect(onAll).toMatchObject({ reviewed: 6 });
    expect(onAll?.accuracy).toBeCloseTo(3 / 6);

    const missing = await core
      .invoke('models.compare', { modelIds: [DEFAULT_MODEL.id], importId: 999 })
      .catch(serializeError);
    expect(missing).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('There is no import 999'),
    });
  });
});
