/**
 * The review grid's aggregates (migration 3): `grid_counts`, photos per (reviewer label,
 * active model's prediction, confidence step), kept exact by triggers on `review_grid`.
 * Counting a filter is a sum over a few hundred rows instead of a walk over the matches,
 * and the summary's counters, confusion matrix and histogram come from the same rows.
 */
import type { ImageFilter } from '../../contract.js';
import type { Db } from './database.js';
import { filterTerms, type QueryColumns } from './image-query.js';
import { cachedStatement } from './statement-cache.js';

/** Step boundaries per unit of confidence: one every 0.01 (migration 3). */
const STEPS_PER_UNIT = 100;

/**
 * The confidence step of migration 3's `conf_step`, computed with the same floating
 * point operations as its SQL: with b the largest integer such that b / 100 <= c, 2b
 * when c is exactly b / 100, 2b + 1 when c is strictly between b / 100 and (b + 1) / 100.
 */
export function confidenceStep(confidence: number): number {
  const b0 = Math.trunc(confidence * STEPS_PER_UNIT);
  const b =
    b0 -
    (confidence < b0 / STEPS_PER_UNIT ? 1 : 0) +
    (confidence >= (b0 + 1) / STEPS_PER_UNIT ? 1 : 0);
  return 2 * b + (confidence > b / STEPS_PER_UNIT ? 1 : 0);
}

/** The boundary step's index b of a step: step 2b is exactly b / 100, 2b + 1 above it. */
function boundaryOf(step: number): number {
  return Math.floor(step / 2);
}

/** Histogram bin (of `bins` over 0..1, open at both ends) of the photos of a step. */
export function histogramBinOfStep(step: number, bins: number): number {
  // Bin k starts at k / bins = (k * 100 / bins) / 100: a step boundary when bins divides 100.
  const bin = Math.floor((boundaryOf(step) * bins) / STEPS_PER_UNIT);
  return Math.min(bins - 1, Math.max(0, bin));
}

/** grid_counts columns under the names `filterTerms` writes conditions on. */
const COUNT_COLUMNS: Pick<
  QueryColumns,
  'effLabel' | 'predicted' | 'confidence' | 'reviewed' | 'importId' | 'disagree'
> = {
  effLabel: 'coalesce(label, predicted)',
  predicted: 'predicted',
  // Only `IS NULL`/`IS NOT NULL` reach this column: confidence bounds become step ranges.
  confidence: 'conf_step',
  reviewed: '(label IS NOT NULL)',
  disagree: '(label IS NOT NULL AND predicted IS NOT NULL AND label <> predicted)',
  importId: 'NULL',
};

/** A confidence range inside one step whose photos must be counted one by one. */
export interface PartialStep {
  step: number;
  /** The step's open interval: (low, high). */
  low: number;
  high: number;
  /** The filter's bounds inside it (inclusive), when they fall there. */
  min: number | null;
  max: number | null;
}

/** How a filter's confidence bounds split into whole steps and partial ones. */
export interface StepPlan {
  /** No photo can match (minimum above maximum). */
  empty: boolean;
  /** Whole steps counted from the aggregates (inclusive); null = unbounded. */
  lowStep: number | null;
  highStep: number | null;
  partials: PartialStep[];
}

export function stepPlan(filter: ImageFilter): StepPlan {
  const { minConfidence: min, maxConfidence: max } = filter;
  const plan: StepPlan = { empty: false, lowStep: null, highStep: null, partials: [] };
  if (min !== undefined && max !== undefined && min > max) return { ...plan, empty: true };
  const partials = new Map<number, PartialStep>();
  const partial = (step: number): PartialStep => {
    let p = partials.get(step);
    if (!p) {
      const b = boundaryOf(step);
      p = { step, low: b / STEPS_PER_UNIT, high: (b + 1) / STEPS_PER_UNIT, min: null, max: null };
      partials.set(step, p);
    }
    return p;
  };
  if (min !== undefined) {
    const step = confidenceStep(min);
    // On a boundary every photo of its step is >= min; inside a step, only some are.
    if (step % 2 === 0) plan.lowStep = step;
    else {
      plan.lowStep = step + 1;
      partial(step).min = min;
    }
  }
  if (max !== undefined) {
    const step = confidenceStep(max);
    if (step % 2 === 0) plan.highStep = step;
    else {
      plan.highStep = step - 1;
      partial(step).max = max;
    }
  }
  plan.partials = [...partials.values()];
  return plan;
}

function sumSql(terms: string[]): string {
  return `SELECT coalesce(sum(photos), 0) FROM grid_counts
          ${terms.length ? `WHERE ${terms.join(' AND ')}` : ''}`;
}

/**
 * Photos of the aggregates matching a filter's label, prediction, review and
 * disagreement conditions, within whole confidence steps (`steps`, inclusive, null =
 * unbounded) or one step. The filter must not name an import.
 */
export function sumGridCounts(
  db: Db,
  filter: ImageFilter,
  steps: { low: number | null; high: number | null } | { only: number },
): number {
  const { minConfidence: _min, maxConfidence: _max, ...rest } = filter;
  const { terms, params } = filterTerms(rest, COUNT_COLUMNS);
  if ('only' in steps) {
    terms.push('conf_step = @onlyStep');
    params.onlyStep = steps.only;
  } else {
    if (steps.low !== null) {
      terms.push('conf_step >= @lowStep');
      params.lowStep = steps.low;
    }
    if (steps.high !== null) {
      terms.push('conf_step <= @highStep');
      params.highStep = steps.high;
    }
  }
  return cachedStatement(db, sumSql(terms), 'pluck').get(params) as number;
}

/** A row of `grid_counts`. */
export interface GridCountRow {
  label: string | null;
  predicted: string | null;
  step: number | null;
  photos: number;
}

/** Every non-empty aggregate row: what the summary is computed from. */
export function gridCountRows(db: Db): GridCountRow[] {
  // One JSON text instead of a few hundred rows: better-sqlite3 pays per value returned.
  const json = cachedStatement(
    db,
    `SELECT json_group_array(json_array(label, predicted, conf_step, photos))
     FROM grid_counts WHERE photos > 0`,
    'pluck',
  ).get() as string;
  return (JSON.parse(json) as [string | null, string | null, number | null, number][]).map(
    ([label, predicted, step, photos]) => ({ label, predicted, step, photos }),
  );
}
