/**
 * Review decisions: setting a label, accepting the model's prediction, undoing.
 *
 * One key press (or one multi-selection relabel) is ONE decision: every label it
 * changes is written in one transaction, each change appended to `label_events` under
 * one `decision_id`, so undo reverts exactly what the reviewer did with that key press.
 * `labels` holds the current label; `label_events` is the append-only history (undo
 * appends 'undo' events and flags the reverted ones, it never deletes history).
 */
import { CoreError } from '../errors.js';
import { activeModelIdOf } from '../library/active-model.js';
import type { Db } from '../library/database.js';
import { notFoundImages } from '../library/image-details.js';

export interface DecisionContext {
  db: Db;
  /** The reviewer recorded on the decision. */
  reviewer: string;
  /** ISO time of the decision. */
  at: string;
}

interface Statements {
  imageName: (id: number) => string | undefined;
  currentLabel: (id: number) => string | null;
  upsertLabel: (id: number, label: string, reviewer: string, at: string) => void;
  deleteLabel: (id: number) => void;
  nextDecision: () => number;
  appendEvent: (e: {
    decision: number;
    imageId: number;
    oldLabel: string | null;
    newLabel: string | null;
    reviewer: string;
    at: string;
    modelId: string | null;
    kind: 'set' | 'accept' | 'undo';
  }) => void;
}

const cache = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = cache.get(db);
  if (s) return s;
  const name = db.prepare('SELECT original_name FROM images WHERE id = ?').pluck();
  const current = db.prepare('SELECT label FROM labels WHERE image_id = ?').pluck();
  const upsert = db.prepare(
    `INSERT INTO labels (image_id, label, reviewer, reviewed_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (image_id) DO UPDATE SET
       label = excluded.label, reviewer = excluded.reviewer, reviewed_at = excluded.reviewed_at`,
  );
  const remove = db.prepare('DELETE FROM labels WHERE image_id = ?');
  const next = db.prepare('SELECT coalesce(max(decision_id), 0) + 1 FROM label_events').pluck();
  const append = db.prepare(
    `INSERT INTO label_events (decision_id, image_id, old_label, new_label, reviewer, at, model_id, kind)
     VALUES (@decision, @imageId, @oldLabel, @newLabel, @reviewer, @at, @modelId, @kind)`,
  );
  s = {
    imageName: (id) => name.get(id) as string | undefined,
    currentLabel: (id) => (current.get(id) as string | undefined) ?? null,
    upsertLabel: (id, label, reviewer, at) => void upsert.run(id, label, reviewer, at),
    deleteLabel: (id) => void remove.run(id),
    nextDecision: () => next.get() as number,
    appendEvent: (e) => void append.run(e),
  };
  cache.set(db, s);
  return s;
}

/** `PRAGMA synchronous` level that syncs the WAL on every commit. */
const SYNC_FULL = 2;

/**
 * Runs a decision in an IMMEDIATE transaction: it takes the write lock before reading
 * max(decision_id), so a CLI and a window labeling the same library at once wait for
 * each other instead of numbering two decisions alike.
 *
 * The decision is on disk when this returns. The library runs WAL with
 * synchronous=NORMAL, where a commit reaches the OS but is synced only at the next
 * checkpoint: safe from an app crash, not from a power cut or an OS crash, which would
 * roll back decisions the inspector already saw confirmed (a laptop whose battery runs
 * out mid-review). So decision commits sync the WAL (FULL: one fsync, a few ms); imports keep NORMAL.
 */
function inWriteTransaction<T>(db: Db, work: () => T): T {
  const level = db.pragma('synchronous', { simple: true }) as number;
  if (level >= SYNC_FULL) return db.transaction(work).immediate();
  db.pragma(`synchronous = ${SYNC_FULL}`);
  try {
    return db.transaction(work).immediate();
  } finally {
    db.pragma(`synchronous = ${level}`);
  }
}

function uniqueIds(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}

function requireImages(s: Statements, ids: readonly number[]): void {
  const missing = ids.filter((id) => s.imageName(id) === undefined);
  if (missing.length) throw notFoundImages(missing);
}

/**
 * Records one decision: `changes` maps photos to their new label. Photos already carrying
 * that label are left alone (no event). Returns the ids whose label changed.
 */
function decide(
  ctx: DecisionContext,
  changes: ReadonlyMap<number, string>,
  kind: 'set' | 'accept',
): number[] {
  const s = statements(ctx.db);
  const modelId = activeModelIdOf(ctx.db);
  const changed: number[] = [];
  let decision: number | null = null;
  for (const [imageId, label] of changes) {
    const old = s.currentLabel(imageId);
    if (old === label) continue;
    decision ??= s.nextDecision();
    s.upsertLabel(imageId, label, ctx.reviewer, ctx.at);
    s.appendEvent({
      decision,
      imageId,
      oldLabel: old,
      newLabel: label,
      reviewer: ctx.reviewer,
      at: ctx.at,
      modelId,
      kind,
    });
    changed.push(imageId);
  }
  return changed;
}

