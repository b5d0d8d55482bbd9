/**
 * Review decisions: setting a label, accepting the model's prediction, answering
 * "unsure", undoing.
 *
 * One key press (or one multi-selection relabel) is ONE decision: every label it
 * changes is written in one transaction, each change appended to `label_events` under
 * one `decision_id`, so undo reverts exactly what the reviewer did with that key press.
 * `labels` holds the current label; `label_events` is the append-only history (undo
 * appends 'undo' events and flags the reverted ones, it never deletes history).
 *
 * "Unsure" is an answer written as UNSURE_ANSWER where a label would be (see answers.ts
 * and migration 8), so everything below compares and restores answers, not just labels.
 */
import { UNSURE_ANSWER } from '../../contract.js';
import { CoreError } from '../errors.js';
import { activeModelIdOf } from '../library/active-model.js';
import type { Db } from '../library/database.js';
import { notFoundImages } from '../library/image-details.js';
import { currentAnswerOf, writeAnswer } from './answers.js';

export interface DecisionContext {
  db: Db;
  /** The reviewer recorded on the decision. */
  reviewer: string;
  /** ISO time of the decision. */
  at: string;
}

/** Labels here are answers: a label, UNSURE_ANSWER, or null (see answers.ts). */
interface Statements {
  imageName: (id: number) => string | undefined;
  currentLabel: (id: number) => string | null;
  inConflict: (id: number) => boolean;
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
  const conflict = db.prepare('SELECT 1 FROM label_conflicts WHERE image_id = ?').pluck();
  const next = db.prepare('SELECT coalesce(max(decision_id), 0) + 1 FROM label_events').pluck();
  const append = db.prepare(
    `INSERT INTO label_events (decision_id, image_id, old_label, new_label, reviewer, at, model_id, kind)
     VALUES (@decision, @imageId, @oldLabel, @newLabel, @reviewer, @at, @modelId, @kind)`,
  );
  s = {
    imageName: (id) => name.get(id) as string | undefined,
    currentLabel: (id) => currentAnswerOf(db, id).answer,
    inConflict: (id) => conflict.get(id) !== undefined,
    upsertLabel: (id, label, reviewer, at) => writeAnswer(db, id, label, reviewer, at),
    deleteLabel: (id) => writeAnswer(db, id, null, '', ''),
    nextDecision: () => next.get() as number,
    appendEvent: (e) => void append.run(e),
  };
  cache.set(db, s);
  return s;
}

