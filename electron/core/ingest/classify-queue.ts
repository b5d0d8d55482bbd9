/**
 * Classifies photos in batches while the import goes on: batches run one after the
 * other on onnxruntime's threads while the import keeps reading and decoding. At most
 * `maxPending` batches wait, so previews (the model's input) never pile up in memory
 * when the model is slower than the card.
 */
import type { RawImage } from '../imaging/decode.js';
import type { LoadedModel, ModelOutput } from '../models/registry.js';

export interface ClassifyItem {
  imageId: number;
  preview: RawImage;
}

export interface ClassifyQueue {
  /** Queues a photo; resolves once there is room (back-pressure). */
  add(item: ClassifyItem): Promise<void>;
  /** Classifies what is queued and waits for every batch. */
  drain(): Promise<void>;
  /** The first failure, if classification failed (later photos are then not classified). */
  readonly failure: unknown;
}

export interface ClassifyQueueOptions {
  batchSize?: number;
  maxPending?: number;
  /** Stores one batch's predictions (synchronously, in one transaction). */
  store(rows: { imageId: number; output: ModelOutput }[]): void;
}

export function createClassifyQueue(
  model: Pick<LoadedModel, 'classify'>,
  options: ClassifyQueueOptions,
): ClassifyQueue {
  const batchSize = options.batchSize ?? 16;
  const maxPending = options.maxPending ?? 2;
  let buffer: ClassifyItem[] = [];
  let chain: Promise<void> = Promise.resolve();
  const pending: Promise<void>[] = [];
  let failure: unknown = null;
  let failed = false;

  function submit(): void {
    if (buffer.length === 0 || failed) {
      buffer = [];
      return;
    }
    const batch = buffer;
    buffer = [];
    const run = chain.then(async () => {
      if (failed) return;
      try {
        const outputs = await model.classify(batch.map((item) => item.preview));
        options.store(batch.map((item, i) => ({ imageId: item.imageId, output: outputs[i]! })));
      } catch (error) {
        // The import matters more than its classification: keep importing, and leave
        // the rest unclassified for models.classify to catch up.
        failed = true;
        failure = error;
      }
    });
    chain = run;
    pending.push(run);
    void run.finally(() => pending.splice(pending.indexOf(run), 1));
  }

  return {
    async add(item) {
      if (failed) return;
      buffer.push(item);
      if (buffer.length >= batchSize) submit();
      while (pending.length > maxPending) await pending[0];
    },
    async drain() {
      submit();
      await chain;
    },
    get failure() {
      return failure;
    },
  };
}
