/**
 * Handlers of issue 13: improve a model from the reviewed photos, backfill embeddings,
 * similar photos and likely mistakes.
 */
import type { CoreContext, HandlerMap } from '../context.js';
import { CoreError } from '../errors.js';
import { embeddingModel, runBackfillJob } from '../embeddings/backfill-job.js';
import { likelyMislabeled, similarPhotos } from '../embeddings/similar.js';
import { runImproveJob } from './improve-job.js';

export function createImproveHandlers(
  ctx: CoreContext,
): HandlerMap<'models.improve' | 'embeddings.backfill' | 'library.similar' | 'library.suspects'> {
  return {
    'models.improve': async ({ modelId, heldOutShare, activate }) => {
      const running = ctx.jobs.running('improve');
      if (running) {
        throw new CoreError(
          'JOB_RUNNING',
          { key: 'improve.alreadyRunning', values: { jobId: running.id } },
          { jobId: running.id },
        );
      }
      // Checked before the job starts, so a model without embeddings fails the call.
      const model = await embeddingModel(ctx, modelId);
      const job = ctx.jobs.start('improve', (handle) =>
        runImproveJob(ctx, handle, { model, heldOutShare, activate }),
      );
      return { jobId: job.id };
    },
    'embeddings.backfill': async ({ modelId }) => {
      const running = ctx.jobs.running('embeddings');
      if (running) {
        throw new CoreError(
          'JOB_RUNNING',
          { key: 'embeddings.alreadyRunning', values: { jobId: running.id } },
          { jobId: running.id },
        );
      }
      const model = await embeddingModel(ctx, modelId);
      const job = ctx.jobs.start('embeddings', (handle) => runBackfillJob(ctx, handle, model));
      return { jobId: job.id };
    },
    'library.similar': ({ imageId, limit, modelId }) => similarPhotos(ctx, imageId, limit, modelId),
    'library.suspects': ({ limit, neighbours, modelId }) =>
      likelyMislabeled(ctx, limit, neighbours, modelId),
  };
}
