/**
 * The import's building blocks on their own: the ordered pool (card order, bounded
 * memory, cancel, failure) and the classification queue (batches, back-pressure, a
 * failing model does not stop the import).
 */
import { describe, expect, it } from 'vitest';
import { createClassifyQueue } from '../../electron/core/ingest/classify-queue.js';
import { runOrdered } from '../../electron/core/ingest/ordered-pool.js';
import type { RawImage } from '../../electron/core/imaging/decode.js';
import type { ModelOutput } from '../../electron/core/models/registry.js';

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

describe('ordered pool', () => {
  it('works on several files at once but releases them in card order', async () => {
    const durations = [30, 5, 20, 1, 15, 2, 8, 1];
    let running = 0;
    let maxRunning = 0;
    const released: number[] = [];
    const count = await runOrdered(
      durations,
      { concurrency: 3, window: 6 },
      async (ms, index) => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await delay(ms);
        running--;
        return index;
      },
      (value, index) => {
        expect(value).toBe(index);
        released.push(index);
      },
    );
    expect(count).toBe(durations.length);
    expect(released).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(maxRunning).toBe(3);
  });

  it('never holds more than the window of unreleased files behind a slow one', async () => {
    const started: number[] = [];
    let releasedFirst = false;
    let startedBeforeFirstReleased = 0;
    await runOrdered(
      Array.from({ length: 20 }, (_, i) => i),
      { concurrency: 2, window: 4 },
      async (i) => {
        started.push(i);
        if (!releasedFirst) startedBeforeFirstReleased++;
        await delay(i === 0 ? 40 : 1);
        return i;
      },
      (i) => {
        if (i === 0) releasedFirst = true;
      },
    );
    expect(started).toHaveLength(20);
    expect(startedBeforeFirstReleased).toBe(4);
  });

  it('on cancel starts nothing new but finishes and releases what was started', async () => {
    const controller = new AbortController();
    const released: number[] = [];
    await runOrdered(
      Array.from({ length: 50 }, (_, i) => i),
      { concurrency: 3, window: 6, signal: controller.signal },
      async (i) => {
        await delay(2);
        return i;
      },
      (i) => {
        released.push(i);
        if (i === 4) controller.abort();
      },
    );
    expect(released.slice(0, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(released.length).toBeLessThan(12);
    expect(released).toEqual([...released].sort((a, b) => a - b));
  });

  it('stops on a failure, waits for the files in flight, and reports the failure', async () => {
    const finished: number[] = [];
    const released: number[] = [];
    const run = runOrdered(
      Array.from({ length: 30 }, (_, i) => i),
      { concurrency: 3, window: 6 },
      async (i) => {
        await delay(i === 5 ? 1 : 10);
        if (i === 5) throw new Error('card pulled out');
        finished.push(i);
        return i;
      },
      (i) => {
        released.push(i);
      },
    );
    await expect(run).rejects.toThrow('card pulled out');
    expect(released).toEqual([0, 1, 2, 3, 4]);
    // Nothing still running after the rejection (no write racing the failure).
    const settledCount = finished.length;
    await delay(30);
    expect(finished.length).toBe(settledCount);
  });
});

const preview: RawImage = { data: Buffer.alloc(3), width: 1, height: 1, channels: 3 };

function output(label: string): ModelOutput {
  return { label, confidence: 0.9, scores: { [label]: 0.9 }, embedding: null };
}

describe('classification queue', () => {
  it('classifies in batches and stores every prediction', async () => {
    const batches: number[] = [];
    const stored: number[] = [];
    const queue = createClassifyQueue(
      {
        async classify(images) {
          batches.push(images.length);
          return images.map(() => output('clear'));
        },
      },
      { batchSize: 4, store: (rows) => stored.push(...rows.map((r) => r.imageId)) },
    );
    for (let id = 1; id <= 10; id++) await queue.add({ imageId: id, preview });
    await queue.drain();
    expect(batches).toEqual([4, 4, 2]);
    expect(stored).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(queue.failure).toBeNull();
  });

  it('makes the import wait when the model falls behind (memory stays bounded)', async () => {
    let openGate!: () => void;
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    const queue = createClassifyQueue(
      {
        async classify(images) {
          await gate;
          return images.map(() => output('clear'));
        },
      },
      { batchSize: 2, maxPending: 2, store: () => undefined },
    );
    let accepted = 0;
    const feeding = (async () => {
      for (let id = 1; id <= 10; id++) {
        await queue.add({ imageId: id, preview });
        accepted++;
      }
    })();
    await delay(30);
    // Two batches waiting plus the one in the model; the 6th photo waits for room.
    expect(accepted).toBe(5);
    openGate();
    await feeding;
    await queue.drain();
    expect(accepted).toBe(10);
  });

  it('keeps going without classifying when the model fails', async () => {
    let calls = 0;
    const queue = createClassifyQueue(
      {
        async classify() {
          calls++;
          throw new Error('model input mismatch');
        },
      },
      { batchSize: 2, store: () => undefined },
    );
    for (let id = 1; id <= 8; id++) await queue.add({ imageId: id, preview });
    await expect(queue.drain()).resolves.toBeUndefined();
    expect(calls).toBe(1);
    expect(String(queue.failure)).toContain('model input mismatch');
  });
});
