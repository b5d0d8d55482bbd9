/**
 * Issue 13 end to end with real parts: real import (sharp, onnxruntime, SQLite), the
 * improve job writing a real ONNX file, and a fresh onnxruntime session on that file.
 * The fixture model's embedding is the photo's three channel means, so which colour
 * means which label is something a head can learn from a dozen photos.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import ort from 'onnxruntime-node';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackfillResult, ImproveResult, JobSnapshot } from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import { countEmbeddings } from '../../electron/core/embeddings/store.js';
import { decodePhoto } from '../../electron/core/imaging/decode.js';
import { originalPath } from '../../electron/core/library/database.js';
import { parseManifest } from '../../electron/core/inference/manifest.js';
import { buildInputBatch, inputShape } from '../../electron/core/inference/preprocess.js';
import { seededRandom } from '../fixtures/library-rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const TORCH = path.resolve(__dirname, '../fixtures/models/torch-style');
const BASE_ID = 'tube-fixture@1.0.0';
const tempDir = useTempDirs();
const cores: Core[] = [];

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

type Colour = 'clear' | 'clogged' | 'corrosion';

/** Colour ranges per label: wide enough that photos of one label are not near-duplicates. */
function colourFor(label: Colour, random: () => number): [number, number, number] {
  const hi = () => 150 + Math.floor(random() * 105);
  const lo = (max: number) => Math.floor(random() * max);
  if (label === 'clear') return [lo(90), lo(150), hi()];
  if (label === 'clogged') return [hi(), lo(150), lo(90)];
  return [lo(100), hi(), lo(100)];
}

async function makeCard(dir: string, perLabel: number): Promise<Map<string, Colour>> {
  await mkdir(dir, { recursive: true });
  const random = seededRandom(13);
  const truth = new Map<string, Colour>();
  for (const label of ['clear', 'clogged', 'corrosion'] as const) {
    for (let i = 0; i < perLabel; i++) {
      const [r, g, b] = colourFor(label, random);
      const name = `${label}_${String(i).padStart(2, '0')}.jpg`;
      const bytes = await sharp({
        create: { width: 96, height: 64, channels: 3, background: { r, g, b } },
      })
        .jpeg()
        .toBuffer();
      await writeFile(path.join(dir, name), bytes);
      truth.set(name, label);
    }
  }
  return truth;
}

async function waitJob(core: Core, jobId: string): Promise<JobSnapshot> {
  const snapshot = await core.invoke('jobs.wait', { jobId, timeoutMs: 120_000 });
  expect(snapshot.status, JSON.stringify(snapshot.error)).toBe('done');
  return snapshot;
}

/** A library with the fixture model, the card imported and every photo reviewed. */
async function reviewedLibrary(perLabel = 12): Promise<{ core: Core; truth: Map<string, Colour> }> {
  const card = tempDir();
  const truth = await makeCard(card, perLabel);
  const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [TORCH] });
  cores.push(core);
  const { jobId } = await core.invoke('ingest.start', { source: card });
  await waitJob(core, jobId);
  const { items } = await core.invoke('library.list', { limit: 1000 });
  for (const label of ['clear', 'clogged', 'corrosion'] as const) {
    const imageIds = items.filter((p) => truth.get(p.originalName) === label).map((p) => p.id);
    await core.invoke('review.setLabel', { imageIds, label, reviewer: 'Ana Souza' });
  }
  return { core, truth };
}

