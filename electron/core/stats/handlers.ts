/** The summary screen and the model comparison. */
import type { CoreContext, HandlerMap } from '../context.js';
import { librarySummary, modelMetrics } from './summary.js';

export function createStatsHandlers(
  ctx: CoreContext,
): HandlerMap<'library.summary' | 'models.compare'> {
  return {
    'library.summary': () => librarySummary(ctx.db),
    'models.compare': ({ modelIds, importId }) =>
      [...new Set(modelIds)].map((id) => modelMetrics(ctx.db, id, importId)),
  };
}
