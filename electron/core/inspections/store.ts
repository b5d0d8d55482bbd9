/**
 * The inspections of a library (migration 4): list, find by id or name, rename, group.
 * An inspection's photos are those its imports stored plus those its cards held as
 * exact copies of photos stored by an earlier import (`photosOfInspectionSql`).
 */
import path from 'node:path';
import type { Inspection, InspectionHeader } from '../../contract.js';
import { CoreError } from '../errors.js';
import type { Db } from '../library/database.js';

interface InspectionRow {
  id: number;
  name: string | null;
  /** JSON [[importId, source], ...]. */
  imports: string;
  started_at: string;
}

/**
 * `image_id`s of inspection `?` (bound once). The UNION keeps a photo counted once when a
 * card holds it twice.
 */
export const photosOfInspectionSql = `
  SELECT i.id AS image_id FROM inspection_imports ii
    JOIN images i ON i.import_id = ii.import_id
  WHERE ii.inspection_id = @id
  UNION
  SELECT f.image_id FROM inspection_imports ii
    JOIN import_files f ON f.import_id = ii.import_id AND f.status = 'duplicate'
  WHERE ii.inspection_id = @id AND f.image_id IS NOT NULL`;

const INSPECTION_SQL = `
  SELECT s.id, s.name,
         json_group_array(json_array(m.import_id, im.source)) AS imports,
         min(im.started_at) AS started_at
  FROM inspections s
    JOIN inspection_imports m ON m.inspection_id = s.id
    JOIN imports im ON im.id = m.import_id
  WHERE (@id IS NULL OR s.id = @id)
  GROUP BY s.id
  ORDER BY started_at, s.id`;

interface Counts {
  photos: number;
  reviewed: number;
  tubes: number;
  capturedFrom: string | null;
  capturedTo: string | null;
}

function countsOf(db: Db, id: number): Counts {
  return db
    .prepare(
      `WITH photos AS (${photosOfInspectionSql})
       SELECT count(*) AS photos, count(g.label) AS reviewed,
              count(DISTINCT g.tube_key) AS tubes,
              min(g.captured_at) AS capturedFrom, max(g.captured_at) AS capturedTo
       FROM photos p JOIN review_grid g ON g.image_id = p.image_id`,
    )
    .get({ id }) as Counts;
}

function toHeader(row: InspectionRow): InspectionHeader {
  const imports = (JSON.parse(row.imports) as [number, string][]).sort((a, b) => a[0] - b[0]);
  const importIds = imports.map(([id]) => id);
  const sources = imports.map(([, source]) => source);
  const firstSource = sources[0] ?? '';
  return {
    id: row.id,
    name: row.name,
    title: row.name ?? (path.basename(firstSource) || firstSource),
    importIds,
    sources: [...new Set(sources)],
    startedAt: row.started_at,
  };
}

function toInspection(db: Db, row: InspectionRow): Inspection {
  return { ...toHeader(row), ...countsOf(db, row.id) };
}

function inspectionRow(db: Db, id: number): InspectionRow {
  const row = db.prepare(INSPECTION_SQL).get({ id }) as InspectionRow | undefined;
  if (!row) {
    throw new CoreError(
      'NOT_FOUND',
      { key: 'inspections.notFound', values: { ref: String(id) } },
      { inspectionId: id },
    );
  }
  return row;
}

/** An inspection's name and imports, without counting its photos. */
export function inspectionHeader(db: Db, id: number): InspectionHeader {
  return toHeader(inspectionRow(db, id));
}

/** When an inspection happened: its first photo, else (no photo yet) its first import. */
function happenedAt(inspection: Inspection): string {
  return inspection.capturedFrom ?? inspection.startedAt;
}

/** Every inspection, oldest first (by when the robot took the photos, not the import). */
export function listInspections(db: Db): Inspection[] {
  const rows = db.prepare(INSPECTION_SQL).all({ id: null }) as InspectionRow[];
  return rows
    .map((row) => toInspection(db, row))
    .sort((a, b) => happenedAt(a).localeCompare(happenedAt(b)) || a.id - b.id);
}

export function getInspection(db: Db, id: number): Inspection {
  return toInspection(db, inspectionRow(db, id));
}

/**
 * An inspection named on a command line: its id, or its name / title (case-insensitive).
 * An ambiguous name is an error that lists the candidates' ids.
 */
export function resolveInspection(db: Db, ref: string): Inspection {
  const trimmed = ref.trim();
  if (/^\d+$/.test(trimmed)) return getInspection(db, Number(trimmed));
  const wanted = trimmed.toLocaleLowerCase();
  const matches = listInspections(db).filter((s) => s.title.toLocaleLowerCase() === wanted);
  if (matches.length === 1) return matches[0] as Inspection;
  if (matches.length > 1) {
    throw new CoreError('INVALID_ARGUMENT', {
      key: 'inspections.ambiguous',
      values: { ref: trimmed, ids: matches.map((s) => s.id).join(', ') },
    });
  }
  throw new CoreError('NOT_FOUND', { key: 'inspections.notFound', values: { ref: trimmed } });
}

export function renameInspection(db: Db, id: number, name: string): Inspection {
  getInspection(db, id);
  db.prepare('UPDATE inspections SET name = ? WHERE id = ?').run(name, id);
  return getInspection(db, id);
}

/** Moves the imports of `ids` into the lowest id, names it, and drops the emptied ones. */
export function groupInspections(db: Db, ids: number[], name: string): Inspection {
  const unique = [...new Set(ids)].sort((a, b) => a - b);
  if (unique.length < 2) {
    throw new CoreError('INVALID_ARGUMENT', { key: 'inspections.groupNeedsTwo' });
  }
  for (const id of unique) getInspection(db, id);
  const target = unique[0] as number;
  db.transaction(() => {
    const move = db.prepare(
      'UPDATE inspection_imports SET inspection_id = ? WHERE inspection_id = ?',
    );
    const drop = db.prepare('DELETE FROM inspections WHERE id = ?');
    for (const id of unique.slice(1)) {
      move.run(target, id);
      drop.run(id);
    }
    db.prepare('UPDATE inspections SET name = ? WHERE id = ?').run(name, target);
  })();
  return getInspection(db, target);
}

/** The inspection that started last before `inspection`, or null for the first. */
export function previousInspection(db: Db, inspection: Inspection): Inspection | null {
  const all = listInspections(db);
  const index = all.findIndex((s) => s.id === inspection.id);
  return index > 0 ? (all[index - 1] as Inspection) : null;
}
