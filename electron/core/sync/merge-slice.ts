/**
 * Merges shared records into a library, idempotently: photos by sha256, predictions by
 * (photo, model), label events by their unique id. Merging the same records twice
 * changes nothing. Nothing is ever dropped: every event is kept; the photo's current
 * label is the decision with the latest Lamport clock (device id breaks ties, so every
 * laptop picks the same one), and a photo whose latest decisions were taken without
 * seeing each other and disagree is listed in `label_conflicts` for a person to resolve.
 *
 * The caller puts the photo files in place first: a photo row never points at nothing.
 */
import { writeTransaction, type Db } from '../library/database.js';
import { currentAnswerOf, writeAnswer } from '../review/answers.js';
import { settleNote } from '../review/note-store.js';
import { deviceIdOf } from './device.js';
import type { SharedImport, SharedSlice } from './shared-records.js';

export interface MergeResult {
  imagesAdded: number;
  predictionsAdded: number;
  eventsAdded: number;
  /** Note changes added (each kept; the latest is the photo's note). */
  notesAdded: number;
  /** Photos whose label changed, or whose conflict state changed. */
  changedImageIds: number[];
  /** Photos of the merged records now in conflict. */
  conflicts: number;
}

/** The local import holding photos of `origin`, created when missing. */
function localImportFor(db: Db, device: string, shared: SharedImport, now: string): number {
  const [originDevice, originId] = shared.origin.split('/');
  if (originDevice === device) {
    const own = db.prepare('SELECT id FROM imports WHERE id = ?').pluck().get(Number(originId));
    if (own !== undefined) return own as number;
  }
  const found = db
    .prepare('SELECT id FROM imports WHERE origin = ? ORDER BY id LIMIT 1')
    .pluck()
    .get(shared.origin) as number | undefined;
  if (found !== undefined) return found;
  const info = db
    .prepare(
      `INSERT INTO imports (source, status, started_at, finished_at, origin)
       VALUES (?, 'done', ?, ?, ?)`,
    )
    .run(shared.source, shared.startedAt, shared.finishedAt ?? now, shared.origin);
  return Number(info.lastInsertRowid);
}

/**
 * Recomputes a photo's current answer (label, unsure or none; see review/answers.ts) and
 * conflict from its events; true when either changed.
 */
export function settleImage(db: Db, imageId: number): boolean {
  const winner = db
    .prepare(
      `SELECT new_label, reviewer, at FROM label_events WHERE image_id = ?
       ORDER BY lamport DESC, device_id DESC LIMIT 1`,
    )
    .get(imageId) as { new_label: string | null; reviewer: string; at: string } | undefined;
  let changed = false;
  const current = currentAnswerOf(db, imageId);
  if (winner) {
    if (winner.new_label === null) {
      if (current.answer !== null) {
        writeAnswer(db, imageId, null, winner.reviewer, winner.at);
        changed = true;
      }
    } else if (
      current.answer !== winner.new_label ||
      current.reviewer !== winner.reviewer ||
      current.at !== winner.at
    ) {
      writeAnswer(db, imageId, winner.new_label, winner.reviewer, winner.at);
      changed = changed || current.answer !== winner.new_label;
    }
  }
  const distinctHeadLabels = db
    .prepare(
      `SELECT count(DISTINCT h.new_label) FROM label_events h
       WHERE h.image_id = ? AND h.new_label IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM label_event_parents c WHERE c.parent_uid = h.event_uid)`,
    )
    .pluck()
    .get(imageId) as number;
  const inConflict = distinctHeadLabels > 1;
  const was =
    db.prepare('SELECT 1 FROM label_conflicts WHERE image_id = ?').get(imageId) !== undefined;
  if (inConflict && !was)
    db.prepare('INSERT INTO label_conflicts (image_id) VALUES (?)').run(imageId);
  if (!inConflict && was) db.prepare('DELETE FROM label_conflicts WHERE image_id = ?').run(imageId);
  return changed || inConflict !== was;
}

