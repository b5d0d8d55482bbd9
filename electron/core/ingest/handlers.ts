/**
 * `ingest.start`: checks the source at once (a wrong path is an immediate error, not a
 * failed job), picks the import row (a re-run of an unfinished import resumes it), and
 * starts the import job.
 */
import type { Args, Result } from '../../contract.js';
import type { CoreContext, HandlerMap } from '../context.js';
import { CoreError } from '../errors.js';
import { openImportRun } from './import-record.js';
import { defaultIngestDeps, runImport, type IngestDeps } from './run-import.js';
import { resolveSource } from './source.js';

export { readImportSummary } from './import-record.js';
export { parseTubePosition } from './tube-position.js';

/** `deps` lets tests swap side effects (a failing disk, a flaky card); the app uses the defaults. */
export function createIngestHandlers(
  ctx: CoreContext,
  deps: Partial<IngestDeps> = {},
): HandlerMap<'ingest.start'> {
  const resolved: IngestDeps = { ...defaultIngestDeps(), ...deps };
  return {
    'ingest.start': (args) => startImport(ctx, args, resolved),
  };
}

/** Starts importing a folder; returns at once with the job and the import row. */
export async function startImport(
  ctx: CoreContext,
  args: Args<'ingest.start'>,
  deps: IngestDeps,
): Promise<Result<'ingest.start'>> {
  const source = await resolveSource(args.source, ctx.paths.root);
  // From here to jobs.start nothing awaits, so two calls cannot both pass this check.
  const running = ctx.jobs.running('import');
  if (running) {
    throw new CoreError(
      'JOB_RUNNING',
      { key: 'jobs.alreadyRunning.import' },
      { jobId: running.id },
    );
  }
  const importId = openImportRun(ctx.db, source, ctx.now().toISOString());
  const job = ctx.jobs.start('import', (handle) =>
    runImport(ctx, handle, { importId, source, classify: args.classify }, deps),
  );
  return { jobId: job.id, importId };
}
