/**
 * Step 3 of an import: the one committer. Outcomes arrive in card order and are written
 * a batch per transaction (`batchSize` files or `batchMs`), with the import's counters
 * recomputed in the same transaction, so a crash at any moment leaves rows that tell
 * the truth. New photos are then announced and queued for classification (waiting when
 * the model is behind: that is the back-pressure).
 */
import { performance } from 'node:perf_hooks';
import type { CoreContext } from '../context.js';
import type { DecodedPhoto } from '../imaging/decode.js';
import { writeTransaction } from '../library/database.js';
import type { ClassifyQueue } from './classify-queue.js';
import { insertImage, recordImportFile, refreshCounters } from './import-record.js';
import type { ImportProgress } from './import-progress.js';
import { fileRow, fromDatabaseError, imageRow, type Claim, type Outcome } from './outcome.js';

export interface BatchCommitter {
  commit(outcome: Outcome): Promise<void>;
  /** Writes what is pending now. */
  flush(): Promise<void>;
}

export function createBatchCommitter(
  ctx: CoreContext,
  importId: number,
  progress: ImportProgress,
  options: {
    batchSize: number;
    batchMs: number;
    claims: Map<string, Claim>;
    queue: ClassifyQueue | null;
  },
): BatchCommitter {
  const { db } = ctx;
  const batch: Outcome[] = [];
  let batchStartedMs = 0;

  async function flush(): Promise<void> {
    if (batch.length === 0) return;
    const outcomes = batch.splice(0);
    const importedAt = ctx.now().toISOString();
    const fresh: { id: number; decoded: DecodedPhoto }[] = [];
    try {
      writeTransaction(db, () => {
        for (const outcome of outcomes) {
          const row = fileRow(outcome);
          if (outcome.kind === 'imported') {
            const image = insertImage(db, imageRow(outcome, importId, importedAt));
            outcome.claim.imageId = image.id;
            row.imageId = image.id;
            if (image.created) fresh.push({ id: image.id, decoded: outcome.decoded });
            else row.status = 'duplicate';
          }
          recordImportFile(db, { ...row, importId });
        }
        Object.assign(progress.counters, refreshCounters(db, importId));
      });
    } catch (error) {
      throw fromDatabaseError(error);
    }
    for (const outcome of outcomes) {
      if (outcome.kind === 'imported' && options.claims.get(outcome.sha256) === outcome.claim) {
        // From now on the database answers "is this photo known?".
        options.claims.delete(outcome.sha256);
      }
      progress.done++;
      progress.bytesDone += outcome.file.size;
    }
    if (fresh.length > 0) {
      ctx.events.emit('library.changed', { imageIds: fresh.map((f) => f.id), reason: 'import' });
    }
    progress.report();
    if (options.queue) {
      for (const photo of fresh) {
        await options.queue.add({ imageId: photo.id, preview: photo.decoded.preview });
      }
    }
  }

  return {
    async commit(outcome) {
      if (batch.length === 0) batchStartedMs = performance.now();
      batch.push(outcome);
      if (
        batch.length >= options.batchSize ||
        performance.now() - batchStartedMs >= options.batchMs
      ) {
        await flush();
      }
    },
    flush,
  };
}