describe('models.improve', () => {
  it('learns a new label, compares on held-out photos, and writes an ONNX that scores like the app', async () => {
    const { core } = await reviewedLibrary();
    expect(countEmbeddings(core.context.db, BASE_ID)).toBe(36);

    const { jobId } = await core.invoke('models.improve', {});
    const result = (await waitJob(core, jobId)).result as ImproveResult;

    expect(result.parentModelId).toBe(BASE_ID);
    expect(result.modelId).toBe('tube-fixture@1.0.0-improved.1');
    expect(result.labels).toEqual(['clear', 'clogged', 'corrosion']);
    expect(result.newLabels).toEqual(['corrosion']);
    expect(result.heldOutPhotos).toBeGreaterThan(0);
    expect(result.trainPhotos + result.heldOutPhotos).toBe(36);
    // The parent cannot say "corrosion"; the new head can.
    expect(result.after.balancedAccuracy!).toBeGreaterThan(result.before.balancedAccuracy!);
    expect(result.after.perClass.find((c) => c.label === 'corrosion')!.recall).toBeGreaterThan(0.5);
    expect(result.activated).toBe(false);
    expect((await core.invoke('library.info')).activeModelId).toBe(BASE_ID);

    // model.json names its parent; the card says who labeled what.
    const manifest = parseManifest(
      JSON.parse(await readFile(path.join(result.dir, 'model.json'), 'utf8')),
    );
    expect(manifest.parentModelId).toBe(BASE_ID);
    expect(manifest.labels).toEqual(result.labels);
    const card = await readFile(path.join(result.dir, 'MODEL_CARD.md'), 'utf8');
    expect(card).toContain('Ana Souza (');
    expect(card).toContain('corrosion (new)');

    // The app classifies with the new version...
    const classify = await core.invoke('models.classify', { modelId: result.modelId });
    await waitJob(core, classify.jobId);
    const stored = core.context.db
      .prepare(
        `SELECT p.scores_json, i.sha256, i.ext, i.original_name FROM predictions p
         JOIN images i ON i.id = p.image_id WHERE p.model_id = ? ORDER BY i.id`,
      )
      .all(result.modelId) as {
      scores_json: string;
      sha256: string;
      ext: string;
      original_name: string;
    }[];
    expect(stored).toHaveLength(36);

    // ...and a fresh onnxruntime session on the written file gives the same scores.
    const session = await ort.InferenceSession.create(path.join(result.dir, 'model.onnx'));
    try {
      for (const row of stored) {
        const bytes = await readFile(originalPath(core.context.paths, row.sha256, row.ext));
        const { preview } = await decodePhoto(bytes, row.original_name);
        const data = await buildInputBatch([preview], manifest.input);
        const out = await session.run({
          input: new ort.Tensor('float32', data, inputShape(manifest.input, 1)),
        });
        const probs = Array.from(out[manifest.output.name]!.data as Float32Array);
        const app = JSON.parse(row.scores_json) as Record<string, number>;
        manifest.labels.forEach((label, i) => expect(app[label]).toBeCloseTo(probs[i]!, 6));
      }
    } finally {
      await session.release();
    }

    // The improved model keeps the embedding output: it can be improved again.
    const again = await core.invoke('models.improve', { modelId: result.modelId });
    const second = (await waitJob(core, again.jobId)).result as ImproveResult;
    expect(second.modelId).toBe('tube-fixture@1.0.0-improved.2');
    expect(second.parentModelId).toBe(result.modelId);
  }, 120_000);

  it('refuses to fit with too few reviewed photos, saying how many are needed', async () => {
    const card = tempDir();
    await makeCard(card, 2);
    const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [TORCH] });
    cores.push(core);
    await waitJob(core, (await core.invoke('ingest.start', { source: card })).jobId);
    const { items } = await core.invoke('library.list', { limit: 10 });
    await core.invoke('review.accept', { imageIds: items.map((p) => p.id) });
    const { jobId } = await core.invoke('models.improve', {});
    const snapshot = await core.invoke('jobs.wait', { jobId, timeoutMs: 60_000 });
    expect(snapshot.status).toBe('failed');
    expect(snapshot.error?.messageKey).toBe('improve.tooFewReviewed');
    expect(snapshot.error?.message).toContain('Review at least 10 photos');
    expect((await core.invoke('models.list')).map((m) => m.id)).toEqual([BASE_ID]);
  }, 60_000);

  it('can be cancelled, and registers nothing then', async () => {
    const { core } = await reviewedLibrary(6);
    const { jobId } = await core.invoke('models.improve', {});
    core.invoke('jobs.cancel', { jobId });
    const snapshot = await core.invoke('jobs.wait', { jobId, timeoutMs: 60_000 });
    expect(snapshot.status).toBe('cancelled');
    expect((await core.invoke('models.list')).map((m) => m.id)).toEqual([BASE_ID]);
  }, 60_000);
});

describe('embeddings', () => {
  it('backfill moves old float32 embeddings to the compact store and computes missing ones', async () => {
    const { core } = await reviewedLibrary(4);
    const { db } = core.context;
    const rows = db
      .prepare('SELECT image_id AS id FROM embeddings WHERE model_id = ? ORDER BY image_id')
      .all(BASE_ID) as { id: number }[];
    const [legacy, missing] = [rows.slice(0, 5), rows.slice(5, 8)];
    // A library from before migration 4: float32 in predictions.embedding, no embeddings rows.
    for (const { id } of legacy) {
      db.prepare('UPDATE predictions SET embedding = ? WHERE image_id = ? AND model_id = ?').run(
        Buffer.from(new Float32Array([0.5, -0.25, 1]).buffer),
        id,
        BASE_ID,
      );
    }
    db.prepare('DELETE FROM embeddings WHERE image_id IN (SELECT value FROM json_each(?))').run(
      JSON.stringify([...legacy, ...missing].map((r) => r.id)),
    );
    const { jobId } = await core.invoke('embeddings.backfill', {});
    const result = (await waitJob(core, jobId)).result as BackfillResult;
    expect(result).toMatchObject({ converted: 5, computed: 3, failed: 0 });
    expect(countEmbeddings(db, BASE_ID)).toBe(12);
    expect(
      db.prepare('SELECT COUNT(*) AS n FROM predictions WHERE embedding IS NOT NULL').get(),
    ).toEqual({ n: 0 });
    // Running it again finds nothing left to do.
    const again = (await waitJob(core, (await core.invoke('embeddings.backfill', {})).jobId))
      .result as BackfillResult;
    expect(again).toMatchObject({ converted: 0, computed: 0 });
  }, 60_000);

  it('finds photos of the same colour first, and flags a photo labeled against its neighbours', async () => {
    const { core, truth } = await reviewedLibrary(8);
    const { items } = await core.invoke('library.list', { limit: 100 });
    const blue = items.find((p) => truth.get(p.originalName) === 'clear')!;
    const similar = await core.invoke('library.similar', { imageId: blue.id, limit: 5 });
    expect(similar.items.map((p) => p.id)).not.toContain(blue.id);
    expect(similar.items.map((p) => truth.get(p.originalName))).toEqual(Array(5).fill('clear'));
    expect(similar.vote).toMatchObject({ label: 'clear' });
    expect(similar.likelyMislabeled).toBe(false);

    // A slip of the finger: a blue photo labeled "clogged".
    await core.invoke('review.setLabel', { imageIds: [blue.id], label: 'clogged' });
    const suspects = await core.invoke('library.suspects', {});
    expect(suspects[0]).toMatchObject({ id: blue.id, label: 'clogged', neighbourLabel: 'clear' });
    expect(suspects[0]!.agreeing).toBeGreaterThan(suspects[0]!.neighbours / 2);
    const flagged = await core.invoke('library.similar', { imageId: blue.id, limit: 3 });
    expect(flagged.likelyMislabeled).toBe(true);
  }, 60_000);
});
