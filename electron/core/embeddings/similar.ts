/**
 * Similar photos and likely mistakes, by cosine similarity of stored embeddings
 * (centered on the model's mean embedding, see EmbeddingMatrix). The
 * scan is brute force over an in-memory int8 matrix: exact, and 100,000 photos x 160
 * values is ~16 M multiply-adds, a few tens of milliseconds.
 */
import type { MislabelSuspect, NeighbourVote, SimilarResult } from '../../contract.js';
import type { CoreContext } from '../context.js';
import { CoreError } from '../errors.js';
import { summariesByIds } from '../library/image-details.js';
import { activeModelId } from '../models/registry.js';
import { loadEmbeddingMatrix, type EmbeddingMatrix } from './store.js';

/** Neighbours whose labels vote in the photo view's "likely mislabeled" reason. */
export const VOTE_NEIGHBOURS = 10;
/** At most this many photos are scored for the likely-mislabeled list (reviewed first). */
export const MAX_SUSPECT_CANDIDATES = 500;
/**
 * Reviewed photos the likely-mislabeled scan compares each candidate with: all of them
 * up to this many, else an even sample. Brute force costs candidates x pool x dim.
 */
export const MAX_SUSPECT_POOL = 5_000;
/** Nearest photos scanned for the vote of "More like this" (reviewed ones vote). */
const VOTE_CANDIDATES = 300;

interface Hit {
  row: number;
  similarity: number;
}

/** Keeps the `k` best hits, best first (insertion into a short sorted array). */
class TopK {
  readonly hits: Hit[] = [];
  constructor(private readonly k: number) {}
  get floor(): number {
    return this.hits.length < this.k ? -Infinity : this.hits[this.hits.length - 1]!.similarity;
  }
  push(row: number, similarity: number): void {
    if (similarity <= this.floor) return;
    let i = this.hits.length;
    while (i > 0 && this.hits[i - 1]!.similarity < similarity) i--;
    this.hits.splice(i, 0, { row, similarity });
    if (this.hits.length > this.k) this.hits.pop();
  }
}

/** Cosine similarity of two rows' centered embeddings (see EmbeddingMatrix). */
function dotRows(m: EmbeddingMatrix, a: number, b: number): number {
  const dim = m.dim;
  const ao = a * dim;
  const bo = b * dim;
  let dot = 0;
  for (let d = 0; d < dim; d++) dot += m.data[ao + d]! * m.data[bo + d]!;
  const centered =
    dot * m.scales[a]! * m.scales[b]! - m.meanDots[a]! - m.meanDots[b]! + m.meanSquare;
  return centered * m.invCenteredNorms[a]! * m.invCenteredNorms[b]!;
}

/** The `k` rows most similar to `row` among `pool` (every row when absent), itself excluded. */
export function nearestRows(m: EmbeddingMatrix, row: number, k: number, pool?: Int32Array): Hit[] {
  const top = new TopK(k);
  const n = pool ? pool.length : m.ids.length;
  for (let i = 0; i < n; i++) {
    const other = pool ? pool[i]! : i;
    if (other === row) continue;
    top.push(other, dotRows(m, row, other));
  }
  return top.hits;
}

function requireMatrix(ctx: CoreContext, modelId: string | undefined, imageId?: number) {
  const id = modelId ?? activeModelId(ctx);
  if (!id) throw new CoreError('NO_ACTIVE_MODEL', { key: 'improve.noModel' });
  const matrix = loadEmbeddingMatrix(ctx, id);
  const row = imageId === undefined ? undefined : matrix?.rowOf.get(imageId);
  if (!matrix || (imageId !== undefined && row === undefined)) {
    throw new CoreError(
      'NOT_FOUND',
      { key: 'similar.noEmbedding', values: { imageId: imageId ?? '-', modelId: id } },
      { imageId, modelId: id },
    );
  }
  return { modelId: id, matrix, row };
}

/** Current labels of reviewed photos, and effective labels (label, else prediction). */
function labelMaps(ctx: CoreContext, modelId: string) {
  const reviewed = new Map<number, string>();
  for (const r of ctx.db.prepare('SELECT image_id AS id, label FROM labels').all() as {
    id: number;
    label: string;
  }[])
    reviewed.set(r.id, r.label);
  const predicted = new Map<number, { label: string; confidence: number }>();
  for (const r of ctx.db
    .prepare('SELECT image_id AS id, label, confidence FROM predictions WHERE model_id = ?')
    .all(modelId) as { id: number; label: string; confidence: number }[])
    predicted.set(r.id, { label: r.label, confidence: r.confidence });
  return { reviewed, predicted };
}

function reviewedPool(m: EmbeddingMatrix, reviewed: Map<number, string>): Int32Array {
  const rows: number[] = [];
  for (const id of reviewed.keys()) {
    const row = m.rowOf.get(id);
    if (row !== undefined) rows.push(row);
  }
  rows.sort((a, b) => a - b);
  if (rows.length <= MAX_SUSPECT_POOL) return Int32Array.from(rows);
  // An even sample: deterministic, and spread over the whole library.
  const step = rows.length / MAX_SUSPECT_POOL;
  return Int32Array.from({ length: MAX_SUSPECT_POOL }, (_, i) => rows[Math.floor(i * step)]!);
}

