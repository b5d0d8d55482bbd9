/**
 * A photo's current review answer: a reviewer label (`labels`), "unsure" (`unsure_answers`,
 * migration 8) or nothing. Label history writes the unsure answer as UNSURE_ANSWER in
 * old_label/new_label, so decisions, undo, redo and merges compare and restore answers as
 * plain strings; this module is the one place that maps such a string onto the tables.
 *
 * Unsure carries no label on purpose: see migration 8 for why (training data stays honest).
 */
import { UNSURE_ANSWER } from '../../contract.js';
import type { Db } from '../library/database.js';

/** A label, UNSURE_ANSWER, or null (no answer). */
export type Answer = string | null;

export function isUnsure(answer: Answer): boolean {
  return answer === UNSURE_ANSWER;
}

interface AnswerStatements {
  label: (id: number) => { label: string; reviewer: string; reviewed_at: string } | undefined;
  unsure: (id: number) => { reviewer: string; answered_at: string } | undefined;
  upsertLabel: (id: number, label: string, reviewer: string, at: string) => void;
  deleteLabel: (id: number) => void;
  upsertUnsure: (id: number, reviewer: string, at: string) => void;
  deleteUnsure: (id: number) => void;
}

const cache = new WeakMap<Db, AnswerStatements>();

function statements(db: Db): AnswerStatements {
  let s = cache.get(db);
  if (s) return s;
  const label = db.prepare('SELECT label, reviewer, reviewed_at FROM labels WHERE image_id = ?');
  const unsure = db.prepare('SELECT reviewer, answered_at FROM unsure_answers WHERE image_id = ?');
  const upsertLabel = db.prepare(
    `INSERT INTO labels (image_id, label, reviewer, reviewed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (image_id) DO UPDATE SET
       label = excluded.label, reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at`,
  );
  const deleteLabel = db.prepare('DELETE FROM labels WHERE image_id = ?');
  const upsertUnsure = db.prepare(
    `INSERT INTO unsure_answers (image_id, reviewer, answered_at) VALUES (?, ?, ?)
     ON CONFLICT (image_id) DO UPDATE SET
       reviewer = excluded.reviewer, answered_at = excluded.answered_at`,
  );
  const deleteUnsure = db.prepare('DELETE FROM unsure_answers WHERE image_id = ?');
  s = {
    label: (id) => label.get(id) as ReturnType<AnswerStatements['label']>,
    unsure: (id) => unsure.get(id) as ReturnType<AnswerStatements['unsure']>,
    upsertLabel: (id, l, reviewer, at) => void upsertLabel.run(id, l, reviewer, at),
    deleteLabel: (id) => void deleteLabel.run(id),
    upsertUnsure: (id, reviewer, at) => void upsertUnsure.run(id, reviewer, at),
    deleteUnsure: (id) => void deleteUnsure.run(id),
  };
  cache.set(db, s);
  return s;
}

/** The photo's current answer, with who gave it and when. */
export function currentAnswerOf(
  db: Db,
  imageId: number,
): { answer: Answer; reviewer: string | null; at: string | null } {
  const s = statements(db);
  const label = s.label(imageId);
  if (label) return { answer: label.label, reviewer: label.reviewer, at: label.reviewed_at };
  const unsure = s.unsure(imageId);
  if (unsure) return { answer: UNSURE_ANSWER, reviewer: unsure.reviewer, at: unsure.answered_at };
  return { answer: null, reviewer: null, at: null };
}

/**
 * Makes `answer` the photo's current answer. A label replaces an unsure answer (the
 * label triggers of migration 8 remove it); unsure removes the label; null removes both.
 */
export function writeAnswer(
  db: Db,
  imageId: number,
  answer: Answer,
  reviewer: string,
  at: string,
): void {
  const s = statements(db);
  if (answer === null) {
    s.deleteLabel(imageId);
    s.deleteUnsure(imageId);
  } else if (isUnsure(answer)) {
    s.deleteLabel(imageId);
    s.upsertUnsure(imageId, reviewer, at);
  } else {
    s.upsertLabel(imageId, answer, reviewer, at);
  }
}
