/**
 * The import job: scan the source, skip what earlier runs finished, then for each file
 * one read that hashes and feeds both the library copy and the decoder, batched inserts,
 * and classification of the new photos as they arrive.
 *
 * The steps, each in its own module and each safe to run again after a crash:
 * 1. plan-import.ts   scan the card, decide what this run does, record what it saw;
 * 2. store-file.ts    per file: read once, hash, decode once, place original + thumbnail;
 * 3. commit-batch.ts  write the outcomes in card order, a transaction per batch;
 * 4. classify-step.ts classify new photos beside the import, then an earlier run's leftovers.
 *
 * Concurrency: an ordered pool keeps a few files in flight (read + hash of the next
 * files while the current ones decode in sharp on libuv's threads), and releases them
 * in card order to the committer (16 files or 250 ms per transaction). Every stage is
 * bounded, so memory stays flat whatever the card's size.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { ImportSummary } from '../../contract.js';
import type { CoreContext } from '../context.js';
import type { JobHandle } from '../jobs/registry.js';
import { startClassifying, type ClassifyStep } from './classify-step.js';
import { createBatchCommitter, type BatchCommitter } from './commit-batch.js';
import { finishImportRun, readImportSummary } from './import-record.js';
import { createImportProgress } from './import-progress.js';
import {
  createLibraryWriter,
  removeDeadTemp,
  writeDurably,
  type DurableWrite,
} from './library-files.js';
import { runOrdered } from './ordered-pool.js';
import { planImport, SourceGone } from './plan-import.js';
import { createFileStore, MAX_FILE_BYTES } from './store-file.js';
import { createSourceReader, type SourceBytes } from './source-reader.js';
import { sourceGoneError } from './source.js';

export { MAX_FILE_BYTES } from './store-file.js';

/** Side effects and tuning a test may replace. */
export interface IngestDeps {
  /** Durable write of a library file (temp file + fsync). */
  write: DurableWrite;
  /**
   * Reads a whole source file, read-only, with its sha256 (see source-reader.ts);
   * `inspect` sees the first bytes first and may refuse the file by throwing.
   */
  readSource(absPath: string, inspect?: (head: Buffer) => void): Promise<SourceBytes>;
  /** Files in flight at once. */
  concurrency: number;
  /** Files per database transaction, and the longest a finished file waits for one. */
  batchSize: number;
  batchMs: number;
}

export function defaultIngestDeps(): IngestDeps {
  // Two or three files in flight keep two cores busy (one reading and hashing, one
  // decoding) without holding more than a few photos in memory.
  const concurrency = Math.min(4, Math.max(2, os.availableParallelism() + 1));
  const reader = createSourceReader({ keep: concurrency, maxFileBytes: MAX_FILE_BYTES });
  return {
    write: writeDurably,
    readSource: (absPath, inspect) => reader.read(absPath, inspect),
    concurrency,
    batchSize: 16,
    batchMs: 250,
  };
}

export interface ImportRequest {
  importId: number;
  /** Absolute, real path (see resolveSource). */
  source: string;
  classify: boolean;
}

/** Runs one import job to its end; returns the import's summary. */
export async function runImport(
  ctx: CoreContext,
  job: JobHandle,
  request: ImportRequest,
  deps: IngestDeps,
): Promise<ImportSummary> {
  const { importId, source } = request;
  const startedMs = performance.now();
  const progress = createImportProgress(job);
  const writer = createLibraryWriter(ctx.paths, deps.write, `import${importId}`);
  const files = createFileStore(ctx, source, writer, deps);
  let classifying: ClassifyStep | null = null;
  let committer: BatchCommitter | null = null;

  function finish(status: ImportSummary['status']): ImportSummary {
    finishImportRun(
      ctx.db,
      importId,
      status,
      ctx.now().toISOString(),
      performance.now() - startedMs,
    );
    // The batches announced the photos; this announces the import's own end, so a screen
    // listing imports reads done/cancelled/failed instead of the "running" it read last.
    ctx.events.emit('library.changed', { imageIds: [], reason: 'import' });
    return readImportSummary(ctx, importId);
  }

  try {
    await removeDeadTemp(ctx.paths);
    progress.report();
    const todo = await planImport(ctx, importId, source, job.signal, progress);
    if (todo === null) return finish('cancelled');

    classifying = startClassifying(ctx, importId, progress, {
      wanted: request.classify,
      newFiles: todo.length,
    });
    committer = createBatchCommitter(ctx, importId, progress, {
      batchSize: deps.batchSize,
      batchMs: deps.batchMs,
      claims: files.claims,
      queue: classifying.queue,
    });

    progress.phase = 'importing';
    progress.done = 0;
    progress.total = todo.length;
    progress.bytesTotal = todo.reduce((sum, f) => sum + f.size, 0);
    progress.report();

    await runOrdered(
      todo,
      { concurrency: deps.concurrency, window: deps.concurrency * 2, signal: job.signal },
      files.prepare,
      committer.commit,
    );
    await committer.flush();
    await classifying.finish(job.signal);
    const status = job.signal.aborted ? 'cancelled' : 'done';
    progress.phase = status;
    progress.report();
    return finish(status);
  } catch (error) {
    // Keep everything that finished: the files released so far are committed.
    try {
      await committer?.flush();
    } catch (flushError) {
      // The first failure is the one to report (a full disk fails the flush too).
      ctx.logger.warn('Could not commit the last finished files:', flushError);
    }
    // Nothing may touch the library after the job ends (the CLI closes it then).
    await classifying?.settle();
    finish('failed');
    if (error instanceof SourceGone) {
      const { imported, duplicates } = progress.counters;
      throw sourceGoneError(source, error.original, imported + duplicates);
    }
    throw error;
  } finally {
    await writer.dispose();
  }
}
