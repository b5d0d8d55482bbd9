import type { CoreContext, HandlerMap } from '../context.js';
import { CoreError } from '../errors.js';

// STUB: replaced by the domain's implementation.
export function createExportHandlers(
  _ctx: CoreContext,
): HandlerMap<'export.preview' | 'export.start'> {
  const todo = (): never => {
    throw new CoreError('INTERNAL', 'not implemented yet');
  };
  return {
    'export.preview': todo,
    'export.start': todo,
  };
}