/** Similarity-weighted vote of the most similar reviewed photos. */
function vote(
  m: EmbeddingMatrix,
  hits: Hit[],
  reviewed: Map<number, string>,
): (NeighbourVote & { weightFor(label: string): number }) | null {
  if (hits.length === 0) return null;
  const counts = new Map<string, number>();
  const weights = new Map<string, number>();
  let total = 0;
  for (const h of hits) {
    const label = reviewed.get(m.ids[h.row]!)!;
    counts.set(label, (counts.get(label) ?? 0) + 1);
    const w = Math.max(0, h.similarity);
    weights.set(label, (weights.get(label) ?? 0) + w);
    total += w;
  }
  const [label, agreeing] = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
  return {
    label,
    agreeing,
    neighbours: hits.length,
    weightFor: (l) => (total > 0 ? (weights.get(l) ?? 0) / total : 0),
  };
}

export function similarPhotos(
  ctx: CoreContext,
  imageId: number,
  limit: number,
  modelId?: string,
): SimilarResult {
  const { modelId: id, matrix, row } = requireMatrix(ctx, modelId, imageId);
  // One scan: the nearest VOTE_CANDIDATES rows; the shown photos are the first `limit`,
  // and the reviewed ones among them vote. When 10 of them are reviewed they are exactly
  // the 10 most similar reviewed photos (every other photo is less similar).
  const nearest = nearestRows(matrix, row!, Math.max(limit, VOTE_CANDIDATES));
  const hits = nearest.slice(0, limit);
  const summaries = summariesByIds(
    ctx.db,
    hits.map((h) => matrix.ids[h.row]!),
  );
  const byId = new Map(summaries.map((s) => [s.id, s]));
  const items = hits.flatMap((h) => {
    const s = byId.get(matrix.ids[h.row]!);
    return s ? [{ ...s, similarity: h.similarity }] : [];
  });
  const reviewed = new Map(
    (
      ctx.db
        .prepare(
          'SELECT image_id AS id, label FROM labels WHERE image_id IN (SELECT value FROM json_each(?))',
        )
        .all(JSON.stringify([imageId, ...nearest.map((h) => matrix.ids[h.row]!)])) as {
        id: number;
        label: string;
      }[]
    ).map((r) => [r.id, r.label]),
  );
  const voters = nearest.filter((h) => reviewed.has(matrix.ids[h.row]!)).slice(0, VOTE_NEIGHBOURS);
  const v = vote(matrix, voters, reviewed);
  const prediction = ctx.db
    .prepare('SELECT label FROM predictions WHERE model_id = ? AND image_id = ?')
    .get(id, imageId) as { label: string } | undefined;
  const own = reviewed.get(imageId) ?? prediction?.label ?? null;
  return {
    modelId: id,
    items,
    vote: v ? { label: v.label, agreeing: v.agreeing, neighbours: v.neighbours } : null,
    likelyMislabeled:
      v !== null && own !== null && v.label !== own && v.agreeing * 2 > v.neighbours,
  };
}

/**
 * Photos whose label (or, unreviewed, prediction) disagrees with the labels of their most
 * similar reviewed photos, most suspicious first. Score: the similarity-weighted share of
 * neighbours that carry another label (confident-learning style: a reviewed photo is
 * compared with the others, never with itself).
 */
export function likelyMislabeled(
  ctx: CoreContext,
  limit: number,
  neighbours: number,
  modelId?: string,
): MislabelSuspect[] {
  const { modelId: id, matrix } = requireMatrix(ctx, modelId);
  const { reviewed, predicted } = labelMaps(ctx, id);
  const pool = reviewedPool(matrix, reviewed);
  if (pool.length === 0) return [];
  // Reviewed photos first (their label is the training data), then the least confident.
  const candidates = [...matrix.ids]
    .filter((imageId) => reviewed.has(imageId) || predicted.has(imageId))
    .sort((a, b) => {
      const ra = reviewed.has(a) ? 0 : 1;
      const rb = reviewed.has(b) ? 0 : 1;
      return ra - rb || (predicted.get(a)?.confidence ?? 0) - (predicted.get(b)?.confidence ?? 0);
    })
    .slice(0, MAX_SUSPECT_CANDIDATES);
  const scored: { imageId: number; score: number; vote: NeighbourVote }[] = [];
  for (const imageId of candidates) {
    const row = matrix.rowOf.get(imageId)!;
    const own = reviewed.get(imageId) ?? predicted.get(imageId)!.label;
    const v = vote(matrix, nearestRows(matrix, row, neighbours, pool), reviewed);
    if (!v || v.label === own) continue;
    const score = 1 - v.weightFor(own);
    if (v.agreeing * 2 <= v.neighbours) continue;
    scored.push({
      imageId,
      score,
      vote: { label: v.label, agreeing: v.agreeing, neighbours: v.neighbours },
    });
  }
  scored.sort((a, b) => b.score - a.score || a.imageId - b.imageId);
  const top = scored.slice(0, limit);
  const byId = new Map(
    summariesByIds(
      ctx.db,
      top.map((t) => t.imageId),
    ).map((s) => [s.id, s]),
  );
  return top.flatMap((t) => {
    const s = byId.get(t.imageId);
    return s
      ? [
          {
            ...s,
            score: t.score,
            neighbourLabel: t.vote.label,
            agreeing: t.vote.agreeing,
            neighbours: t.vote.neighbours,
          },
        ]
      : [];
  });
}
