import type { CoreContext, HandlerMap } from '../context.js';
import { CoreError } from '../errors.js';

// STUB: replaced by the domain's implementation.
export function createReviewHandlers(
  _ctx: CoreContext,
): HandlerMap<'review.setLabel' | 'review.accept' | 'review.undo' | 'review.history'> {
  const todo = (): never => {
    throw new CoreError('INTERNAL', 'not implemented yet');
  };
  return {
    'review.setLabel': todo,
    'review.accept': todo,
    'review.undo': todo,
    'review.history': todo,
  };
}
