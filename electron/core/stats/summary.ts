/**
 * The library's counters and the model's report card: what the summary screen, the
 * review counters and `models.compare` show. The active model's figures come from the
 * review grid's aggregates (`grid_counts` and `tube_cells`, migration 3), so a
 * 100,000-photo summary reads a few hundred counts and one row per tube.
 */
import type { LibrarySummary, ModelMetrics } from '../../contract.js';
import { CoreError } from '../errors.js';
import { requireImport } from '../ingest/import-record.js';
import { activeModelIdOf, modelLabelsOf } from '../library/active-model.js';
import type { Db } from '../library/database.js';
import { gridCountRows, histogramBinOfStep } from '../library/grid-counts.js';
import { cachedStatement } from '../library/statement-cache.js';
import { computeMetrics, type LabeledPair } from './metrics.js';

export const HISTOGRAM_BINS = 10;

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

/** Metrics of one model on the reviewed photos it classified (of one import, if given). */
export function modelMetrics(db: Db, modelId: string, importId?: number): ModelMetrics {
  const known = db.prepare('SELECT 1 FROM models WHERE id = ?').get(modelId);
  if (!known) {
    throw new CoreError(
      'NOT_FOUND',
      { key: 'library.modelNotFound', values: { modelId } },
      { modelId },
    );
  }
  if (importId !== undefined) requireImport(db, importId);
  // The same count, restricted to one import's photos when asked.
  const ofImport =
    importId === undefined ? '' : 'JOIN images i ON i.id = l.image_id AND i.import_id = ?';
  const pairs = db
    .prepare(
      `SELECT l.label AS truth, p.label AS predicted, count(*) AS count
       FROM labels l JOIN predictions p ON p.image_id = l.image_id AND p.model_id = ?
       ${ofImport}
       GROUP BY l.label, p.label`,
    )
    .all(modelId, ...(importId === undefined ? [] : [importId])) as LabeledPair[];
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

  // A few hundred aggregate rows (migration 3) carry every count below.
  let total = 0;
  let reviewed = 0;
  let unclassified = 0;
  const perLabelMap = new Map<string, { total: number; reviewed: number }>();
  const pairCounts = new Map<string, LabeledPair>();
  const binsByLabel = new Map<string, number[]>();
  for (const row of gridCountRows(db)) {
    const n = row.photos;
    total += n;
    if (row.label !== null) reviewed += n;
    if (row.step === null) unclassified += n;
    const effective = row.label ?? row.predicted;
    if (effective !== null) {
      const entry = perLabelMap.get(effective) ?? { total: 0, reviewed: 0 };
      entry.total += n;
      if (row.label !== null) entry.reviewed += n;
      perLabelMap.set(effective, entry);
    }
    if (row.predicted === null || row.step === null) continue;
    if (row.label !== null) {
      const key = JSON.stringify([row.label, row.predicted]);
      const pair = pairCounts.get(key) ?? { truth: row.label, predicted: row.predicted, count: 0 };
      pair.count = (pair.count ?? 0) + n;
      pairCounts.set(key, pair);
    }
    const bins = binsByLabel.get(row.predicted) ?? new Array<number>(HISTOGRAM_BINS).fill(0);
    const bin = histogramBinOfStep(row.step, HISTOGRAM_BINS);
    bins[bin] = (bins[bin] as number) + n;
    binsByLabel.set(row.predicted, bins);
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
    metrics = toModelMetrics(activeModel, [...pairCounts.values()], modelLabels);
    // Bin k holds confidence in [k/10, (k+1)/10), the first and last bins open-ended so
    // that a confidence of exactly 1 lands in the last; bins are whole confidence steps.
    for (const label of labelOrder(modelLabels, binsByLabel.keys())) {
      const bins = binsByLabel.get(label);
      if (bins) histogram.push({ label, bins });
    }
  }

  // The latest photo of each tube, kept by triggers (migration 3), read as ONE JSON text:
  // a reboiler has thousands of tubes, and better-sqlite3 pays per value it returns
  // (2,400 cells as rows cost twice as much). Sorted here, which is free on a table
  // walked in tube_key (rowid) order, so the order does not rest on the walk.
  const cells = JSON.parse(
    cachedStatement(
      db,
      `SELECT json_group_array(json_array(tube_key, tube_row, tube_col, eff_label, image_id, reviewed))
       FROM tube_cells`,
      'pluck',
    ).get() as string,
  ) as [number, number, number, string | null, number, number][];
  cells.sort((a, b) => a[0] - b[0]);
  const tubes = cells.map(([, row, col, label, imageId, isReviewed]) => ({
    row,
    col,
    label,
    imageId,
    reviewed: isReviewed === 1,
  }));

  return {
    total,
    reviewed,
    unclassified,
    perLabel,
    activeModel: metrics,
    confidenceHistogram: histogram,
    tubes,
  };
}
