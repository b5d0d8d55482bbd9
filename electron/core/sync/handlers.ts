/** Sync domain: offline bundles between laptops, and the hub sync's status. */
import type { CoreContext, HandlerMap } from '../context.js';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { CoreError } from '../errors.js';
import { checkImports, exportBundle, importBundle } from './bundle.js';
import { savedHub, saveHub, startHubSync } from '../hub/sync-job.js';
import { syncStatus } from './status.js';

export function createSyncHandlers(
  ctx: CoreContext,
): HandlerMap<
  | 'bundle.export'
  | 'bundle.import'
  | 'bundle.startExport'
  | 'bundle.startImport'
  | 'sync.status'
  | 'sync.hub'
  | 'sync.setHub'
  | 'sync.start'
> {
  return {
    // The screens' bundles: jobs with progress and Cancel, refused at once when hopeless.
    'bundle.startExport': ({ importIds, file }) => {
      checkImports(ctx, importIds);
      const job = ctx.jobs.start('bundle-export', (handle) =>
        exportBundle(ctx, importIds, file, handle),
      );
      return { jobId: job.id };
    },
    'bundle.startImport': ({ file }) => {
      const src = path.resolve(file);
      if (!existsSync(src)) {
        throw new CoreError('NOT_FOUND', { key: 'bundle.fileNotFound', values: { file: src } });
      }
      const job = ctx.jobs.start('bundle-import', (handle) => importBundle(ctx, src, handle));
      return { jobId: job.id };
    },
    'sync.hub': () => savedHub(ctx),
    'sync.setHub': (hub) => saveHub(ctx, hub),
    'sync.start': () => startHubSync(ctx),
    'bundle.export': ({ importIds, file }) => exportBundle(ctx, importIds, file),
    'bundle.import': ({ file }) => importBundle(ctx, file),
    'sync.status': () => syncStatus(ctx.db),
  };
}
