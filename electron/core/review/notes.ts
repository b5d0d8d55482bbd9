/**
 * Editing a photo's note (`review.setNote`); storage and history in note-store.ts.
 */
import type { PhotoNote } from '../../contract.js';
import { notFoundImages } from '../library/image-details.js';
import { inWriteTransaction, type DecisionContext } from './decisions.js';
import { normalizeNote, noteOf, writeNote } from './note-store.js';

/** Sets a photo's note (null or empty text clears it); no event when nothing changes. */
export function setNote(
  ctx: DecisionContext,
  imageId: number,
  text: string,
): { changed: boolean; note: PhotoNote | null } {
  return inWriteTransaction(ctx.db, () => {
    const db = ctx.db;
    if (!db.prepare('SELECT 1 FROM images WHERE id = ?').get(imageId)) {
      throw notFoundImages([imageId]);
    }
    const next = normalizeNote(text);
    const current = noteOf(db, imageId);
    if ((current?.text ?? null) === next) return { changed: false, note: current };
    db.prepare(
      `INSERT INTO note_events (image_id, old_note, new_note, author, at) VALUES (?, ?, ?, ?, ?)`,
    ).run(imageId, current?.text ?? null, next, ctx.reviewer, ctx.at);
    writeNote(db, imageId, next, ctx.reviewer, ctx.at);
    return { changed: true, note: noteOf(db, imageId) };
  });
}
