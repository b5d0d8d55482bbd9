/**
 * The review grid's filter behind a clicked plot (as in FiftyOne): a confusion-matrix
 * cell shows the reviewed photos with that reviewer label and that model label; a
 * histogram bar shows the photos the model gave that label with a confidence in the bar's
 * range. `scope` narrows both to an inspection (every card of it).
 */
import type { ImageFilter, Inspection } from '../../../electron/contract.js';

/** Confidence below the next bin's start: the summary's bins are [k/10, (k+1)/10). */
const JUST_BELOW = 1e-9;

export function confusionCellFilter(
  truth: string,
  predicted: string,
  scope: ImageFilter = {},
): ImageFilter {
  return { ...scope, reviewed: true, label: truth, predicted };
}

export function histogramBarFilter(
  label: string,
  bin: number,
  bins = 10,
  scope: ImageFilter = {},
): ImageFilter {
  return {
    ...scope,
    predicted: label,
    minConfidence: bin / bins,
    maxConfidence: bin === bins - 1 ? 1 : (bin + 1) / bins - JUST_BELOW,
  };
}

/** The grid filter of an inspection: all of its cards (a grouped one has several). */
export function inspectionScope(inspection: Inspection | null): ImageFilter {
  return inspection ? { inspectionId: inspection.id } : {};
}
