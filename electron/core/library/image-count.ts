/**
 * `library.count`: how many photos match a filter, in about the same time at 100,000
 * photos as at 100.
 *
 * Against the active model, a filter without an import is a sum over the grid's
 * aggregates (`grid_counts`, migration 3): label, prediction, review and disagreement
 * are conditions on its (reviewer label, prediction) pairs, and confidence bounds on
 * whole percents are ranges of its confidence steps. A bound between two percents adds
 * one exact range count inside a single step (on whichever side of the bound is the
 * narrower confidence range), over the grid's confidence index for the filter. An
 * import is one card among many: its photos are counted through the import's index.
 *
 * Another model's filter reads that model's predictions: through the grid when the
 * filter does not depend on predictions (review state and import are the same for
 * every model), over its confidence index when only classified photos can match, and
 * over the joined base tables otherwise (a comparison view, not tuned for 100,000).
 */
import type { ImageFilter } from '../../contract.js';
import type { Db } from './database.js';
import { stepPlan, sumGridCounts, type PartialStep } from './grid-counts.js';
import {
  excludesUnclassified,
  filterTerms,
  GRID_COLUMNS,
  gridCountIndex,
  gridIndexFor,
  indexHint,
  modelScope,
  resolveInspectionFilter,
  sourceFor,
  type ModelScope,
} from './image-query.js';
import { cachedStatement } from './statement-cache.js';

function countSql(from: string, terms: string[]): string {
  return `SELECT count(*) FROM ${from} ${terms.length ? `WHERE ${terms.join(' AND ')}` : ''}`;
}

/** Exact count over review_grid through the filter's index (any sort order will do). */
function countGridRows(db: Db, filter: ImageFilter): number {
  // "Not a disagreement" and "classified" match most of a library and have no index;
  // each is the whole minus its rare, indexed opposite.
  if (filter.disagreement === false) {
    const { disagreement: _omit, ...rest } = filter;
    return countGridRows(db, rest) - countGridRows(db, { ...rest, disagreement: true });
  }
  if (filter.unclassified === false) {
    const { unclassified: _omit, ...rest } = filter;
    return countGridRows(db, rest) - countGridRows(db, { ...rest, unclassified: true });
  }
  // "Not unsure" likewise: the whole (from the aggregates when it can) minus the few unsure.
  if (filter.unsure === false) {
    const { unsure: _omit, ...rest } = filter;
    return countGrid(db, rest) - countGridRows(db, { ...rest, unsure: true });
  }
  const { terms, params } = filterTerms(filter, GRID_COLUMNS);
  const from = `review_grid AS g${indexHint(gridCountIndex(filter))}`;
  return cachedStatement(db, countSql(from, terms), 'pluck').get(params) as number;
}

/** Grid photos matching the filter's other conditions with confidence in a range. */
function countGridConfidenceRange(
  db: Db,
  filter: ImageFilter,
  range: { above: number; aboveInclusive: boolean; below: number; belowInclusive: boolean },
): number {
  const { minConfidence: _min, maxConfidence: _max, ...rest } = filter;
  const { terms, params } = filterTerms(rest, GRID_COLUMNS);
  terms.push(`g.confidence ${range.aboveInclusive ? '>=' : '>'} @rangeAbove`);
  terms.push(`g.confidence ${range.belowInclusive ? '<=' : '<'} @rangeBelow`);
  params.rangeAbove = range.above;
  params.rangeBelow = range.below;
  // A confidence-ordered index: the range is one short walk within the filter's dimension.
  const from = `review_grid AS g${indexHint(gridIndexFor('confidence', rest))}`;
  return cachedStatement(db, countSql(from, terms), 'pluck').get(params) as number;
}

/** Photos of one confidence step that also satisfy the filter's bounds inside it. */
function countPartialStep(db: Db, filter: ImageFilter, p: PartialStep): number {
  const above = p.min ?? p.low;
  const below = p.max ?? p.high;
  const inside = below - above;
  const outside = p.high - p.low - inside;
  if (inside <= outside) {
    return countGridConfidenceRange(db, filter, {
      above,
      aboveInclusive: p.min !== null,
      below,
      belowInclusive: p.max !== null,
    });
  }
  // The bounds keep most of the step: the whole step minus what lies beyond them.
  let count = sumGridCounts(db, filter, { only: p.step });
  if (p.min !== null) {
    count -= countGridConfidenceRange(db, filter, {
      above: p.low,
      aboveInclusive: false,
      below: p.min,
      belowInclusive: false,
    });
  }
  if (p.max !== null) {
    count -= countGridConfidenceRange(db, filter, {
      above: p.max,
      aboveInclusive: false,
      below: p.high,
      belowInclusive: false,
    });
  }
  return count;
}

/** The active model's count (no import): aggregates plus at most two partial steps. */
function countFromAggregates(db: Db, filter: ImageFilter): number {
  const plan = stepPlan(filter);
  if (plan.empty) return 0;
  let count = sumGridCounts(db, filter, { low: plan.lowStep, high: plan.highStep });
  for (const partial of plan.partials) count += countPartialStep(db, filter, partial);
  return count;
}

/** Filter conditions that read predictions; the others are the same under every model. */
function dependsOnPredictions(filter: ImageFilter): boolean {
  return (
    filter.label !== undefined ||
    filter.predicted !== undefined ||
    filter.minConfidence !== undefined ||
    filter.maxConfidence !== undefined ||
    filter.disagreement !== undefined ||
    filter.unclassified !== undefined
  );
}

function countGrid(db: Db, filter: ImageFilter): number {
  // The aggregates know nothing of conflicts between people, unsure answers or
  // inspections: count those rows (unsure ones over their small partial indexes).
  return filter.importId !== undefined ||
    filter.inspectionId !== undefined ||
    filter.conflict !== undefined ||
    filter.unsure !== undefined
    ? countGridRows(db, filter)
    : countFromAggregates(db, filter);
}

function countOtherModel(db: Db, scope: ModelScope, filter: ImageFilter): number {
  const { modelId: _model, ...rest } = filter;
  if (!dependsOnPredictions(rest)) return countGrid(db, rest);
  const classifiedOnly = excludesUnclassified(filter);
  const source = sourceFor(scope, { classifiedOnly });
  const { terms, params } = filterTerms(filter, source.columns);
  if (classifiedOnly) terms.push('p.model_id = @scopeModel');
  return cachedStatement(db, countSql(source.from, terms), 'pluck').get({
    ...source.params,
    ...params,
  }) as number;
}

/** How many photos match a filter. */
export function countImages(db: Db, asked: ImageFilter): number {
  const filter = resolveInspectionFilter(db, asked);
  const scope = modelScope(db, filter);
  return scope.grid ? countGrid(db, filter) : countOtherModel(db, scope, filter);
}
