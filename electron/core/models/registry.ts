/**
 * Registered models of a library and their loaded sessions. A session is opened once
 * per library and model, on first use, and kept: opening one costs far more than
 * classifying a photo.
 */
import path from 'node:path';
import type { CoreContext } from '../context.js';
import { CoreError } from '../errors.js';
import type { RawImage } from '../imaging/decode.js';
import { parseManifest, type ModelManifest } from '../inference/manifest.js';
import { isUsableOutput, type ModelOutput } from '../inference/postprocess.js';
import { openModelSession, type ModelSession } from '../inference/session.js';
import { storeEmbeddings } from '../embeddings/store.js';
import { writeTransaction } from '../library/database.js';

export type { ModelOutput } from '../inference/postprocess.js';

/** Settings key holding the active model's id. */
export const ACTIVE_MODEL_KEY = 'activeModel';

/** A registered model with its session open. */
export interface LoadedModel {
  id: string;
  name: string;
  version: string;
  labels: string[];
  manifest: ModelManifest;
  /** Classifies previews (batched when the model's batch axis is dynamic, else one by one). */
  classify(images: RawImage[]): Promise<ModelOutput[]>;
}

/** A `models` table row. */
export interface ModelRow {
  id: string;
  name: string;
  version: string;
  file_sha256: string;
  /** Relative to the library root (the library folder can move), or absolute. */
  dir: string;
  manifest_json: string;
  labels_json: string;
  added_at: string;
}

const sessions = new WeakMap<CoreContext, Map<string, Promise<LoadedModel>>>();

function sessionCache(ctx: CoreContext): Map<string, Promise<LoadedModel>> {
  let cache = sessions.get(ctx);
  if (!cache) {
    cache = new Map();
    sessions.set(ctx, cache);
  }
  return cache;
}

/** `<manifest id>@<version>`. */
export function modelIdOf(manifest: Pick<ModelManifest, 'id' | 'version'>): string {
  return `${manifest.id}@${manifest.version}`;
}

/** The registration of a model, if any. */
export function findModelRow(ctx: CoreContext, modelId: string): ModelRow | undefined {
  return ctx.db.prepare('SELECT * FROM models WHERE id = ?').get(modelId) as ModelRow | undefined;
}

/** The registration of a model; NOT_FOUND listing the registered ones otherwise. */
export function requireModelRow(ctx: CoreContext, modelId: string): ModelRow {
  const row = findModelRow(ctx, modelId);
  if (!row) {
    const known = (
      ctx.db.prepare('SELECT id FROM models ORDER BY added_at').all() as { id: string }[]
    ).map((r) => r.id);
    throw new CoreError(
      'NOT_FOUND',
      known.length
        ? { key: 'models.notFoundKnown', values: { modelId, known: known.join(', ') } }
        : { key: 'models.notFoundNone', values: { modelId } },
      { modelId, known },
    );
  }
  return row;
}

/** Absolute folder of a registered model. */
export function modelDir(ctx: CoreContext, row: Pick<ModelRow, 'dir'>): string {
  return path.resolve(ctx.paths.root, row.dir);
}

/** The stored manifest of a registered model. */
export function manifestOf(row: ModelRow): ModelManifest {
  return parseManifest(JSON.parse(row.manifest_json), `model.json of ${row.id}`);
}

/** Id of the active model (settings key 'activeModel'); null when none. */
export function activeModelId(ctx: CoreContext): string | null {
  const row = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').get(ACTIVE_MODEL_KEY) as
    { value: string } | undefined;
  return row?.value || null;
}

/** Makes a model active; the review_grid triggers re-point the grid at its predictions. */
export function setActiveModelId(ctx: CoreContext, modelId: string): void {
  ctx.db
    .prepare(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
    )
    .run(ACTIVE_MODEL_KEY, modelId);
}

function toLoadedModel(row: ModelRow, manifest: ModelManifest, session: ModelSession): LoadedModel {
  return {
    id: row.id,
    name: manifest.name,
    version: manifest.version,
    labels: [...manifest.labels],
    manifest,
    classify: (images) => session.classify(images),
  };
}

/** Loads a registered model (cached session per library and model). */
export async function getModel(ctx: CoreContext, modelId: string): Promise<LoadedModel> {
  const cache = sessionCache(ctx);
  let loading = cache.get(modelId);
  if (!loading) {
    const row = requireModelRow(ctx, modelId);
    loading = (async () => {
      const manifest = manifestOf(row);
      const session = await openModelSession(
        path.join(modelDir(ctx, row), manifest.file),
        manifest,
      );
      sessionsToRelease(ctx).push(session);
      return toLoadedModel(row, manifest, session);
    })();
    cache.set(modelId, loading);
    // A failed load is not cached: the user may fix the files and try again.
    loading.catch(() => {
      if (cache.get(modelId) === loading) cache.delete(modelId);
    });
  }
  return loading;
}

/** The active model, loaded; null when the library has none. */
export async function getActiveModel(ctx: CoreContext): Promise<LoadedModel | null> {
  const id = activeModelId(ctx);
  if (!id) return null;
  if (!findModelRow(ctx, id)) return null;
  return getModel(ctx, id);
}

const opened = new WeakMap<CoreContext, ModelSession[]>();
function sessionsToRelease(ctx: CoreContext): ModelSession[] {
  let list = opened.get(ctx);
  if (!list) {
    list = [];
    opened.set(ctx, list);
  }
  return list;
}

/** Frees the native sessions of a library (on close). */
export async function releaseModels(ctx: CoreContext): Promise<void> {
  const list = opened.get(ctx) ?? [];
  opened.delete(ctx);
  sessions.delete(ctx);
  await Promise.all(list.map((s) => s.release().catch(() => undefined)));
}

/**
 * One transaction; replaces an earlier prediction of the same model for the same image.
 * Embeddings go to the compact `embeddings` table (int8), not the float32 column.
 */
export function storePredictions(
  ctx: CoreContext,
  modelId: string,
  rows: { imageId: number; output: ModelOutput }[],
): { rejected: number[] } {
  // A NaN confidence would be bound as NULL and fail the whole batch's transaction
  // (NOT NULL): such photos are left unclassified and returned, the rest are stored.
  const rejected = rows.filter((r) => !isUsableOutput(r.output)).map((r) => r.imageId);
  const usable = rejected.length > 0 ? rows.filter((r) => isUsableOutput(r.output)) : rows;
  if (usable.length === 0) return { rejected };
  const insert = ctx.db.prepare(
    `INSERT INTO predictions (image_id, model_id, label, confidence, scores_json, embedding, created_at)
     VALUES (?, ?, ?, ?, ?, NULL, ?)
     ON CONFLICT (image_id, model_id) DO UPDATE SET
       label = excluded.label, confidence = excluded.confidence, scores_json = excluded.scores_json,
       embedding = NULL, created_at = excluded.created_at`,
  );
  const createdAt = ctx.now().toISOString();
  writeTransaction(ctx.db, () => {
    const embeddings: { imageId: number; embedding: Float32Array }[] = [];
    for (const { imageId, output } of usable) {
      insert.run(
        imageId,
        modelId,
        output.label,
        output.confidence,
        JSON.stringify(output.scores),
        createdAt,
      );
      if (output.embedding) embeddings.push({ imageId, embedding: output.embedding });
    }
    storeEmbeddings(ctx.db, modelId, embeddings);
  });
  return { rejected };
}
