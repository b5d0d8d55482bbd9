/**
 * `npm run improve:demo -- [--data DIR] [--work DIR] [--review N]`
 *
 * The in-app improve loop on the shared pipe photos, with the real core (every step
 * through `core.invoke`) and no Python:
 *  1. A deliberately weak start: the shipped model on photos from a camera mounted a
 *     quarter turn off (every photo of the dataset rotated 90 degrees into the work
 *     folder; the dataset stays untouched): it calls most clear pipes obstructed. A
 *     fresh library imports the rotated train and valid splits as two imports
 *     (classified as they arrive, so embeddings are stored).
 *  2. The inspector reviews --review (default 150) train photos, as the retrain demo
 *     does (accept where the active model is right, relabel where it is wrong).
 *  3. `models.improve` fits a head on the reviewed photos: old vs new on its held-out
 *     near-duplicate groups is printed.
 *  4. The new model classifies the library; the valid split (never reviewed before this
 *     step, so never trained on) is labeled from the dataset and both models compared
 *     on it: before/after on photos neither model was fitted on.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import type {
  ImageSummary,
  ImproveResult,
  JobSnapshot,
  ModelMetrics,
} from '../electron/contract.js';
import { createCore, type Core } from '../electron/core/app.js';
import { shippedModelDirs } from '../electron/core/models/shipped.js';
import { readDataset, type DatasetSplit } from './retrain-demo/dataset.js';
import { listAll } from './retrain-demo/review.js';

const REVIEWER = 'dataset labels (improve demo)';

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function finish(core: Core, jobId: string, what: string): Promise<JobSnapshot> {
  const snapshot = await core.invoke('jobs.wait', { jobId, timeoutMs: 600_000 });
  if (snapshot.status !== 'done') {
    throw new Error(`${what} ${snapshot.status}: ${snapshot.error?.message ?? ''}`);
  }
  return snapshot;
}

/** Reviews photos against the dataset's labels: accept when the active model is right. */
async function review(core: Core, photos: ImageSummary[], split: DatasetSplit): Promise<number> {
  const accept: number[] = [];
  const relabel = new Map<string, number[]>();
  for (const p of photos) {
    const truth = split.truthByName.get(p.originalName);
    if (truth === undefined) continue;
    if (p.predicted === truth) accept.push(p.id);
    else relabel.set(truth, [...(relabel.get(truth) ?? []), p.id]);
  }
  let changed = 0;
  if (accept.length)
    changed += (await core.invoke('review.accept', { imageIds: accept, reviewer: REVIEWER }))
      .changed;
  for (const [label, imageIds] of relabel) {
    changed += (await core.invoke('review.setLabel', { imageIds, label, reviewer: REVIEWER }))
      .changed;
  }
  return changed;
}

function pct(value: number | null): string {
  return value === null ? '  n/a ' : `${(value * 100).toFixed(1).padStart(5)}%`;
}

function line(
  title: string,
  before: ModelMetrics,
  after: ModelMetrics,
  labels: string[],
): string[] {
  const recall = (m: ModelMetrics, l: string) =>
    m.perClass.find((c) => c.label === l)?.recall ?? null;
  return [
    `${title} (${after.reviewed} photos)`,
    `                      before    after`,
    `  accuracy            ${pct(before.accuracy)}   ${pct(after.accuracy)}`,
    `  balanced accuracy   ${pct(before.balancedAccuracy)}   ${pct(after.balancedAccuracy)}`,
    ...labels.map(
      (l) => `  recall ${l.padEnd(12)} ${pct(recall(before, l))}   ${pct(recall(after, l))}`,
    ),
    `  confusion before ${JSON.stringify(before.confusion.counts)}, after ${JSON.stringify(after.confusion.counts)} (rows truth, cols predicted: ${before.confusion.labels.join(', ')})`,
  ];
}