/** Sets `label` on every photo, as one decision. */
export function setLabel(
  ctx: DecisionContext,
  imageIds: readonly number[],
  label: string,
): number[] {
  return inWriteTransaction(ctx.db, () => {
    const ids = uniqueIds(imageIds);
    requireImages(statements(ctx.db), ids);
    return decide(ctx, new Map(ids.map((id) => [id, label])), 'set');
  });
}

/**
 * Labels every photo with the active model's prediction, as one decision. All or
 * nothing: a photo without a prediction fails the whole call, naming it, so Space on an
 * unclassified photo tells the reviewer why nothing happened.
 */
export function acceptPredictions(ctx: DecisionContext, imageIds: readonly number[]): number[] {
  return inWriteTransaction(ctx.db, () => {
    const s = statements(ctx.db);
    const ids = uniqueIds(imageIds);
    requireImages(s, ids);
    const modelId = activeModelIdOf(ctx.db);
    if (!modelId) {
      throw new CoreError(
        'NO_ACTIVE_MODEL',
        'No model is active, so there is no prediction to accept. Activate a model, or choose the label yourself.',
      );
    }
    const predicted = ctx.db
      .prepare('SELECT label FROM predictions WHERE image_id = ? AND model_id = ?')
      .pluck();
    const changes = new Map<number, string>();
    const unclassified: number[] = [];
    for (const id of ids) {
      const label = predicted.get(id, modelId) as string | undefined;
      if (label === undefined) unclassified.push(id);
      else changes.set(id, label);
    }
    if (unclassified.length) {
      const names = unclassified.slice(0, 5).map((id) => `\`${s.imageName(id)}\``);
      const more = unclassified.length > 5 ? ` and ${unclassified.length - 5} more` : '';
      throw new CoreError(
        'NOT_FOUND',
        `${names.join(', ')}${more} ${unclassified.length === 1 ? 'has' : 'have'} no prediction from ${modelId} to accept. Classify ${unclassified.length === 1 ? 'it' : 'them'} first, or choose the label yourself; nothing was changed.`,
        { unclassified, modelId },
      );
    }
    return decide(ctx, changes, 'accept');
  });
}

interface EventRow {
  id: number;
  image_id: number;
  old_label: string | null;
  new_label: string | null;
}

/**
 * Reverts the reviewer's latest decision that is not undone yet; repeated calls walk
 * further back. A photo someone relabeled since keeps that newer label (undo never
 * overwrites a later decision). Returns the photos whose label was restored.
 */
export function undoLastDecision(ctx: DecisionContext): number[] {
  return inWriteTransaction(ctx.db, () => {
    const s = statements(ctx.db);
    const decision = ctx.db
      .prepare(
        `SELECT decision_id FROM label_events
         WHERE reviewer = ? AND undone = 0 AND kind IN ('set', 'accept')
         ORDER BY decision_id DESC LIMIT 1`,
      )
      .pluck()
      .get(ctx.reviewer) as number | undefined;
    if (decision === undefined) {
      throw new CoreError(
        'NOTHING_TO_UNDO',
        `Nothing to undo: ${ctx.reviewer} has no label decision left to revert.`,
        { reviewer: ctx.reviewer },
      );
    }
    const events = ctx.db
      .prepare(
        `SELECT id, image_id, old_label, new_label FROM label_events
         WHERE decision_id = ? AND reviewer = ? AND undone = 0 AND kind IN ('set', 'accept')
         ORDER BY id`,
      )
      .all(decision, ctx.reviewer) as EventRow[];
    // Who had set the label being restored, and when: that decision stands again.
    const previous = ctx.db.prepare(
      `SELECT reviewer, at FROM label_events
       WHERE image_id = ? AND id < ? AND undone = 0 AND kind IN ('set', 'accept') AND new_label = ?
       ORDER BY id DESC LIMIT 1`,
    );
    const modelId = activeModelIdOf(ctx.db);
    const undoDecision = s.nextDecision();
    const reverted: number[] = [];
    for (const event of events) {
      if (s.currentLabel(event.image_id) !== event.new_label) continue;
      if (event.old_label === null) {
        s.deleteLabel(event.image_id);
      } else {
        const by = previous.get(event.image_id, event.id, event.old_label) as
          { reviewer: string; at: string } | undefined;
        s.upsertLabel(
          event.image_id,
          event.old_label,
          by?.reviewer ?? ctx.reviewer,
          by?.at ?? ctx.at,
        );
      }
      s.appendEvent({
        decision: undoDecision,
        imageId: event.image_id,
        oldLabel: event.new_label,
        newLabel: event.old_label,
        reviewer: ctx.reviewer,
        at: ctx.at,
        modelId,
        kind: 'undo',
      });
      reverted.push(event.image_id);
    }
    ctx.db
      .prepare('UPDATE label_events SET undone = 1 WHERE decision_id = ? AND reviewer = ?')
      .run(decision, ctx.reviewer);
    return reverted;
  });
}
