/**
 * Grid thumbnails load a few at a time, the cells on screen first; a cell that leaves
 * the screen before its turn gives its place up.
 *
 * Why: a browser opens at most six HTTP/1.1 connections to the server and the event
 * stream keeps one. When every mounted `<img>` requests its thumbnail at once, a fast
 * scroll issues thousands of requests whose cells are long gone, and the next label key
 * press's review call waits behind them for a connection (measured on 100,000 photos:
 * 2,800 thumbnail loads still queued after scrolling 1,500 rows, the decision waiting
 * up to 120 ms). Capping thumbnails below the connection limit always leaves a
 * connection free for the API.
 */

/** Thumbnails in flight at once: six connections, minus the event stream, minus two for calls. */
export const MAX_THUMB_LOADS = 3;
/** Prefetches waiting beyond this are dropped, oldest first: the focus has moved on. */
const MAX_QUEUED_PREFETCHES = 60;
/** URLs known to be in the browser's cache (loaded once; media URLs never change). */
const MAX_REMEMBERED = 4000;
/** A load that has not settled by then gives its turn back (a stalled connection). */
const GIVE_UP_MS = 15_000;

/** One cell's claim on a load. `release` when loaded, failed or unmounted. */
export interface ThumbLease {
  release(loaded: boolean): void;
}

interface Waiting {
  url: string;
  start: () => void;
  granted: boolean;
  done: boolean;
  prefetch: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

export class ThumbLoader {
  private readonly visible: Waiting[] = [];
  private readonly prefetches: Waiting[] = [];
  private readonly cached = new Set<string>();
  /** URLs asked for as prefetches and not settled yet (asked again on every focus move). */
  private readonly prefetching = new Set<string>();
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly limit = MAX_THUMB_LOADS) {}

  /**
   * Calls `done` once no thumbnail is loading or waiting (at once when none is), so
   * less urgent calls can wait until the photos on screen are in.
   */
  whenIdle(done: () => void): void {
    this.idleWaiters.push(done);
    this.notifyIdle();
  }

  private notifyIdle(): void {
    if (this.running > 0 || this.visible.length > 0 || this.idleWaiters.length === 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const done of waiters) done();
  }

  /**
   * Asks to load `url`; `start` is called (maybe at once) when the image may set its
   * `src`. A URL loaded before starts at once without a slot: the browser answers it
   * from its cache (media URLs never change), no connection needed.
   */
  request(url: string, start: () => void): ThumbLease {
    const entry: Waiting = { url, start, granted: false, done: false, prefetch: false };
    const lease: ThumbLease = { release: (loaded) => this.release(entry, loaded) };
    if (this.cached.has(url)) {
      entry.done = true;
      start();
      return lease;
    }
    this.visible.push(entry);
    this.pump();
    return lease;
  }

  /**
   * Loads `url` into the browser's cache once no visible cell is waiting; `load` sets the
   * image's `src` and must release the lease it is given when the image settles. Nothing
   * happens when the URL is cached or already on its way.
   */
  prefetch(url: string, load: (lease: ThumbLease) => void): void {
    if (this.cached.has(url) || this.prefetching.has(url)) return;
    this.prefetching.add(url);
    const entry: Waiting = {
      url,
      start: () => load(lease),
      granted: false,
      done: false,
      prefetch: true,
    };
    const lease: ThumbLease = { release: (loaded) => this.release(entry, loaded) };
    this.prefetches.push(entry);
    while (this.prefetches.length > MAX_QUEUED_PREFETCHES) {
      this.release(this.prefetches[0]!, false);
    }
    this.pump();
  }

  private release(entry: Waiting, loaded: boolean): void {
    if (loaded) this.remember(entry.url);
    if (entry.done) return;
    entry.done = true;
    if (entry.prefetch) this.prefetching.delete(entry.url);
    if (entry.granted) {
      clearTimeout(entry.timer);
      this.running -= 1;
      this.pump();
    } else {
      for (const queue of [this.visible, this.prefetches]) {
        const at = queue.indexOf(entry);
        if (at >= 0) queue.splice(at, 1);
      }
    }
    this.notifyIdle();
  }

  private remember(url: string): void {
    if (this.cached.size >= MAX_REMEMBERED) this.cached.clear();
    this.cached.add(url);
  }

  private pump(): void {
    while (this.running < this.limit) {
      const next = this.visible.shift() ?? this.prefetches.shift();
      if (!next) return;
      if (next.done) continue;
      if (this.cached.has(next.url)) {
        next.done = true;
        if (next.prefetch) this.prefetching.delete(next.url);
        else next.start();
        continue;
      }
      next.granted = true;
      this.running += 1;
      next.timer = setTimeout(() => this.release(next, false), GIVE_UP_MS);
      next.start();
    }
  }
}

/** The window's loader: every grid and prefetch shares the same connections. */
export const thumbLoader = new ThumbLoader();

/**
 * Warms the cache with a thumbnail the inspector is about to reach, after the visible
 * ones (a loading Image is kept alive by the browser until it settles).
 */
export function prefetchThumb(url: string): void {
  thumbLoader.prefetch(url, (lease) => {
    const image = new Image();
    image.decoding = 'async';
    image.onload = () => lease.release(true);
    image.onerror = () => lease.release(false);
    image.src = url;
  });
}
