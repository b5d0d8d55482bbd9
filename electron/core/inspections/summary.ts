/**
 * The summary screen's figures for one inspection (the library-wide ones come from the
 * grid's aggregates; an inspection is a few thousand photos, read directly), plus the
 * per-tube counts the report needs.
 */
import type { InspectionSummary, LibrarySummary } from '../../contract.js';
import { activeModelIdOf, modelLabelsOf } from '../library/active-model.js';
import type { Db } from '../library/database.js';
import { confidenceStep, histogramBinOfStep } from '../library/grid-counts.js';
import { computeMetrics, type LabeledPair } from '../stats/metrics.js';
import { HISTOGRAM_BINS } from '../stats/summary.js';
import { getInspection, photosOfInspectionSql } from './store.js';
import { normalLabelOf, tubeStatesOf, UNSURE_BELOW } from './tube-states.js';

interface PhotoRow {
  label: string | null;
  predicted: string | null;
  confidence: number | null;
}

function labelOrder(modelLabels: string[], seen: Iterable<string>): string[] {
  const extra = [...new Set(seen)].filter((l) => !modelLabels.includes(l)).sort();
  return [...modelLabels, ...extra];
}

export function inspectionSummary(db: Db, inspectionId: number): InspectionSummary {
  const inspection = getInspection(db, inspectionId);
  const activeModel = activeModelIdOf(db);
  const modelLabels = modelLabelsOf(db, activeModel);
  const photos = db
    .prepare(
      `WITH photos AS (${photosOfInspectionSql})
       SELECT g.label, g.predicted, g.confidence
       FROM photos p JOIN review_grid g ON g.image_id = p.image_id`,
    )
    .all({ id: inspectionId }) as PhotoRow[];

  let reviewed = 0;
  let unclassified = 0;
  const perLabel = new Map<string, { total: number; reviewed: number }>();
  const pairs = new Map<string, LabeledPair>();
  const bins = new Map<string, number[]>();
  for (const photo of photos) {
    if (photo.label !== null) reviewed++;
    if (photo.confidence === null) unclassified++;
    const effective = photo.label ?? photo.predicted;
    if (effective !== null) {
      const entry = perLabel.get(effective) ?? { total: 0, reviewed: 0 };
      entry.total++;
      if (photo.label !== null) entry.reviewed++;
      perLabel.set(effective, entry);
    }
    if (photo.predicted === null || photo.confidence === null) continue;
    if (photo.label !== null) {
      const key = JSON.stringify([photo.label, photo.predicted]);
      const pair = pairs.get(key) ?? { truth: photo.label, predicted: photo.predicted, count: 0 };
      pair.count = (pair.count ?? 0) + 1;
      pairs.set(key, pair);
    }
    const labelBins = bins.get(photo.predicted) ?? new Array<number>(HISTOGRAM_BINS).fill(0);
    const bin = histogramBinOfStep(confidenceStep(photo.confidence), HISTOGRAM_BINS);
    labelBins[bin] = (labelBins[bin] as number) + 1;
    bins.set(photo.predicted, labelBins);
  }

  let metrics: LibrarySummary['activeModel'] = null;
  const histogram: LibrarySummary['confidenceHistogram'] = [];
  if (activeModel) {
    const m = computeMetrics([...pairs.values()], modelLabels);
    metrics = {
      modelId: activeModel,
      reviewed: m.total,
      accuracy: m.accuracy,
      balancedAccuracy: m.balancedAccuracy,
      perClass: m.perClass,
      confusion: m.confusion,
    };
    for (const label of labelOrder(modelLabels, bins.keys())) {
      const labelBins = bins.get(label);
      if (labelBins) histogram.push({ label, bins: labelBins });
    }
  }

  const normalLabel = normalLabelOf(db);
  const tubeStates = tubeStatesOf(db, inspectionId, normalLabel);
  const tubeCounts = new Map<string, number>();
  let unsure = 0;
  let unreviewed = 0;
  for (const tube of tubeStates) {
    if (tube.label !== null) tubeCounts.set(tube.label, (tubeCounts.get(tube.label) ?? 0) + 1);
    if (!tube.reviewed) unreviewed++;
    if (!tube.reviewed && tube.confidence !== null && tube.confidence < UNSURE_BELOW) unsure++;
  }

  return {
    total: photos.length,
    reviewed,
    unclassified,
    perLabel: labelOrder(modelLabels, perLabel.keys())
      .filter((label) => perLabel.has(label))
      .map((label) => ({ label, ...(perLabel.get(label) as { total: number; reviewed: number }) })),
    activeModel: metrics,
    confidenceHistogram: histogram,
    tubes: tubeStates.map((t) => ({
      row: t.row,
      col: t.col,
      label: t.label,
      imageId: t.imageId,
      reviewed: t.reviewed,
    })),
    inspection,
    normalLabel,
    tubeCounts: labelOrder(modelLabels, tubeCounts.keys())
      .filter((label) => tubeCounts.has(label))
      .map((label) => ({ label, tubes: tubeCounts.get(label) as number })),
    unsure,
    unsureBelow: UNSURE_BELOW,
    unreviewed,
    tubeStates,
  };
}
