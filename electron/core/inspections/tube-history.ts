/**
 * One tube across inspections: its latest photo in each inspection that photographed it,
 * oldest inspection first. A photo a later card held as an exact copy counts for both.
 */
import type { TubeHistory } from '../../contract.js';
import { tubeId } from '../../shared/tube-id.js';
import type { Db } from '../library/database.js';
import { inspectionHeader } from './store.js';
import { normalLabelOf, toTubeState, TUBE_ROW_COLUMNS, type TubeRow } from './tube-states.js';

export function tubeHistory(db: Db, row: number, col: number): TubeHistory {
  const rows = db
    .prepare(
      `WITH tube AS (SELECT image_id FROM review_grid WHERE tube_key = @key),
       member(image_id, import_id) AS (
         SELECT i.id, i.import_id FROM images i WHERE i.id IN tube
         UNION
         SELECT f.image_id, f.import_id FROM import_files f
         WHERE f.status = 'duplicate' AND f.image_id IN tube)
       SELECT ii.inspection_id, ${TUBE_ROW_COLUMNS}
       FROM member m
         JOIN inspection_imports ii ON ii.import_id = m.import_id
         JOIN review_grid g ON g.image_id = m.image_id
         JOIN images i ON i.id = g.image_id
         LEFT JOIN labels l ON l.image_id = g.image_id
       ORDER BY ii.inspection_id, g.captured_at DESC, g.image_id DESC`,
    )
    .all({ key: row * 1_000_000 + col }) as (TubeRow & { inspection_id: number })[];
  const normalLabel = normalLabelOf(db);
  const latest = new Map<number, TubeRow>();
  for (const r of rows) if (!latest.has(r.inspection_id)) latest.set(r.inspection_id, r);
  const entries = [...latest].map(([id, r]) => ({
    inspection: inspectionHeader(db, id),
    state: toTubeState(r, normalLabel),
  }));
  // Oldest photo first: the tube's own timeline.
  entries.sort(
    (a, b) =>
      a.state.capturedAt.localeCompare(b.state.capturedAt) || a.inspection.id - b.inspection.id,
  );
  return { tube: tubeId(row, col), row, col, entries };
}