/** Copies a folder's photos rotated a quarter turn (pixels, no EXIF tag): the "new camera". */
async function rotatedCopy(from: string, to: string): Promise<void> {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (!/\.(jpe?g|png)$/i.test(name)) continue;
    const target = path.join(to, name);
    if (existsSync(target)) continue;
    await sharp(await readFile(path.join(from, name)))
      .rotate(90)
      .jpeg({ quality: 92 })
      .toFile(target);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: '/work/shared/datasets/pipe-obstructions' },
      work: { type: 'string' },
      review: { type: 'string', default: '150' },
      seed: { type: 'string', default: '1' },
    },
  });
  const reviewN = Number(values.review);
  const random = seeded(Number(values.seed));
  const work = values.work
    ? path.resolve(values.work)
    : mkdtempSync(path.join(os.tmpdir(), 'improve-demo-'));
  mkdirSync(work, { recursive: true });
  const [train, valid] = await readDataset(path.resolve(values.data!));
  const t0 = performance.now();
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  console.log('Inspection Desk: improve the model in the app, offline, no Python');
  console.log(`Data (read only) ${values.data}; library ${path.join(work, 'library')}`);

  const core = await createCore({
    libraryDir: path.join(work, 'library'),
    defaultModelDirs: shippedModelDirs(),
  });
  try {
    const base = (await core.invoke('library.info')).activeModelId!;
    const imports: number[] = [];
    for (const split of [train!, valid!]) {
      const card = path.join(work, `card-${split.name}`);
      await rotatedCopy(split.imagesDir, card);
      const { jobId, importId } = await core.invoke('ingest.start', { source: card });
      await finish(core, jobId, `import of ${split.name}`);
      imports.push(importId);
    }
    const trainPhotos = shuffle(await listAll(core, { importId: imports[0]! }), random).filter(
      (p) => train!.truthByName.has(p.originalName),
    );
    const validPhotos = await listAll(core, { importId: imports[1]! });
    console.log(
      `[${elapsed()}] imported ${trainPhotos.length} train + ${validPhotos.length} valid photos rotated 90 degrees; the weak start is ${base} on them`,
    );

    const weak = { modelId: base };

    // 2. The inspector reviews `reviewN` train photos with the weak model active.
    const active = await listAll(core, { importId: imports[0]!, reviewed: false });
    const activeById = new Map(active.map((p) => [p.id, p]));
    const toReview = trainPhotos
      .filter((p) => activeById.has(p.id))
      .slice(0, reviewN)
      .map((p) => activeById.get(p.id)!);
    const reviewed = await review(core, toReview, train!);
    const corrected = toReview.filter(
      (p) => p.predicted !== train!.truthByName.get(p.originalName),
    ).length;
    console.log(
      `[${elapsed()}] reviewed ${reviewed} train photos (${corrected} corrections of the weak model)`,
    );

    // 3. Improve.
    const started = performance.now();
    const improveJob = await core.invoke('models.improve', {});
    const improved = (await finish(core, improveJob.jobId, 'improve')).result as ImproveResult;
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `[${elapsed()}] improved: ${improved.modelId} in ${seconds.toFixed(1)} s (fit on ${improved.trainPhotos}, held out ${improved.heldOutPhotos} in ${improved.groups} groups: ${improved.groupedBy})`,
    );

    // 4. Both models on the valid split, labeled only now.
    await finish(
      core,
      (await core.invoke('models.classify', { modelId: improved.modelId })).jobId,
      'classify',
    );
    await review(core, validPhotos, valid!);
    const [before, after] = await core.invoke('models.compare', {
      modelIds: [weak.modelId, improved.modelId],
      importId: imports[1]!,
    });
    console.log('');
    for (const l of line(
      `Held-out reviewed train photos (improve's own split, weak ${weak.modelId} vs new)`,
      improved.before,
      improved.after,
      improved.labels,
    ))
      console.log(l);
    console.log('');
    for (const l of line(
      `Valid split, never reviewed before (weak ${weak.modelId} vs new ${improved.modelId})`,
      before!,
      after!,
      improved.labels,
    ))
      console.log(l);
    console.log('');
    console.log(
      `Total ${elapsed()}. New model: ${improved.dir} (model.onnx, model.json, MODEL_CARD.md)`,
    );
  } finally {
    await core.close();
  }
}

main().catch((error: unknown) => {
  console.error(`improve:demo stopped: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
