/**
 * Classification beside an import: opens the active model (only when there is something
 * to classify), feeds the classification queue as photos are committed, and classifies
 * the photos of this import an interrupted run stored but did not classify. Every
 * prediction is stored and counted as it comes.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CoreContext } from '../context.js';
import { decodePhoto } from '../imaging/decode.js';
import { originalPath } from '../library/database.js';
import {
  activeModelId,
  getActiveModel,
  storePredictions,
  type LoadedModel,
} from '../models/registry.js';
import { createClassifyQueue, type ClassifyQueue } from './classify-queue.js';
import { refreshClassified, unclassifiedImages } from './import-record.js';
import type { ImportProgress } from './import-progress.js';

export interface ClassifyStep {
  /** Where committed photos go (null: this run does not classify). */
  readonly queue: ClassifyQueue | null;
  /**
   * Waits for the queue and for the model to have opened (or failed): nothing may touch
   * the library after the job ends. Then classifies the leftovers of earlier runs.
   */
  finish(signal: AbortSignal): Promise<void>;
  /** Waits for what is in flight, whatever happens (the import failed). */
  settle(): Promise<void>;
}

const NOT_CLASSIFYING: ClassifyStep = {
  queue: null,
  finish: async () => undefined,
  settle: async () => undefined,
};

export function startClassifying(
  ctx: CoreContext,
  importId: number,
  progress: ImportProgress,
  options: { wanted: boolean; newFiles: number },
): ClassifyStep {
  const { db } = ctx;
  const { counters } = progress;
  const activeId = options.wanted ? activeModelId(ctx) : null;
  // Open the model only when there is something to classify: new files, or photos of
  // this import an interrupted run stored but did not classify. A finished card
  // re-imported opens nothing.
  if (
    activeId === null ||
    (options.newFiles === 0 && unclassifiedImages(db, importId, activeId, 0).length === 0)
  ) {
    return NOT_CLASSIFYING;
  }
  let model: LoadedModel | null = null;
  // Reading and decoding start at once; the first batch waits for the session if it is
  // still opening (the inference thread and the session take 0.1-0.4 s).
  const opening = getActiveModel(ctx).then((loaded) => {
    if (!loaded) throw new Error('the active model is not registered in this library');
    model = loaded;
    counters.classified = refreshClassified(db, importId, loaded.id);
    return loaded;
  });
  const loading = opening.catch((error: unknown) => {
    ctx.logger.warn('The active model could not be loaded; importing without classifying:', error);
    counters.classifyFailed = 1;
    return null;
  });

  function store(rows: Parameters<typeof storePredictions>[2]): void {
    if (!model) return;
    storePredictions(ctx, model.id, rows);
    counters.classified = refreshClassified(db, importId, model.id);
    ctx.events.emit('library.changed', {
      imageIds: rows.map((r) => r.imageId),
      reason: 'classify',
    });
    progress.report();
  }

  const queue = createClassifyQueue(
    { classify: async (previews) => (await opening).classify(previews) },
    { store },
  );

  /** Classifies photos of this import an earlier, interrupted run left unclassified. */
  async function classifyLeftovers(loaded: LoadedModel, signal: AbortSignal): Promise<void> {
    let afterId = 0;
    for (;;) {
      const rows = unclassifiedImages(db, importId, loaded.id, afterId);
      if (rows.length === 0 || signal.aborted || queue.failure) return;
      progress.phase = 'classifying';
      progress.report();
      for (const row of rows) {
        if (signal.aborted) return;
        afterId = row.id;
        const file = originalPath(ctx.paths, row.sha256, row.ext);
        try {
          const decoded = await decodePhoto(await fs.readFile(file), path.basename(file));
          await queue.add({ imageId: row.id, preview: decoded.preview });
        } catch (error) {
          // The original was readable when imported; leave it for models.classify.
          ctx.logger.warn(`Could not classify ${file}:`, error);
        }
      }
      await queue.drain();
    }
  }

  return {
    queue,
    async finish(signal) {
      await queue.drain();
      const loaded = await loading;
      if (queue.failure) {
        // A model that never loaded was reported above.
        if (loaded) ctx.logger.warn('Classification stopped during the import:', queue.failure);
        counters.classifyFailed = 1;
      }
      if (loaded) await classifyLeftovers(loaded, signal);
    },
    async settle() {
      await queue.drain().catch(() => undefined);
      await loading;
    },
  };
}
