/**
 * The embeddings backfill: gives every photo a compact embedding of a model. Resumable by
 * construction: each step selects only what is still missing, one transaction per page.
 *  1. Embeddings stored as float32 in `predictions.embedding` (libraries from before
 *     migration 4) are quantized into `embeddings` and cleared from the old column.
 *  2. Photos still without one are run through the model again (classify job path).
 */
import type { BackfillResult } from '../../contract.js';
import type { CoreContext } from '../context.js';
import { CoreError } from '../errors.js';
import type { JobHandle } from '../jobs/registry.js';
import { runClassifyJob } from '../models/classify-job.js';
import { activeModelId, getModel, type LoadedModel } from '../models/registry.js';
import { float32FromBytes } from './quantize.js';
import { storeEmbeddings } from './store.js';
import { writeTransaction } from '../library/database.js';

const CONVERT_PAGE = 500;

/** The model whose embeddings a call means (default: active); it must have an embedding output. */
export async function embeddingModel(ctx: CoreContext, modelId?: string): Promise<LoadedModel> {
  const id = modelId ?? activeModelId(ctx);
  if (!id) throw new CoreError('NO_ACTIVE_MODEL', { key: 'improve.noModel' });
  const model = await getModel(ctx, id);
  if (!model.manifest.embedding) {
    throw new CoreError(
      'MODEL_INVALID',
      { key: 'improve.noEmbedding', values: { modelId: id } },
      {
        modelId: id,
      },
    );
  }
  return model;
}

/** Step 1: old float32 embeddings of the model into the compact table. */
export function convertLegacyEmbeddings(
  ctx: CoreContext,
  modelId: string,
  shouldStop: () => boolean = () => false,
): number {
  // Keyset paging by image id: the old column has no index, and LIMIT alone would scan
  // the converted rows again for every page.
  const page = ctx.db.prepare(
    `SELECT image_id AS imageId, embedding FROM predictions
     WHERE model_id = ? AND image_id > ? AND embedding IS NOT NULL
     ORDER BY image_id LIMIT ${CONVERT_PAGE}`,
  );
  const clear = ctx.db.prepare(
    'UPDATE predictions SET embedding = NULL WHERE model_id = ? AND image_id = ?',
  );
  let converted = 0;
  let after = 0;
  for (;;) {
    if (shouldStop()) break;
    const rows = page.all(modelId, after) as { imageId: number; embedding: Uint8Array }[];
    if (rows.length === 0) break;
    writeTransaction(ctx.db, () => {
      storeEmbeddings(
        ctx.db,
        modelId,
        rows.map((r) => ({ imageId: r.imageId, embedding: float32FromBytes(r.embedding) })),
      );
      for (const r of rows) clear.run(modelId, r.imageId);
    });
    converted += rows.length;
    after = rows[rows.length - 1]!.imageId;
  }
  return converted;
}

export async function runBackfillJob(
  ctx: CoreContext,
  job: JobHandle,
  model: LoadedModel,
): Promise<BackfillResult> {
  const started = Date.now();
  job.progress({ phase: 'converting' });
  const converted = convertLegacyEmbeddings(ctx, model.id, () => job.signal.aborted);
  const classified = await runClassifyJob(ctx, job, {
    model,
    all: false,
    missingEmbeddings: 'all',
  });
  return {
    modelId: model.id,
    converted,
    computed: classified.classified,
    failed: classified.failed,
    durationMs: Date.now() - started,
  };
}