/** Undo reverts this laptop's decisions only, never one merged from another laptop. */
const THIS_DEVICE = "device_id = (SELECT value FROM settings WHERE key = 'deviceId')";

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
export function inWriteTransaction<T>(db: Db, work: () => T): T {
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

/** What one decision changed: the photos, and the decision's id (null when nothing changed). */
export interface Decision {
  imageIds: number[];
  decisionId: number | null;
}

/**
 * Records one decision: `changes` maps photos to their new label. Photos already carrying
 * that label are left alone (no event). Returns the ids whose label changed.
 */
function decide(
  ctx: DecisionContext,
  changes: ReadonlyMap<number, string>,
  kind: 'set' | 'accept',
): Decision {
  const s = statements(ctx.db);
  const modelId = activeModelIdOf(ctx.db);
  const changed: number[] = [];
  let decision: number | null = null;
  for (const [imageId, label] of changes) {
    const old = s.currentLabel(imageId);
    // On a photo two people disagree on, choosing the label it already shows is a
    // decision too: it resolves the disagreement (see sync/merge-slice.ts).
    if (old === label && !s.inConflict(imageId)) continue;
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
  return { imageIds: changed, decisionId: decision };
}

/** Sets `label` on every photo, as one decision. */
export function setLabel(
  ctx: DecisionContext,
  imageIds: readonly number[],
  label: string,
): Decision {
  return inWriteTransaction(ctx.db, () => {
    const ids = uniqueIds(imageIds);
    requireImages(statements(ctx.db), ids);
    return decide(ctx, new Map(ids.map((id) => [id, label])), 'set');
  });
}

/**
 * Answers "unsure / skip" for every photo, as one decision: each photo's label (if any)
 * goes, the answer is kept in history (undo puts the label back) and the photo shows as
 * unsure until someone labels it.
 */
export function markUnsure(ctx: DecisionContext, imageIds: readonly number[]): Decision {
  return inWriteTransaction(ctx.db, () => {
    const ids = uniqueIds(imageIds);
    requireImages(statements(ctx.db), ids);
    return decide(ctx, new Map(ids.map((id) => [id, UNSURE_ANSWER])), 'set');
  });
}

/**
 * Labels every photo with the active model's prediction, as one decision. All or
 * nothing: a photo without a prediction fails the whole call, naming it, so Space on an
 * unclassified photo tells the reviewer why nothing happened.
 */
export function acceptPredictions(ctx: DecisionContext, imageIds: readonly number[]): Decision {
  return inWriteTransaction(ctx.db, () => {
    const s = statements(ctx.db);
    const ids = uniqueIds(imageIds);
    requireImages(s, ids);
    const modelId = activeModelIdOf(ctx.db);
    if (!modelId) {
      throw new CoreError('NO_ACTIVE_MODEL', { key: 'review.noActiveModel' });
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
      throw new CoreError(
        'NOT_FOUND',
        {
          key: 'review.unclassified',
          values: {
            names: names.join(', '),
            count: unclassified.length,
            more: Math.max(0, unclassified.length - 5),
            modelId,
          },
        },
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
 * Reverts one decision of the reviewer: `decisionId` when given (the window's own session
 * keeps the ids of its decisions, so an undo never reaches into an earlier session),
 * else the latest one not undone yet; repeated calls walk further back. A photo someone
 * relabeled since keeps that newer label (undo never overwrites a later decision).
 * Returns the photos whose label was restored.
 */
export function undoLastDecision(ctx: DecisionContext, decisionId?: number): number[] {
  return inWriteTransaction(ctx.db, () => {
    const s = statements(ctx.db);
    const decision =
      decisionId ??
      (ctx.db
        .prepare(
          `SELECT decision_id FROM label_events
           WHERE reviewer = ? AND undone = 0 AND kind IN ('set', 'accept') AND ${THIS_DEVICE}
           ORDER BY decision_id DESC LIMIT 1`,
        )
        .pluck()
        .get(ctx.reviewer) as number | undefined);
    const events =
      decision === undefined
        ? []
        : (ctx.db
            .prepare(
              `SELECT id, image_id, old_label, new_label FROM label_events
               WHERE decision_id = ? AND reviewer = ? AND undone = 0 AND kind IN ('set', 'accept')
                 AND ${THIS_DEVICE}
               ORDER BY id`,
            )
            .all(decision, ctx.reviewer) as EventRow[]);
    if (decision === undefined || events.length === 0) {
      throw new CoreError(
        'NOTHING_TO_UNDO',
        { key: 'review.nothingToUndo', values: { reviewer: ctx.reviewer } },
        { reviewer: ctx.reviewer },
      );
    }
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

interface RedoRow {
  image_id: number;
  old_label: string | null;
  new_label: string | null;
  kind: 'set' | 'accept';
}

/**
 * Applies an undone decision again, as a new decision (so it can be undone in turn).
 * A photo relabeled since the undo keeps its newer label, as with undo.
 */
export function redoDecision(ctx: DecisionContext, decisionId: number): Decision {
  return inWriteTransaction(ctx.db, () => {
    const s = statements(ctx.db);
    const events = ctx.db
      .prepare(
        `SELECT image_id, old_label, new_label, kind FROM label_events
         WHERE decision_id = ? AND reviewer = ? AND undone = 1 AND kind IN ('set', 'accept')
         ORDER BY id`,
      )
      .all(decisionId, ctx.reviewer) as RedoRow[];
    if (events.length === 0) {
      throw new CoreError(
        'NOTHING_TO_UNDO',
        { key: 'review.nothingToRedo', values: { reviewer: ctx.reviewer } },
        { reviewer: ctx.reviewer, decisionId },
      );
    }
    const modelId = activeModelIdOf(ctx.db);
    let decision: number | null = null;
    const changed: number[] = [];
    for (const event of events) {
      if (event.new_label === null) continue;
      if (s.currentLabel(event.image_id) !== event.old_label) continue;
      decision ??= s.nextDecision();
      s.upsertLabel(event.image_id, event.new_label, ctx.reviewer, ctx.at);
      s.appendEvent({
        decision,
        imageId: event.image_id,
        oldLabel: event.old_label,
        newLabel: event.new_label,
        reviewer: ctx.reviewer,
        at: ctx.at,
        modelId,
        kind: event.kind,
      });
      changed.push(event.image_id);
    }
    return { imageIds: changed, decisionId: decision };
  });
}

export interface LabelCount {
  /** The reviewer's current label (or UNSURE_ANSWER); null for photos not answered yet. */
  label: string | null;
  count: number;
}

/**
 * The current answers of these photos, counted: what a bulk decision is about to change
 * (unsure photos count under UNSURE_ANSWER).
 */
export function currentLabelCounts(db: Db, imageIds: readonly number[]): LabelCount[] {
  return db
    .prepare(
      `SELECT coalesce(l.label, CASE WHEN u.image_id IS NOT NULL THEN @unsure END) AS label,
              count(*) AS count
       FROM (SELECT DISTINCT value AS id FROM json_each(@ids)) AS picked
       JOIN images i ON i.id = picked.id
       LEFT JOIN labels l ON l.image_id = picked.id
       LEFT JOIN unsure_answers u ON u.image_id = picked.id
       GROUP BY 1 ORDER BY count DESC, 1`,
    )
    .all({ ids: JSON.stringify(imageIds), unsure: UNSURE_ANSWER }) as LabelCount[];
}
