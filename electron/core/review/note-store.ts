/**
 * Photo notes as stored (migration 8): the current note (`photo_notes`) and its every
 * change (`note_events`). A note is not a decision: it changes no label, so undo (z)
 * never touches it; its own history says who wrote what. Changes merge across laptops
 * by their unique id (sync/merge-slice.ts): the latest change (Lamport clock, then device
 * id) is the note, every change is kept.
 */
import type { NoteEvent, PhotoNote } from '../../contract.js';
import type { Db } from '../library/database.js';

/**
 * The note as stored: line breaks normalized to \n (a note typed on Windows and one typed
 * on Linux compare equal), trailing spaces and blank lines trimmed; null when nothing is
 * left (an empty note clears it).
 */
export function normalizeNote(text: string): string | null {
  const normalized = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/\s+$/u, ''))
    .join('\n')
    .trim();
  return normalized.length ? normalized : null;
}

interface NoteRow {
  note: string;
  author: string;
  updated_at: string;
}

export function noteOf(db: Db, imageId: number): PhotoNote | null {
  const row = db
    .prepare('SELECT note, author, updated_at FROM photo_notes WHERE image_id = ?')
    .get(imageId) as NoteRow | undefined;
  return row ? { text: row.note, author: row.author, at: row.updated_at } : null;
}

/** Makes `text` the photo's current note (null: none). */
export function writeNote(
  db: Db,
  imageId: number,
  text: string | null,
  author: string,
  at: string,
): void {
  if (text === null) {
    db.prepare('DELETE FROM photo_notes WHERE image_id = ?').run(imageId);
    return;
  }
  db.prepare(
    `INSERT INTO photo_notes (image_id, note, author, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (image_id) DO UPDATE SET
       note = excluded.note, author = excluded.author, updated_at = excluded.updated_at`,
  ).run(imageId, text, author, at);
}

interface NoteEventRow {
  id: number;
  image_id: number;
  old_note: string | null;
  new_note: string | null;
  author: string;
  at: string;
  device_id: string | null;
}

/** Every change of a photo's note, oldest first (in merge order, as label history). */
export function noteHistory(db: Db, imageId: number): NoteEvent[] {
  const rows = db
    .prepare(
      `SELECT id, image_id, old_note, new_note, author, at, device_id FROM note_events
       WHERE image_id = ? ORDER BY lamport, device_id`,
    )
    .all(imageId) as NoteEventRow[];
  return rows.map((r) => ({
    id: r.id,
    imageId: r.image_id,
    oldText: r.old_note,
    newText: r.new_note,
    author: r.author,
    at: r.at,
    ...(r.device_id ? { deviceId: r.device_id } : {}),
  }));
}

/** Recomputes a photo's note from its history (after a merge); true when it changed. */
export function settleNote(db: Db, imageId: number): boolean {
  const winner = db
    .prepare(
      `SELECT new_note, author, at FROM note_events WHERE image_id = ?
       ORDER BY lamport DESC, device_id DESC LIMIT 1`,
    )
    .get(imageId) as { new_note: string | null; author: string; at: string } | undefined;
  if (!winner) return false;
  const current = noteOf(db, imageId);
  if (
    (current?.text ?? null) === winner.new_note &&
    (winner.new_note === null || (current?.author === winner.author && current.at === winner.at))
  ) {
    return false;
  }
  writeNote(db, imageId, winner.new_note, winner.author, winner.at);
  return (current?.text ?? null) !== winner.new_note;
}
