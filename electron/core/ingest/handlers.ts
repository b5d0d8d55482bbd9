import type { CoreContext, HandlerMap } from '../context.js';
import { CoreError } from '../errors.js';

// STUB: replaced by the domain's implementation.
export function createIngestHandlers(_ctx: CoreContext): HandlerMap<'ingest.start'> {
  const todo = (): never => {
    throw new CoreError('INTERNAL', 'not implemented yet');
  };
  return {
    'ingest.start': todo,
  };
}
