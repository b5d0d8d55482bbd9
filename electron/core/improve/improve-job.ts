/**
 * `models.improve`: fits a new classification head on the reviewed photos' embeddings,
 * measures parent vs new on held-out near-duplicate groups, and writes + registers a
 * standalone model (base graph + new head, model.json with its parent, a model card).
 * Nothing is activated unless asked: the user reads the comparison first.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ImproveResult, ModelMetrics } from '../../contract.js';
import type { CoreContext } from '../context.js';
import { CoreError } from '../errors.js';
import { fromFsError } from '../fs-errors.js';
import { int8FromBytes } from '../embeddings/quantize.js';
import type { JobHandle } from '../jobs/registry.js';
import { addModel } from '../models/add-model.js';
import { runClassifyJob } from '../models/classify-job.js';
import {
  findModelRow,
  getModel,
  modelDir,
  requireModelRow,
  setActiveModelId,
  type LoadedModel,
} from '../models/registry.js';
import { computeMetrics, type LabeledPair } from '../stats/metrics.js';
import { appendHead, HEAD_OUTPUT } from './append-head.js';
import { fitLogisticHead, headPredict } from './logistic.js';
import { renderModelCard } from './model-card.js';
import { heldOutSplit, NEAR_DUPLICATE_COSINE, type SplitPhoto } from './split.js';

/** Reviewed photos needed before a head is worth fitting. */
export const MIN_REVIEWED = 10;
/** Reviewed photos a label needs to be learned. */
export const MIN_PER_LABEL = 2;

export const GROUPED_BY = `tube position + centered embedding cosine >= ${NEAR_DUPLICATE_COSINE}`;

export interface ImproveOptions {
  model: LoadedModel;
  heldOutShare: number;
  activate: boolean;
  /** The command line that reproduces this run, for the model card. */
  command?: string;
}

interface ReviewedPhoto extends SplitPhoto {
  reviewer: string;
  predicted: string | null;
}

function loadReviewed(ctx: CoreContext, modelId: string): ReviewedPhoto[] {
  const rows = ctx.db
    .prepare(
      `SELECT l.image_id AS imageId, l.label, l.reviewer, i.tube_row AS tubeRow, i.tube_col AS tubeCol,
              e.scale, e.data, p.label AS predicted
       FROM labels l
       JOIN images i ON i.id = l.image_id
       JOIN embeddings e ON e.model_id = @modelId AND e.image_id = l.image_id
       LEFT JOIN predictions p ON p.model_id = @modelId AND p.image_id = l.image_id
       ORDER BY l.image_id`,
    )
    .all({ modelId }) as {
    imageId: number;
    label: string;
    reviewer: string;
    tubeRow: number | null;
    tubeCol: number | null;
    scale: number;
    data: Uint8Array;
    predicted: string | null;
  }[];
  return rows.map((r) => {
    const q = int8FromBytes(r.data);
    const embedding = new Float32Array(q.length);
    for (let i = 0; i < q.length; i++) embedding[i] = q[i]! * r.scale;
    return { ...r, embedding };
  });
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1;
  return out;
}

function toMetrics(modelId: string, pairs: LabeledPair[], labels: string[]): ModelMetrics {
  const m = computeMetrics(pairs, labels);
  return {
    modelId,
    reviewed: m.total,
    accuracy: m.accuracy,
    balancedAccuracy: m.balancedAccuracy,
    perClass: m.perClass,
    confusion: m.confusion,
  };
}

/** `<root>-improved.<n>`, the first n not registered yet. */
function nextVersion(ctx: CoreContext, manifestId: string, parentVersion: string): string {
  const root = parentVersion.replace(/-improved\.\d+$/, '');
  for (let n = 1; ; n++) {
    const version = `${root}-improved.${n}`;
    if (!findModelRow(ctx, `${manifestId}@${version}`)) return version;
  }
}

