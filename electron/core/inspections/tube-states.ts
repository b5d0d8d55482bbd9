/**
 * The state of each tube in an inspection: its latest photo there (latest capture, then
 * highest id), that photo's effective label, and whether the report must flag it.
 */
import type { TubeState } from '../../contract.js';
import { tubeId } from '../../shared/tube-id.js';
import { activeModelIdOf, modelLabelsOf } from '../library/active-model.js';
import type { Db } from '../library/database.js';
import { thumbUrlOf } from '../library/image-query.js';
import { photosOfInspectionSql } from './store.js';

/** A photo only the model has seen, below this confidence, is "unsure" in the report. */
export const UNSURE_BELOW = 0.7;

const NORMAL_NAMES = ['clear', 'ok', 'open', 'clean', 'limpo', 'desobstruido', 'desobstruído'];

/**
 * The label meaning "nothing wrong with this tube": a label with a normal name ("clear")
 * when the active model has one, else its first label; null without an active model.
 */
export function normalLabelOf(db: Db): string | null {
  const labels = modelLabelsOf(db, activeModelIdOf(db));
  return labels.find((l) => NORMAL_NAMES.includes(l.toLocaleLowerCase())) ?? labels[0] ?? null;
}

export interface TubeRow {
  image_id: number;
  tube_row: number;
  tube_col: number;
  sha256: string;
  original_name: string;
  captured_at: string;
  predicted: string | null;
  confidence: number | null;
  label: string | null;
  reviewer: string | null;
}

/** Columns a TubeRow needs, from review_grid `g`, images `i` and labels `l`. */
export const TUBE_ROW_COLUMNS = `g.image_id, g.tube_row, g.tube_col, i.sha256, i.original_name,
  g.captured_at, g.predicted, g.confidence, g.label, l.reviewer`;

export function toTubeState(row: TubeRow, normalLabel: string | null): TubeState {
  const label = row.label ?? row.predicted;
  const reviewed = row.label !== null;
  const unsure = !reviewed && row.confidence !== null && row.confidence < UNSURE_BELOW;
  return {
    tube: tubeId(row.tube_row, row.tube_col),
    row: row.tube_row,
    col: row.tube_col,
    imageId: row.image_id,
    originalName: row.original_name,
    capturedAt: row.captured_at,
    thumbUrl: thumbUrlOf(row.sha256),
    label,
    predicted: row.predicted,
    confidence: row.confidence,
    reviewed,
    reviewer: row.reviewer,
    flagged: normalLabel !== null && ((label !== null && label !== normalLabel) || unsure),
  };
}

/** Each photographed tube of the inspection, ordered by row then column. */
export function tubeStatesOf(
  db: Db,
  inspectionId: number,
  normalLabel = normalLabelOf(db),
): TubeState[] {
  const rows = db
    .prepare(
      `WITH photos AS (${photosOfInspectionSql})
       SELECT ${TUBE_ROW_COLUMNS}
       FROM photos p
         JOIN review_grid g ON g.image_id = p.image_id
         JOIN images i ON i.id = g.image_id
         LEFT JOIN labels l ON l.image_id = g.image_id
       WHERE g.tube_key IS NOT NULL
       ORDER BY g.tube_key, g.captured_at DESC, g.image_id DESC`,
    )
    .all({ id: inspectionId }) as TubeRow[];
  const states: TubeState[] = [];
  let lastKey = '';
  for (const row of rows) {
    const key = `${row.tube_row}:${row.tube_col}`;
    if (key === lastKey) continue;
    lastKey = key;
    states.push(toTubeState(row, normalLabel));
  }
  return states;
}
