import type { CoreContext, HandlerMap } from '../context.js';
import { CoreError } from '../errors.js';

// STUB: replaced by the domain's implementation.
export function createModelHandlers(_ctx: CoreContext): HandlerMap<'models.list' | 'models.add' | 'models.activate' | 'models.classify'> {
  const todo = (): never => { throw new CoreError('INTERNAL', 'not implemented yet'); };
  return {
    'models.list': todo,
    'models.add': todo,
    'models.activate': todo,
    'models.classify': todo,
  };
}

// STUB: registers the shipped models on first open.
export async function installDefaultModels(_ctx: CoreContext): Promise<void> {}
