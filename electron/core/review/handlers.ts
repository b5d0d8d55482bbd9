/**
 * Review: the keyboard loop's writes (number key = set a label, Space = accept the
 * prediction, Z = undo) and a photo's label history. Every change is announced as
 * `library.changed` so open grids and counters refresh just those photos.
 */
import type { CoreContext, HandlerMap } from '../context.js';
import { labelHistory, notFoundImages } from '../library/image-details.js';
import {
  acceptPredictions,
  setLabel,
  undoLastDecision,
  type DecisionContext,
} from './decisions.js';

export function createReviewHandlers(
  ctx: CoreContext,
): HandlerMap<'review.setLabel' | 'review.accept' | 'review.undo' | 'review.history'> {
  function decisionContext(reviewer: string | undefined): DecisionContext {
    return { db: ctx.db, reviewer: ctx.reviewer(reviewer), at: ctx.now().toISOString() };
  }
  function announce(imageIds: number[]): void {
    if (imageIds.length) ctx.events.emit('library.changed', { imageIds, reason: 'review' });
  }
  return {
    'review.setLabel': ({ imageIds, label, reviewer }) => {
      const changed = setLabel(decisionContext(reviewer), imageIds, label);
      announce(changed);
      return { changed: changed.length };
    },
    'review.accept': ({ imageIds, reviewer }) => {
      const changed = acceptPredictions(decisionContext(reviewer), imageIds);
      announce(changed);
      return { changed: changed.length };
    },
    'review.undo': ({ reviewer }) => {
      const reverted = undoLastDecision(decisionContext(reviewer));
      announce(reverted);
      return { reverted: reverted.length, imageIds: reverted };
    },
    'review.history': ({ imageId }) => {
      const exists = ctx.db.prepare('SELECT 1 FROM images WHERE id = ?').get(imageId);
      if (!exists) throw notFoundImages([imageId]);
      return labelHistory(ctx.db, imageId);
    },
  };
}