/** Merges `slice` in one transaction. Photos must already be in the library's folders. */
export function mergeSlice(db: Db, slice: SharedSlice, now: string): MergeResult {
  return writeTransaction(db, (): MergeResult => {
    const device = deviceIdOf(db);
    const importIds = new Map<string, number>();
    const imageIdOf = db.prepare('SELECT id FROM images WHERE sha256 = ?').pluck();
    const added = new Map<number, number>();
    const insertImage = db.prepare(
      `INSERT INTO images (sha256, ext, format, original_name, source_path, import_id, size_bytes,
                           width, height, captured_at, captured_from, tube_row, tube_col, imported_at)
       VALUES (@sha256, @ext, @format, @originalName, @sourcePath, @importId, @sizeBytes,
               @width, @height, @capturedAt, @capturedFrom, @tubeRow, @tubeCol, @importedAt)
       ON CONFLICT (sha256) DO NOTHING`,
    );
    const importsByOrigin = new Map(slice.imports.map((i) => [i.origin, i]));
    let imagesAdded = 0;
    for (const image of slice.images) {
      if (imageIdOf.get(image.sha256) !== undefined) continue;
      let importId = importIds.get(image.importOrigin);
      if (importId === undefined) {
        const shared = importsByOrigin.get(image.importOrigin) ?? {
          origin: image.importOrigin,
          source: `(imported from ${image.importOrigin})`,
          startedAt: now,
          finishedAt: now,
        };
        importId = localImportFor(db, device, shared, now);
        importIds.set(image.importOrigin, importId);
      }
      insertImage.run({ ...image, importId });
      added.set(importId, (added.get(importId) ?? 0) + 1);
      imagesAdded++;
    }
    const bumpImport = db.prepare(
      'UPDATE imports SET imported = imported + ?, files_seen = files_seen + ? WHERE id = ?',
    );
    for (const [importId, n] of added) bumpImport.run(n, n, importId);

    const insertModel = db.prepare(
      `INSERT INTO models (id, name, version, file_sha256, dir, manifest_json, labels_json, added_at)
       VALUES (@id, @name, @version, @fileSha256, @dir, @manifestJson, @labelsJson, @addedAt)
       ON CONFLICT (id) DO NOTHING`,
    );
    // A model known only from another laptop's predictions: its file is not here, so it
    // can be compared and filtered on but not run (activating it says the file is missing).
    for (const model of slice.models) {
      insertModel.run({ ...model, dir: `models/not-on-this-laptop/${model.fileSha256}` });
    }
    const insertPrediction = db.prepare(
      `INSERT INTO predictions (image_id, model_id, label, confidence, scores_json, embedding, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (image_id, model_id) DO NOTHING`,
    );
    let predictionsAdded = 0;
    for (const p of slice.predictions) {
      const imageId = imageIdOf.get(p.sha256) as number | undefined;
      if (imageId === undefined) continue;
      const info = insertPrediction.run(
        imageId,
        p.modelId,
        p.label,
        p.confidence,
        p.scoresJson,
        p.embedding === null ? null : Buffer.from(p.embedding, 'base64'),
        p.createdAt,
      );
      predictionsAdded += info.changes;
    }

    const known = db.prepare('SELECT undone FROM label_events WHERE event_uid = ?').pluck();
    const markUndone = db.prepare('UPDATE label_events SET undone = 1 WHERE event_uid = ?');
    const nextDecision = db
      .prepare('SELECT coalesce(max(decision_id), 0) + 1 FROM label_events')
      .pluck();
    const insertEvent = db.prepare(
      `INSERT INTO label_events (decision_id, image_id, old_label, new_label, reviewer, at, model_id,
                                 kind, undone, event_uid, device_id, device_seq, device_decision,
                                 lamport)
       VALUES (@decision, @imageId, @oldLabel, @newLabel, @reviewer, @at, @modelId, @kind, @undone,
               @uid, @deviceId, @deviceSeq, @deviceDecision, @lamport)`,
    );
    const insertParent = db.prepare(
      'INSERT OR IGNORE INTO label_event_parents (event_uid, parent_uid) VALUES (?, ?)',
    );
    // One decision of another laptop stays one decision here (its history groups it).
    const decisions = new Map<string, number>();
    const touched = new Set<number>();
    let eventsAdded = 0;
    for (const e of slice.events) {
      const imageId = imageIdOf.get(e.sha256) as number | undefined;
      if (imageId === undefined) continue;
      const undone = known.get(e.uid) as number | undefined;
      if (undone !== undefined) {
        if (e.undone && undone === 0) markUndone.run(e.uid);
        continue;
      }
      const key = `${e.deviceId}:${e.deviceDecision}`;
      let decision = decisions.get(key);
      if (decision === undefined) {
        decision = nextDecision.get() as number;
        decisions.set(key, decision);
      }
      insertEvent.run({ ...e, decision, imageId, undone: e.undone ? 1 : 0 });
      for (const parent of e.parents) insertParent.run(e.uid, parent);
      touched.add(imageId);
      eventsAdded++;
    }
    const changedImageIds = [...touched].filter((id) => settleImage(db, id));
    const notesAdded = mergeNoteEvents(db, slice, imageIdOf, changedImageIds);
    const conflicts = db
      .prepare(
        `SELECT count(*) FROM label_conflicts WHERE image_id IN
           (SELECT i.id FROM images i WHERE i.sha256 IN (SELECT value FROM json_each(?)))`,
      )
      .pluck()
      .get(JSON.stringify(slice.images.map((i) => i.sha256))) as number;
    return { imagesAdded, predictionsAdded, eventsAdded, notesAdded, changedImageIds, conflicts };
  });
}

/**
 * Adds the note changes this library lacks (by unique id: merging twice adds nothing)
 * and settles each touched photo's note; photos whose note changed join `changed`.
 */
function mergeNoteEvents(
  db: Db,
  slice: SharedSlice,
  imageIdOf: { get(sha256: string): unknown },
  changed: number[],
): number {
  const insert = db.prepare(
    `INSERT INTO note_events (image_id, old_note, new_note, author, at, event_uid, device_id,
                              device_seq, lamport)
     VALUES (@imageId, @oldNote, @newNote, @author, @at, @uid, @deviceId, @deviceSeq, @lamport)
     ON CONFLICT (event_uid) DO NOTHING`,
  );
  const touched = new Set<number>();
  let added = 0;
  for (const n of slice.noteEvents ?? []) {
    const imageId = imageIdOf.get(n.sha256) as number | undefined;
    if (imageId === undefined) continue;
    const info = insert.run({ ...n, imageId });
    if (info.changes > 0) {
      touched.add(imageId);
      added++;
    }
  }
  for (const id of touched) if (settleNote(db, id) && !changed.includes(id)) changed.push(id);
  return added;
}
