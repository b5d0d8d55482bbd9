/**
 * Single photos: the full detail view (`library.get`), look-ups by id, sha256 prefix or
 * file name (`library.find`) and grid rows for a list of ids.
 */
import type { ImageDetail, ImageSummary, LabelEvent, Prediction } from '../../contract.js';
import { CoreError } from '../errors.js';
import { noteHistory, noteOf } from '../review/note-store.js';
import { activeModelIdOf } from './active-model.js';
import type { Db } from './database.js';
import {
  originalUrlOf,
  sourceFor,
  summaryColumns,
  toSummary,
  type SummaryRow,
} from './image-query.js';

interface LabelEventRow {
  id: number;
  image_id: number;
  old_label: string | null;
  new_label: string | null;
  reviewer: string;
  at: string;
  model_id: string | null;
  kind: LabelEvent['kind'];
  device_id?: string | null;
}

export function toLabelEvent(row: LabelEventRow): LabelEvent {
  return {
    id: row.id,
    imageId: row.image_id,
    oldLabel: row.old_label,
    newLabel: row.new_label,
    reviewer: row.reviewer,
    at: row.at,
    modelId: row.model_id,
    kind: row.kind,
    ...(row.device_id ? { deviceId: row.device_id } : {}),
  };
}

/** Every label decision about a photo, oldest first. */
export function labelHistory(db: Db, imageId: number): LabelEvent[] {
  const rows = db
    .prepare(
      `SELECT id, image_id, old_label, new_label, reviewer, at, model_id, kind, device_id
       FROM label_events WHERE image_id = ? ORDER BY lamport, device_id`,
    )
    .all(imageId) as LabelEventRow[];
  return rows.map(toLabelEvent);
}

export function notFoundImages(ids: readonly number[]): CoreError {
  const shown = ids.slice(0, 10).join(', ');
  return new CoreError(
    'NOT_FOUND',
    {
      key: 'library.photosNotFound',
      values: { ids: shown, count: ids.length, more: Math.max(0, ids.length - 10) },
    },
    { missing: [...ids] },
  );
}

/** Grid rows (active model) of the given photos, in the order of `ids`; unknown ids skipped. */
export function summariesByIds(db: Db, ids: readonly number[]): ImageSummary[] {
  if (ids.length === 0) return [];
  const source = sourceFor({ modelId: activeModelIdOf(db), grid: true });
  const rows = db
    .prepare(
      `SELECT ${summaryColumns(source.columns)} FROM ${source.from}
       WHERE g.image_id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as SummaryRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toSummary(row)] : [];
  });
}

interface DetailRow {
  id: number;
  sha256: string;
  ext: string;
  format: string;
  original_name: string;
  source_path: string;
  import_id: number;
  size_bytes: number;
  width: number;
  height: number;
  captured_at: string;
  captured_from: 'exif' | 'file';
  tube_row: number | null;
  tube_col: number | null;
  imported_at: string;
  label: string | null;
  reviewer: string | null;
  reviewed_at: string | null;
  unsure_reviewer: string | null;
  unsure_at: string | null;
}

interface PredictionRow {
  model_id: string;
  label: string;
  confidence: number;
  scores_json: string;
  created_at: string;
}

function parseScores(json: string): Record<string, number> {
  try {
    const value: unknown = JSON.parse(json);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).filter(
        (entry): entry is [string, number] => typeof entry[1] === 'number',
      ),
    );
  } catch {
    // A damaged scores column must not hide the photo: the label and confidence remain.
    return {};
  }
}

/** Everything about one photo: metadata, every model's prediction, label history. */
export function imageDetail(db: Db, imageId: number): ImageDetail {
  const row = db
    .prepare(
      `SELECT i.id, i.sha256, i.ext, i.format, i.original_name, i.source_path, i.import_id,
              i.size_bytes, i.width, i.height, i.captured_at, i.captured_from, i.tube_row,
              i.tube_col, i.imported_at, l.label, l.reviewer, l.reviewed_at,
              u.reviewer AS unsure_reviewer, u.answered_at AS unsure_at
       FROM images i LEFT JOIN labels l ON l.image_id = i.id
       LEFT JOIN unsure_answers u ON u.image_id = i.id
       WHERE i.id = ?`,
    )
    .get(imageId) as DetailRow | undefined;
  if (!row) throw notFoundImages([imageId]);
  const active = activeModelIdOf(db);
  const predictionRows = db
    .prepare(
      `SELECT model_id, label, confidence, scores_json, created_at
       FROM predictions WHERE image_id = ?
       ORDER BY model_id = ? DESC, created_at DESC, model_id`,
    )
    .all(imageId, active) as PredictionRow[];
  const predictions: Prediction[] = predictionRows.map((p) => ({
    modelId: p.model_id,
    label: p.label,
    confidence: p.confidence,
    scores: parseScores(p.scores_json),
    createdAt: p.created_at,
  }));
  const activePrediction = predictions.find((p) => p.modelId === active) ?? null;
  const summary = toSummary({
    id: row.id,
    sha256: row.sha256,
    ext: row.ext,
    original_name: row.original_name,
    captured_at: row.captured_at,
    tube_row: row.tube_row,
    tube_col: row.tube_col,
    predicted: activePrediction?.label ?? null,
    confidence: activePrediction?.confidence ?? null,
    label: row.label,
    unsure: row.unsure_reviewer === null ? 0 : 1,
  });
  return {
    ...summary,
    sourcePath: row.source_path,
    importId: row.import_id,
    sizeBytes: row.size_bytes,
    width: row.width,
    height: row.height,
    format: row.format,
    capturedFrom: row.captured_from,
    importedAt: row.imported_at,
    reviewer: row.reviewer,
    reviewedAt: row.reviewed_at,
    originalUrl: originalUrlOf(row.sha256, row.ext),
    predictions,
    history: labelHistory(db, imageId),
    unsureBy:
      row.unsure_reviewer === null || row.unsure_at === null
        ? null
        : { reviewer: row.unsure_reviewer, at: row.unsure_at },
    note: noteOf(db, imageId),
    noteHistory: noteHistory(db, imageId),
  };
}

const FIND_LIMIT = 100;

/**
 * Photos matching a typed query: an image id, a sha256 prefix (8+ hex digits) or part of
 * the original file name (case-insensitive), best matches first, at most 100.
 */
export function findImages(db: Db, query: string): ImageSummary[] {
  const q = query.trim();
  const ids: number[] = [];
  const add = (found: number[]) => {
    for (const id of found) if (!ids.includes(id) && ids.length < FIND_LIMIT) ids.push(id);
  };
  if (/^\d{1,15}$/.test(q)) {
    add(db.prepare('SELECT id FROM images WHERE id = ?').pluck().all(Number(q)) as number[]);
  }
  if (/^[0-9a-f]{8,64}$/i.test(q)) {
    const prefix = q.toLowerCase();
    // A range on the UNIQUE(sha256) index; 'g' sorts after every hex digit.
    add(
      db
        .prepare(`SELECT id FROM images WHERE sha256 >= ? AND sha256 < ? ORDER BY sha256 LIMIT ?`)
        .pluck()
        .all(prefix, `${prefix}g`, FIND_LIMIT) as number[],
    );
  }
  const pattern = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  add(
    db
      .prepare(
        `SELECT id FROM images WHERE original_name LIKE ? ESCAPE '\\'
         ORDER BY lower(original_name) = lower(?) DESC, id LIMIT ?`,
      )
      .pluck()
      .all(pattern, q, FIND_LIMIT) as number[],
  );
  return summariesByIds(db, ids);
}
