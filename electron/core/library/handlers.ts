import type { CoreContext, HandlerMap } from '../context.js';
import { CoreError } from '../errors.js';

// STUB: replaced by the domain's implementation.
export function createLibraryHandlers(
  _ctx: CoreContext,
): HandlerMap<
  | 'library.info'
  | 'library.list'
  | 'library.count'
  | 'library.ids'
  | 'library.get'
  | 'library.find'
  | 'library.imports'
  | 'library.labels'
> {
  const todo = (): never => {
    throw new CoreError('INTERNAL', 'not implemented yet');
  };
  return {
    'library.info': todo,
    'library.list': todo,
    'library.count': todo,
    'library.ids': todo,
    'library.get': todo,
    'library.find': todo,
    'library.imports': todo,
    'library.labels': todo,
  };
}
