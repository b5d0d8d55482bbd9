/**
 * Reads what a library knows about the photos of some imports, as shared records: the
 * bundle export and the hub push write exactly this.
 */
import type { Db } from '../library/database.js';
import { deviceIdOf } from './device.js';
import type {
  SharedEvent,
  SharedImage,
  SharedImport,
  SharedModel,
  SharedNoteEvent,
  SharedPrediction,
  SharedSlice,
} from './shared-records.js';

interface ImageDb {
  id: number;
  sha256: string;
  import_origin: string;
  ext: string;
  format: string;
  original_name: string;
  source_path: string;
  size_bytes: number;
  width: number;
  height: number;
  captured_at: string;
  captured_from: 'exif' | 'file';
  tube_row: number | null;
  tube_col: number | null;
  imported_at: string;
}

interface EventDb {
  event_uid: string;
  device_id: string;
  device_seq: number;
  device_decision: number;
  lamport: number;
  sha256: string;
  old_label: string | null;
  new_label: string | null;
  reviewer: string;
  at: string;
  model_id: string | null;
  kind: string;
  undone: number;
  parents: string | null;
}

/** Origins of local imports, `<device>/<id>` for this library's own. */
export function importOrigins(db: Db, importIds: readonly number[]): Map<number, string> {
  const device = deviceIdOf(db);
  const rows = db
    .prepare(
      `SELECT id, coalesce(origin, @device || '/' || id) AS origin FROM imports
       WHERE id IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ device, ids: JSON.stringify(importIds) }) as { id: number; origin: string }[];
  return new Map(rows.map((r) => [r.id, r.origin]));
}

export function readSlice(db: Db, importIds: readonly number[]): SharedSlice {
  const device = deviceIdOf(db);
  const ids = JSON.stringify(importIds);
  const params = { device, ids };
  const imports = db
    .prepare(
      `SELECT coalesce(origin, @device || '/' || id) AS origin, source,
              started_at AS startedAt, finished_at AS finishedAt
       FROM imports WHERE id IN (SELECT value FROM json_each(@ids)) ORDER BY id`,
    )
    .all(params) as SharedImport[];
  const imageRows = db
    .prepare(
      `SELECT i.*, coalesce(im.origin, @device || '/' || im.id) AS import_origin
       FROM images i JOIN imports im ON im.id = i.import_id
       WHERE i.import_id IN (SELECT value FROM json_each(@ids)) ORDER BY i.id`,
    )
    .all(params) as ImageDb[];
  const images: SharedImage[] = imageRows.map((r) => ({
    sha256: r.sha256,
    importOrigin: r.import_origin,
    ext: r.ext,
    format: r.format,
    originalName: r.original_name,
    sourcePath: r.source_path,
    sizeBytes: r.size_bytes,
    width: r.width,
    height: r.height,
    capturedAt: r.captured_at,
    capturedFrom: r.captured_from,
    tubeRow: r.tube_row,
    tubeCol: r.tube_col,
    importedAt: r.imported_at,
  }));
  const inImports = `SELECT id FROM images WHERE import_id IN (SELECT value FROM json_each(@ids))`;
  const predictions = (
    db
      .prepare(
        `SELECT i.sha256, p.model_id AS modelId, p.label, p.confidence, p.scores_json AS scoresJson,
                p.embedding, p.created_at AS createdAt
         FROM predictions p JOIN images i ON i.id = p.image_id
         WHERE p.image_id IN (${inImports}) ORDER BY p.image_id, p.model_id`,
      )
      .all({ ids }) as (Omit<SharedPrediction, 'embedding'> & { embedding: Buffer | null })[]
  ).map((p) => ({ ...p, embedding: p.embedding ? p.embedding.toString('base64') : null }));
  const models = db
    .prepare(
      `SELECT id, name, version, file_sha256 AS fileSha256, manifest_json AS manifestJson,
              labels_json AS labelsJson, added_at AS addedAt
       FROM models WHERE id IN (SELECT DISTINCT model_id FROM predictions
                                WHERE image_id IN (${inImports}))
       ORDER BY id`,
    )
    .all({ ids }) as SharedModel[];
  const events = readEvents(db, `e.image_id IN (${inImports})`, { ids });
  const noteEvents = readNoteEvents(db, `n.image_id IN (${inImports})`, { ids });
  return { imports, images, models, predictions, events, noteEvents };
}

/** Note changes matching `where` (over `note_events AS n`), oldest first. */
export function readNoteEvents(
  db: Db,
  where: string,
  params: Record<string, unknown>,
): SharedNoteEvent[] {
  return db
    .prepare(
      `SELECT n.event_uid AS uid, n.device_id AS deviceId, n.device_seq AS deviceSeq,
              n.lamport, i.sha256, n.old_note AS oldNote, n.new_note AS newNote, n.author, n.at
       FROM note_events n JOIN images i ON i.id = n.image_id
       WHERE ${where} ORDER BY n.lamport, n.device_id`,
    )
    .all(params) as SharedNoteEvent[];
}

/** Label events matching `where` (over `label_events AS e`), oldest first. */
export function readEvents(db: Db, where: string, params: Record<string, unknown>): SharedEvent[] {
  const rows = db
    .prepare(
      `SELECT e.event_uid, e.device_id, e.device_seq, e.device_decision, e.lamport, i.sha256,
              e.old_label, e.new_label, e.reviewer, e.at, e.model_id, e.kind, e.undone,
              (SELECT json_group_array(parent_uid) FROM label_event_parents
               WHERE event_uid = e.event_uid) AS parents
       FROM label_events e JOIN images i ON i.id = e.image_id
       WHERE ${where} ORDER BY e.lamport, e.device_id`,
    )
    .all(params) as EventDb[];
  return rows.map((r) => ({
    uid: r.event_uid,
    deviceId: r.device_id,
    deviceSeq: r.device_seq,
    deviceDecision: r.device_decision,
    lamport: r.lamport,
    sha256: r.sha256,
    oldLabel: r.old_label,
    newLabel: r.new_label,
    reviewer: r.reviewer,
    at: r.at,
    modelId: r.model_id,
    kind: r.kind,
    undone: r.undone === 1,
    parents: r.parents ? (JSON.parse(r.parents) as string[]).sort() : [],
  }));
}
