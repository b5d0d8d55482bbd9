/** Sync domain: offline bundles between laptops. */
import type { CoreContext, HandlerMap } from '../context.js';
import { exportBundle, importBundle } from './bundle.js';

export function createSyncHandlers(
  ctx: CoreContext,
): HandlerMap<'bundle.export' | 'bundle.import'> {
  return {
    'bundle.export': ({ importIds, file }) => exportBundle(ctx, importIds, file),
    'bundle.import': ({ file }) => importBundle(ctx, file),
  };
}
