import type { CoreContext, HandlerMap } from '../context.js';
import { CoreError } from '../errors.js';

// STUB: replaced by the domain's implementation.
export function createStatsHandlers(
  _ctx: CoreContext,
): HandlerMap<'library.summary' | 'models.compare'> {
  const todo = (): never => {
    throw new CoreError('INTERNAL', 'not implemented yet');
  };
  return {
    'library.summary': todo,
    'models.compare': todo,
  };
}