const yieldToEvents = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export async function runImproveJob(
  ctx: CoreContext,
  job: JobHandle,
  options: ImproveOptions,
): Promise<ImproveResult> {
  const started = Date.now();
  const { model } = options;
  const embeddingName = model.manifest.embedding!.name;

  // Reviewed photos classified before embeddings were stored get theirs first.
  job.progress({ phase: 'embedding' });
  await runClassifyJob(ctx, job, { model, all: false, missingEmbeddings: 'reviewed' });
  job.throwIfCancelled();

  job.progress({ phase: 'grouping', done: 0, total: null });
  const all = loadReviewed(ctx, model.id);
  const counts = countBy(all, (p) => p.label);
  const labels = [
    ...model.labels.filter((l) => (counts[l] ?? 0) >= MIN_PER_LABEL),
    ...Object.keys(counts)
      .filter((l) => !model.labels.includes(l) && counts[l]! >= MIN_PER_LABEL)
      .sort(),
  ];
  const photos = all.filter((p) => labels.includes(p.label));
  if (photos.length < MIN_REVIEWED) {
    throw new CoreError('INVALID_ARGUMENT', {
      key: 'improve.tooFewReviewed',
      values: { n: photos.length, modelId: model.id, min: MIN_REVIEWED, perLabel: MIN_PER_LABEL },
    });
  }
  if (labels.length < 2) {
    throw new CoreError('INVALID_ARGUMENT', {
      key: 'improve.tooFewLabels',
      values: { n: labels.length, perLabel: MIN_PER_LABEL, labels: labels.join(', ') || '-' },
    });
  }
  await yieldToEvents();
  const split = heldOutSplit(photos, options.heldOutShare);
  job.throwIfCancelled();
  const byId = new Map(photos.map((p) => [p.imageId, p]));
  const train = split.train.map((id) => byId.get(id)!);
  const heldOut = split.heldOut.map((id) => byId.get(id)!);

  const dim = photos[0]!.embedding.length;
  const features = new Float32Array(train.length * dim);
  train.forEach((p, r) => features.set(p.embedding, r * dim));
  const targets = Int32Array.from(train, (p) => labels.indexOf(p.label));
  job.progress({ phase: 'fitting', done: 0, total: 100 });
  const head = await fitLogisticHead(
    { features, dim, targets, labels },
    {
      onProgress: async (it, total) => {
        job.progress({ done: Math.round((it / total) * 100) });
        await yieldToEvents();
        job.throwIfCancelled();
      },
    },
  );

  const parentRow = requireModelRow(ctx, model.id);
  const version = nextVersion(ctx, model.manifest.id, model.manifest.version);
  const newId = `${model.manifest.id}@${version}`;
  const before = toMetrics(
    model.id,
    heldOut.map((p) => ({ truth: p.label, predicted: p.predicted ?? '(none)' })),
    labels,
  );
  const after = toMetrics(
    newId,
    heldOut.map((p) => ({ truth: p.label, predicted: headPredict(head, p.embedding) })),
    labels,
  );
  const newLabels = labels.filter((l) => !model.labels.includes(l));

  job.progress({ phase: 'writing', done: 0, total: null });
  const staging = path.join(ctx.paths.tmp, `improve-${randomUUID()}`);
  let registeredId: string;
  try {
    const base = await readFile(path.join(modelDir(ctx, parentRow), model.manifest.file));
    const onnx = appendHead(base, {
      embeddingName,
      dropOutputs: [model.manifest.output.name],
      head,
      metadata: { parent_model: model.id, head: 'logistic-regression', labels: labels.join(',') },
    });
    const createdAt = ctx.now().toISOString();
    const n = version.slice(version.lastIndexOf('.') + 1);
    const name = `${model.manifest.name.replace(/ \(improved \d+\)$/, '')} (improved ${n})`.slice(
      0,
      200,
    );
    // Format 2 (what the head gives, not what to apply); the parent's format-1 reading
    // and display names of labels the new head does not have are not carried over.
    const { v1Activation: _parentFormat, labelNames: parentNames, ...parent } = model.manifest;
    void _parentFormat;
    const manifest = {
      ...parent,
      schemaVersion: 2,
      ...(parentNames ? { labelNames: namesOf(parentNames, labels) } : {}),
      version,
      name,
      description: `Improved from ${model.id} on ${createdAt.slice(0, 10)}: a new head fitted on ${train.length} reviewed photos.`,
      file: 'model.onnx',
      labels,
      output: { name: HEAD_OUTPUT, type: 'probabilities' as const },
      embedding: { name: embeddingName },
      parentModelId: model.id,
      threshold: null,
    };
    const card = renderModelCard({
      modelId: newId,
      parentModelId: model.id,
      name,
      createdAt,
      labels,
      newLabels,
      trainPerLabel: countBy(train, (p) => p.label),
      heldOutPerLabel: countBy(heldOut, (p) => p.label),
      reviewers: Object.entries(countBy(photos, (p) => p.reviewer))
        .map(([reviewer, count]) => ({ reviewer, photos: count }))
        .sort((a, b) => b.photos - a.photos),
      groups: split.groups,
      groupedBy: GROUPED_BY,
      before,
      after,
      embeddingName,
      embeddingSize: dim,
      command: options.command ?? 'inspection-desk models improve',
    });
    await mkdir(staging, { recursive: true });
    await writeFile(path.join(staging, 'model.onnx'), onnx);
    await writeFile(path.join(staging, 'model.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    await writeFile(path.join(staging, 'MODEL_CARD.md'), card);
    job.throwIfCancelled();
    job.progress({ phase: 'registering' });
    registeredId = (await addModel(ctx, staging)).id;
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw fromFsError(error, { role: 'library', path: staging });
  } finally {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
  }

  let activated = false;
  if (options.activate) {
    const improved = await getModel(ctx, registeredId);
    // Classified first, so the grid switches to a model that has seen every photo.
    await runClassifyJob(ctx, job, { model: improved, all: false });
    job.throwIfCancelled();
    setActiveModelId(ctx, registeredId);
    ctx.events.emit('library.changed', { imageIds: [], reason: 'models' });
    activated = true;
  }

  return {
    modelId: registeredId,
    parentModelId: model.id,
    dir: modelDir(ctx, requireModelRow(ctx, registeredId)),
    labels,
    newLabels,
    trainPhotos: train.length,
    heldOutPhotos: heldOut.length,
    groups: split.groups,
    groupedBy: GROUPED_BY,
    before,
    after,
    activated,
    durationMs: Date.now() - started,
  };
}

/** Display names per language, kept only for labels the model still has. */
function namesOf(
  names: Record<string, Record<string, string>>,
  labels: readonly string[],
): Record<string, Record<string, string>> {
  return Object.fromEntries(
    Object.entries(names).map(([language, byLabel]) => [
      language,
      Object.fromEntries(Object.entries(byLabel).filter(([label]) => labels.includes(label))),
    ]),
  );
}
