/**
 * The `embeddings` table (migration 4) and an in-memory copy of one model's embeddings
 * for similarity search: a scan of 100,000 int8 vectors in memory takes milliseconds,
 * reading them from SQLite for every query would not.
 */
import type { CoreContext } from '../context.js';
import type { Db } from '../library/database.js';
import { int8Bytes, int8FromBytes, quantizeEmbedding } from './quantize.js';

/** Every stored embedding of one model, rows of `dim` int8 values. */
export interface EmbeddingMatrix {
  modelId: string;
  dim: number;
  ids: Int32Array;
  /** ids.length * dim values; row r is data[r * dim .. (r + 1) * dim). */
  data: Int8Array;
  /** Per row: value ~= byte * scale. */
  scales: Float32Array;
  /**
   * Similarity is the cosine of embeddings minus the model's mean embedding: ReLU
   * features all point roughly the same way, so raw cosines bunch near 1 and rank
   * poorly. Per row, kept for the scan: its dot product with the mean, and
   * 1 / |row - mean| (0 for a row equal to the mean).
   */
  meanDots: Float32Array;
  invCenteredNorms: Float32Array;
  /** |mean|^2. */
  meanSquare: number;
  /** Row of an image id. */
  rowOf: Map<number, number>;
}

/** Writes embeddings of a model (inside the caller's transaction when there is one). */
export function storeEmbeddings(
  db: Db,
  modelId: string,
  rows: readonly { imageId: number; embedding: ArrayLike<number> }[],
): void {
  if (rows.length === 0) return;
  const insert = db.prepare(
    `INSERT INTO embeddings (model_id, image_id, dim, scale, data) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (model_id, image_id) DO UPDATE SET
       dim = excluded.dim, scale = excluded.scale, data = excluded.data`,
  );
  for (const { imageId, embedding } of rows) {
    const q = quantizeEmbedding(embedding);
    insert.run(modelId, imageId, q.data.length, q.scale, int8Bytes(q.data));
  }
  invalidate(db, modelId);
}

// Loaded matrices per database, dropped when the model's embeddings change.
const cache = new WeakMap<Db, Map<string, EmbeddingMatrix>>();

function invalidate(db: Db, modelId: string): void {
  cache.get(db)?.delete(modelId);
}

/** Number of stored embeddings of a model. */
export function countEmbeddings(db: Db, modelId: string): number {
  return (
    db.prepare('SELECT COUNT(*) AS n FROM embeddings WHERE model_id = ?').get(modelId) as {
      n: number;
    }
  ).n;
}

/** Every embedding of a model (cached until the model's embeddings change); null when none. */
export function loadEmbeddingMatrix(
  ctx: Pick<CoreContext, 'db'>,
  modelId: string,
): EmbeddingMatrix | null {
  let perDb = cache.get(ctx.db);
  if (!perDb) {
    perDb = new Map();
    cache.set(ctx.db, perDb);
  }
  const cached = perDb.get(modelId);
  if (cached) return cached;
  const first = ctx.db
    .prepare('SELECT dim FROM embeddings WHERE model_id = ? LIMIT 1')
    .get(modelId) as { dim: number } | undefined;
  if (!first) return null;
  const dim = first.dim;
  const n = countEmbeddings(ctx.db, modelId);
  const ids = new Int32Array(n);
  const data = new Int8Array(n * dim);
  const scales = new Float32Array(n);
  const rowOf = new Map<number, number>();
  let r = 0;
  const rows = ctx.db
    .prepare(
      'SELECT image_id AS id, scale, data FROM embeddings WHERE model_id = ? AND dim = ? ORDER BY image_id',
    )
    .raw()
    .iterate(modelId, dim) as IterableIterator<[number, number, Uint8Array]>;
  const mean = new Float64Array(dim);
  for (const [id, scale, bytes] of rows) {
    if (r >= n) break;
    const row = new Int8Array(bytes.buffer, bytes.byteOffset, dim);
    data.set(row, r * dim);
    for (let i = 0; i < dim; i++) mean[i]! += row[i]! * scale;
    ids[r] = id;
    scales[r] = scale;
    rowOf.set(id, r);
    r++;
  }
  let meanSquare = 0;
  for (let i = 0; i < dim; i++) {
    mean[i]! /= Math.max(1, r);
    meanSquare += mean[i]! * mean[i]!;
  }
  const meanDots = new Float32Array(r);
  const invCenteredNorms = new Float32Array(r);
  for (let row = 0; row < r; row++) {
    const scale = scales[row]!;
    let dotMean = 0;
    let centered = 0;
    for (let i = 0; i < dim; i++) {
      const v = data[row * dim + i]! * scale;
      dotMean += v * mean[i]!;
      centered += (v - mean[i]!) * (v - mean[i]!);
    }
    meanDots[row] = dotMean;
    invCenteredNorms[row] = centered > 1e-12 ? 1 / Math.sqrt(centered) : 0;
  }
  const matrix: EmbeddingMatrix = {
    modelId,
    dim,
    ids: ids.subarray(0, r),
    data: data.subarray(0, r * dim),
    scales: scales.subarray(0, r),
    meanDots,
    invCenteredNorms,
    meanSquare,
    rowOf,
  };
  perDb.set(modelId, matrix);
  return matrix;
}

/** The dequantized embedding of one row. */
export function rowValues(matrix: EmbeddingMatrix, row: number): Float32Array {
  const out = new Float32Array(matrix.dim);
  const scale = matrix.scales[row]!;
  const base = row * matrix.dim;
  for (let i = 0; i < matrix.dim; i++) out[i] = matrix.data[base + i]! * scale;
  return out;
}

/** One stored embedding, dequantized; null when the photo has none for this model. */
export function readEmbedding(db: Db, modelId: string, imageId: number): Float32Array | null {
  const row = db
    .prepare('SELECT scale, data FROM embeddings WHERE model_id = ? AND image_id = ?')
    .get(modelId, imageId) as { scale: number; data: Uint8Array } | undefined;
  if (!row) return null;
  const data = int8FromBytes(row.data);
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i++) out[i] = data[i]! * row.scale;
  return out;
}
