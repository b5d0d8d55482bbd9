/**
 * The library's counters and the model's report card: what the summary screen, the
 * review counters and `models.compare` show. Reads `review_grid` (active model) through
 * covering indexes, so a 100,000-photo summary stays in the tens of milliseconds.
 */
import type { LibrarySummary, ModelMetrics } from '../../contract.js';
import { CoreError } from '../errors.js';
import { activeModelIdOf, modelLabelsOf } from '../library/active-model.js';
import type { Db } from '../library/database.js';
import { computeMetrics, type LabeledPair } from './metrics.js';

export const HISTOGRAM_BINS = 10;
/** tube_key = tube_row * TUBE_KEY_FACTOR + tube_col (migration 2). */
const TUBE_KEY_FACTOR = 1_000_000;

function toModelMetrics(modelId: string, pairs: LabeledPair[], labels: string[]): ModelMetrics {
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

/** Metrics of one model on the reviewed photos it classified. */
export function modelMetrics(db: Db, modelId: string): ModelMetrics {
  const known = db.prepare('SELECT 1 FROM models WHERE id = ?').get(modelId);
  if (!known) {
    throw new CoreError(
      'NOT_FOUND',
      `No model "${modelId}" in this library. List the models to see the registered ones.`,
      { modelId },
    );
  }
  const pairs = db
    .prepare(
      `SELECT l.label AS truth, p.label AS predicted, count(*) AS count
       FROM labels l JOIN predictions p ON p.image_id = l.image_id AND p.model_id = ?
       GROUP BY l.label, p.label`,
    )
    .all(modelId) as LabeledPair[];
  return toModelMetrics(modelId, pairs, modelLabelsOf(db, modelId));
}

/** Orders labels as the active model outputs them, other labels after, sorted. */
function labelOrder(modelLabels: string[], seen: Iterable<string>): string[] {
  const order = [...modelLabels];
  const extra = [...new Set(seen)].filter((l) => !order.includes(l)).sort();
  return [...order, ...extra];
}

export function librarySummary(db: Db): LibrarySummary {
  const activeModel = activeModelIdOf(db);
  const modelLabels = modelLabelsOf(db, activeModel);

  const totals = db
    .prepare(
      `SELECT (SELECT count(*) FROM review_grid) AS total,
              (SELECT count(*) FROM review_grid INDEXED BY grid_rev_id WHERE reviewed = 1) AS reviewed,
              (SELECT count(*) FROM review_grid INDEXED BY grid_unclassified_id
                 WHERE confidence IS NULL) AS unclassified`,
    )
    .get() as { total: number; reviewed: number; unclassified: number };

  // Covering scan of (reviewed, eff_label, ...): no table row is read.
  const labelRows = db
    .prepare(
      `SELECT eff_label AS label, reviewed, count(*) AS n
       FROM review_grid INDEXED BY grid_rev_label_conf
       WHERE eff_label IS NOT NULL GROUP BY reviewed, eff_label`,
    )
    .all() as { label: string; reviewed: number; n: number }[];
  const perLabelMap = new Map<string, { total: number; reviewed: number }>();
  for (const row of labelRows) {
    const entry = perLabelMap.get(row.label) ?? { total: 0, reviewed: 0 };
    entry.total += row.n;
    if (row.reviewed) entry.reviewed += row.n;
    perLabelMap.set(row.label, entry);
  }
  const perLabel = labelOrder(modelLabels, perLabelMap.keys())
    .filter((label) => perLabelMap.has(label))
    .map((label) => ({
      label,
      ...(perLabelMap.get(label) as { total: number; reviewed: number }),
    }));

  let metrics: ModelMetrics | null = null;
  const histogram: LibrarySummary['confidenceHistogram'] = [];
  if (activeModel) {
    const pairs = db
      .prepare(
        `SELECT label AS truth, predicted, count(*) AS count
         FROM review_grid INDEXED BY grid_review_pairs
         WHERE label IS NOT NULL AND predicted IS NOT NULL GROUP BY label, predicted`,
      )
      .all() as LabeledPair[];
    metrics = toModelMetrics(activeModel, pairs, modelLabels);

    // Ten range counts per label over (predicted, confidence): no row leaves SQLite.
    const predictedLabels = db
      .prepare(
        `SELECT DISTINCT predicted FROM review_grid INDEXED BY grid_pred_conf
         WHERE predicted IS NOT NULL`,
      )
      .pluck()
      .all() as string[];
    const countBin = db
      .prepare(
        `SELECT count(*) FROM review_grid INDEXED BY grid_pred_conf
         WHERE predicted = @label AND confidence >= @low AND confidence < @high`,
      )
      .pluck();
    for (const label of labelOrder(modelLabels, predictedLabels)) {
      if (!predictedLabels.includes(label)) continue;
      // Bin edges are open at both ends so a confidence of exactly 1 lands in the last.
      const bins = Array.from(
        { length: HISTOGRAM_BINS },
        (_, bin) =>
          countBin.get({
            label,
            low: bin === 0 ? -Infinity : bin / HISTOGRAM_BINS,
            high: bin === HISTOGRAM_BINS - 1 ? Infinity : (bin + 1) / HISTOGRAM_BINS,
          }) as number,
      );
      histogram.push({ label, bins });
    }
  }

  // One cell per tube: its latest photo (SQLite takes the bare columns from the row
  // holding max(captured_at)), over a covering index in tube order: no sort, no table.
  const tubes = (
    db
      .prepare(
        `SELECT tube_key AS tubeKey, eff_label AS label, image_id AS imageId,
                reviewed, max(captured_at) AS latest
         FROM review_grid INDEXED BY grid_tube_cells
         WHERE tube_key IS NOT NULL GROUP BY tube_key ORDER BY tube_key`,
      )
      .all() as { tubeKey: number; label: string | null; imageId: number; reviewed: number }[]
  ).map((t) => ({
    row: Math.floor(t.tubeKey / TUBE_KEY_FACTOR),
    col: t.tubeKey % TUBE_KEY_FACTOR,
    label: t.label,
    imageId: t.imageId,
    reviewed: t.reviewed === 1,
  }));

  return {
    total: totals.total,
    reviewed: totals.reviewed,
    unclassified: totals.unclassified,
    perLabel,
    activeModel: metrics,
    confidenceHistogram: histogram,
    tubes,
  };
}
