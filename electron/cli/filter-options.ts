/**
 * The photo filter flags `list`, `label`, `accept` and `export` share, mapped onto the
 * contract's ImageFilter (the same filters the review grid offers).
 */
import type { ImageFilter } from '../contract.js';
import {
  flag,
  numberOption,
  stringOption,
  UsageError,
  type OptionsConfig,
  type OptionValues,
} from './command.js';

export const FILTER_OPTIONS: OptionsConfig = {
  label: { type: 'string' },
  predicted: { type: 'string' },
  'min-confidence': { type: 'string' },
  'max-confidence': { type: 'string' },
  reviewed: { type: 'boolean' },
  unreviewed: { type: 'boolean' },
  disagreement: { type: 'boolean' },
  unclassified: { type: 'boolean' },
  conflict: { type: 'boolean' },
  unsure: { type: 'boolean' },
  'not-unsure': { type: 'boolean' },
  import: { type: 'string' },
  inspection: { type: 'string' },
  model: { type: 'string' },
};

export const FILTER_HELP = `Filters (combined with AND):
  --label L             effective label: the reviewer's, else the model's prediction
  --predicted L         the active model's prediction
  --min-confidence X    prediction confidence at least X (0..1)
  --max-confidence X    prediction confidence at most X (0..1)
  --reviewed            only photos a reviewer labeled
  --unreviewed          only photos nobody reviewed yet
  --disagreement        only photos whose reviewer label differs from the prediction
  --unclassified        only photos the model has not classified yet
  --conflict            only photos two people labeled differently (merged laptops)
  --unsure              only photos a reviewer answered "unsure / skip"
  --not-unsure          leave out photos answered "unsure"
  --import N            only photos of import N (see \`imports\`)
  --inspection N        every card of inspection N (see \`inspections list\`)
  --model ID            use this model's predictions instead of the active model's`;

/** The ImageFilter the flags describe; `{}` when none is given. */
export function filterFromOptions(values: OptionValues): ImageFilter {
  if (flag(values, 'reviewed') && flag(values, 'unreviewed')) {
    throw new UsageError('Choose --reviewed or --unreviewed, not both.');
  }
  const filter: ImageFilter = {};
  const label = stringOption(values, 'label');
  if (label !== undefined) filter.label = label;
  const predicted = stringOption(values, 'predicted');
  if (predicted !== undefined) filter.predicted = predicted;
  const min = numberOption(values, 'min-confidence', { min: 0, max: 1 });
  if (min !== undefined) filter.minConfidence = min;
  const max = numberOption(values, 'max-confidence', { min: 0, max: 1 });
  if (max !== undefined) filter.maxConfidence = max;
  if (min !== undefined && max !== undefined && min > max) {
    throw new UsageError(`--min-confidence (${min}) is above --max-confidence (${max}).`);
  }
  if (flag(values, 'reviewed')) filter.reviewed = true;
  if (flag(values, 'unreviewed')) filter.reviewed = false;
  if (flag(values, 'disagreement')) filter.disagreement = true;
  if (flag(values, 'unclassified')) filter.unclassified = true;
  if (flag(values, 'conflict')) filter.conflict = true;
  if (flag(values, 'unsure') && flag(values, 'not-unsure')) {
    throw new UsageError('Choose --unsure or --not-unsure, not both.');
  }
  if (flag(values, 'unsure')) filter.unsure = true;
  if (flag(values, 'not-unsure')) filter.unsure = false;
  const importId = numberOption(values, 'import', { min: 1, integer: true });
  if (importId !== undefined) filter.importId = importId;
  const inspectionId = numberOption(values, 'inspection', { min: 1, integer: true });
  if (inspectionId !== undefined) filter.inspectionId = inspectionId;
  const modelId = stringOption(values, 'model');
  if (modelId !== undefined) filter.modelId = modelId;
  return filter;
}

export function hasFilter(filter: ImageFilter): boolean {
  return Object.keys(filter).length > 0;
}
