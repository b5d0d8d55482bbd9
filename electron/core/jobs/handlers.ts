import type { CoreContext, HandlerMap } from '../context.js';

export function createJobHandlers(
  ctx: CoreContext,
): HandlerMap<'jobs.get' | 'jobs.list' | 'jobs.cancel' | 'jobs.wait'> {
  return {
    'jobs.get': ({ jobId }) => ctx.jobs.get(jobId),
    'jobs.list': () => ctx.jobs.list(),
    'jobs.cancel': ({ jobId }) => ctx.jobs.cancel(jobId),
    'jobs.wait': ({ jobId, timeoutMs }) => ctx.jobs.wait(jobId, timeoutMs),
  };
}
