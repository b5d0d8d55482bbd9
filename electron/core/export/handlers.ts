/**
 * Export of the labeled dataset: `export.preview` plans without writing; `export.start`
 * plans (failing at once on a bad destination or label), then copies as a job.
 */
import type { CoreContext, HandlerMap } from '../context.js';
import { CoreError } from '../errors.js';
import { prepareExport } from './plan.js';
import { runExport } from './run-export.js';

export function createExportHandlers(
  ctx: CoreContext,
): HandlerMap<'export.preview' | 'export.start'> {
  return {
    'export.preview': (options) => prepareExport(ctx, options).plan,
    'export.start': (options) => {
      const running = ctx.jobs.running('export');
      if (running) {
        throw new CoreError(
          'JOB_RUNNING',
          { key: 'export.alreadyRunning', values: { jobId: running.id } },
          { jobId: running.id },
        );
      }
      // Planned now, from the labels as they are: later relabels do not leak into this export.
      const prepared = prepareExport(ctx, options);
      const job = ctx.jobs.start('export', (handle) => runExport(ctx, handle, prepared));
      return { jobId: job.id };
    },
  };
}
