/**
 * A bounded pool that works on several items at once but hands results back strictly
 * in input order. The import uses it to keep a few files in flight (the next file is
 * read and hashed while the current one decodes on libuv's thread pool) while the
 * database sees the files in card order, and memory stays flat: at most `window` items
 * are started and not yet released.
 */

export interface OrderedPoolOptions {
  /** Items worked on at the same time. */
  concurrency: number;
  /** Items started but not yet released (>= concurrency); bounds memory. */
  window: number;
  /** Once aborted, no new item starts; items already started are finished and released. */
  signal?: AbortSignal;
}

type Settled<R> = { ok: true; value: R } | { ok: false; error: unknown };

/**
 * Runs `work` over `items` and calls `release` in input order, one call at a time
 * (`release` may be async: the pool waits, which is how back-pressure reaches the
 * workers). If `work` or `release` throws, nothing new starts, the items in flight are
 * awaited (never left running) but not released, and the error is rethrown.
 * Resolves with the number of items released.
 */
export async function runOrdered<T, R>(
  items: readonly T[],
  options: OrderedPoolOptions,
  work: (item: T, index: number) => Promise<R>,
  release: (result: R, index: number) => Promise<void> | void,
): Promise<number> {
  const concurrency = Math.max(1, options.concurrency);
  const window = Math.max(concurrency, options.window);
  const queue: { index: number; settled: Promise<Settled<R>> }[] = [];
  let next = 0;
  let running = 0;
  let failed = false;

  function fill(): void {
    while (
      !failed &&
      !options.signal?.aborted &&
      next < items.length &&
      running < concurrency &&
      queue.length < window
    ) {
      const index = next++;
      running++;
      const settled = Promise.resolve()
        .then(() => work(items[index] as T, index))
        .then(
          (value): Settled<R> => ({ ok: true, value }),
          (error: unknown): Settled<R> => ({ ok: false, error }),
        )
        .finally(() => {
          running--;
          fill();
        });
      queue.push({ index, settled });
    }
  }

  let released = 0;
  fill();
  while (queue.length > 0) {
    // Stays in the queue until released, so it counts against the window meanwhile.
    const head = queue[0]!;
    const outcome = await head.settled;
    queue.shift();
    try {
      if (!outcome.ok) throw outcome.error;
      await release(outcome.value, head.index);
      released++;
    } catch (error) {
      failed = true;
      await Promise.all(queue.map((q) => q.settled));
      throw error;
    }
    fill();
  }
  return released;
}
