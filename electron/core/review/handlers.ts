/**
 * Review: the keyboard loop's writes (number key = set a label, Space = accept the
 * prediction, Z = undo) and a photo's label history. Every change is announced as
 * `library.changed` so open grids and counters refresh just those photos.
 */
import type { CoreContext, HandlerMap } from '../context.js';
import { labelHistory, notFoundImages } from '../library/image-details.js';
import {
  acceptPredictions,
  currentLabelCounts,
  markUnsure,
  redoDecision,
  setLabel,
  undoLastDecision,
  type DecisionContext,
} from './decisions.js';
import { noteHistory } from './note-store.js';
import { setNote } from './notes.js';

export function createReviewHandlers(
  ctx: CoreContext,
): HandlerMap<
  | 'review.setLabel'
  | 'review.accept'
  | 'review.undo'
  | 'review.history'
  | 'review.redo'
  | 'review.preview'
  | 'review.markUnsure'
  | 'review.setNote'
  | 'review.noteHistory'
> {
  function decisionContext(reviewer: string | undefined): DecisionContext {
    return { db: ctx.db, reviewer: ctx.reviewer(reviewer), at: ctx.now().toISOString() };
  }
  function announce(imageIds: number[]): void {
    if (imageIds.length) ctx.events.emit('library.changed', { imageIds, reason: 'review' });
  }
  return {
    'review.setLabel': ({ imageIds, label, reviewer }) => {
      const { imageIds: changed, decisionId } = setLabel(
        decisionContext(reviewer),
        imageIds,
        label,
      );
      announce(changed);
      return { changed: changed.length, decisionId };
    },
    'review.accept': ({ imageIds, reviewer }) => {
      const { imageIds: changed, decisionId } = acceptPredictions(
        decisionContext(reviewer),
        imageIds,
      );
      announce(changed);
      return { changed: changed.length, decisionId };
    },
    'review.undo': ({ reviewer, decisionId }) => {
      const reverted = undoLastDecision(decisionContext(reviewer), decisionId);
      announce(reverted);
      return { reverted: reverted.length, imageIds: reverted };
    },
    'review.history': ({ imageId }) => {
      const exists = ctx.db.prepare('SELECT 1 FROM images WHERE id = ?').get(imageId);
      if (!exists) throw notFoundImages([imageId]);
      return labelHistory(ctx.db, imageId);
    },
    'review.redo': ({ decisionId, reviewer }) => {
      const redone = redoDecision(decisionContext(reviewer), decisionId);
      announce(redone.imageIds);
      return { changed: redone.imageIds.length, ...redone };
    },
    'review.preview': ({ imageIds }) => {
      const byLabel = currentLabelCounts(ctx.db, imageIds);
      return { byLabel, total: byLabel.reduce((sum, row) => sum + row.count, 0) };
    },
    // unsure answers and notes (issue 11)
    'review.markUnsure': ({ imageIds, reviewer }) => {
      const { imageIds: changed, decisionId } = markUnsure(decisionContext(reviewer), imageIds);
      announce(changed);
      return { changed: changed.length, decisionId };
    },
    'review.setNote': ({ imageId, text, reviewer }) => {
      const result = setNote(decisionContext(reviewer), imageId, text);
      if (result.changed) announce([imageId]);
      return result;
    },
    'review.noteHistory': ({ imageId }) => {
      const exists = ctx.db.prepare('SELECT 1 FROM images WHERE id = ?').get(imageId);
      if (!exists) throw notFoundImages([imageId]);
      return noteHistory(ctx.db, imageId);
    },
  };
}
