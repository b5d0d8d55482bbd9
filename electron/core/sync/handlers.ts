/** Sync domain: offline bundles between laptops, and the hub sync's status. */
import type { CoreContext, HandlerMap } from '../context.js';
import { exportBundle, importBundle } from './bundle.js';
import { savedHub, saveHub, startHubSync } from '../hub/sync-job.js';
import { syncStatus } from './status.js';

export function createSyncHandlers(
  ctx: CoreContext,
): HandlerMap<
  'bundle.export' | 'bundle.import' | 'sync.status' | 'sync.hub' | 'sync.setHub' | 'sync.start'
> {
  return {
    'sync.hub': () => savedHub(ctx),
    'sync.setHub': (hub) => saveHub(ctx, hub),
    'sync.start': () => startHubSync(ctx),
    'bundle.export': ({ importIds, file }) => exportBundle(ctx, importIds, file),
    'bundle.import': ({ file }) => importBundle(ctx, file),
    'sync.status': () => syncStatus(ctx.db),
  };
}
