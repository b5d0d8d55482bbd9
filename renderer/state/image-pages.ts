/**
 * The review grid's window onto the library: pages of `library.list` fetched on demand
 * through the keyset cursor, a bounded cache of them, and the total from `library.count`.
 * At 100,000 photos only the pages around what is on screen are held, and the DOM holds
 * only the visible rows.
 *
 * Keyset cursors are sequential: page k's cursor is the `nextCursor` of page k-1. Cursors
 * are small and kept for every page ever reached, so jumping back to a page evicted from
 * the cache is one request. A page further than one request from any known cursor (End,
 * a scrollbar dragged far) is sought by position (`library.cursorAt`): one request that
 * also hands back the cursor, so the pages around it page on as usual. Walking there
 * took seconds at 100,000 photos.
 */
import type { CursorAtResult, ImageListResult, ImageSummary } from '../../electron/contract.js';

export const PAGE_SIZE = 500;
/** Pages kept in memory (x PAGE_SIZE rows); the rest keep only their cursor. */
const MAX_PAGES = 24;
/** Rows beyond the screen, either way, whose page is fetched ahead. */
const READ_AHEAD = PAGE_SIZE / 2;
/** `library.list` answers at most 1,000 rows: two pages. */
const MAX_PAGES_PER_REQUEST = 2;

export type FetchPage = (cursor: string | null, limit: number) => Promise<ImageListResult>;
export type CountAll = () => Promise<number>;
/** The page `offset` rows into the order, with the cursor that reads from there. */
export type SeekPage = (offset: number, limit: number) => Promise<CursorAtResult>;

export class ImagePages {
  private pages = new Map<number, ImageSummary[]>();
  /** Pages from before the last refresh, shown until their replacement arrives. */
  private stale = new Map<number, ImageSummary[]>();
  /** cursors[k] fetches page k; undefined = not reached yet; null for page 0. */
  private cursors: (string | null | undefined)[] = [null];
  /** Pages on screen, and those plus the pages read ahead (evicted last). */
  private onScreen: [number, number] = [0, 0];
  private wanted: [number, number] = [0, 0];
  private pumping = false;
  private generation = 0;
  private lastPage = Infinity;
  total: number | null = null;
  /**
   * Changes made elsewhere (an import, a classification, another window) that are not
   * shown yet: the grid never re-sorts under the inspector's focus, it announces them and
   * merges them when asked (`refresh`). `added` = photos matching now minus those shown.
   */
  incoming: { added: number } | null = null;
  /** Bumped on every change so React can re-render. */
  version = 0;

  constructor(
    private readonly fetchPage: FetchPage,
    private readonly countAll: CountAll,
    private readonly seekPage: SeekPage,
    private readonly onChange: () => void,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** The row at `index`, or undefined while its page loads. */
  get(index: number): ImageSummary | undefined {
    const page = Math.floor(index / PAGE_SIZE);
    const items = this.pages.get(page) ?? this.stale.get(page);
    return items?.[index % PAGE_SIZE];
  }

  /** Whether the row at `index` is loaded and current (not a stale leftover). */
  isFresh(index: number): boolean {
    return this.pages.has(Math.floor(index / PAGE_SIZE));
  }

  /**
   * Declares the rows on screen (plus overscan); missing pages are fetched, and the next
   * page on either side once the screen is within half a page of it: a scrollbar drag
   * crosses a page in well under a second, so it must already be on its way.
   */
  want(firstIndex: number, lastIndex: number): void {
    const page = (index: number) => Math.max(0, Math.floor(index / PAGE_SIZE));
    this.onScreen = [page(firstIndex), Math.max(page(firstIndex), page(lastIndex))];
    this.wanted = [
      page(firstIndex - READ_AHEAD),
      page(Math.max(firstIndex, lastIndex) + READ_AHEAD),
    ];
    void this.pump();
  }

  /** Index of a photo among the loaded rows, or -1. */
  indexOf(imageId: number): number {
    for (const [page, items] of this.pages) {
      const i = items.findIndex((item) => item.id === imageId);
      if (i >= 0) return page * PAGE_SIZE + i;
    }
    return -1;
  }

  /** Changes loaded rows in place (optimistic review decisions). */
  patch(imageIds: Iterable<number>, change: (item: ImageSummary) => ImageSummary): void {
    const ids = new Set(imageIds);
    for (const map of [this.pages, this.stale]) {
      for (const [page, items] of map) {
        if (!items.some((item) => ids.has(item.id))) continue;
        map.set(
          page,
          items.map((item) => (ids.has(item.id) ? change(item) : item)),
        );
      }
    }
    this.changed();
  }

  /** The loaded rows with these ids (to restore them if a decision fails). */
  snapshot(imageIds: Iterable<number>): Map<number, ImageSummary> {
    const ids = new Set(imageIds);
    const found = new Map<number, ImageSummary>();
    for (const items of this.pages.values()) {
      for (const item of items) if (ids.has(item.id)) found.set(item.id, item);
    }
    return found;
  }

  /** Records that the library changed elsewhere; `matching` = the filter's count now. */
  announce(matching: number): void {
    if (this.total === null) return;
    this.incoming = { added: Math.max(0, matching - this.total) };
    this.changed();
  }

  /**
   * Reloads the count and the visible pages, keeping the old rows on screen meanwhile;
   * resolves once the pages on screen are loaded again.
   */
  async refresh(): Promise<void> {
    this.incoming = null;
    this.generation += 1;
    for (const [page, items] of this.pages) this.stale.set(page, items);
    this.pages = new Map();
    this.cursors = [null];
    this.lastPage = Infinity;
    await this.count();
    await this.pump();
    // A pump already running (for the old rows) carries on with the new generation.
    while (this.pumping) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  /** Loads the total; called once at start and on every refresh. */
  async count(): Promise<void> {
    const generation = this.generation;
    try {
      const total = await this.countAll();
      if (generation !== this.generation) return;
      this.total = total;
      // Rows past the new end would otherwise linger as stale leftovers.
      const pages = Math.ceil(total / PAGE_SIZE);
      for (const page of [...this.stale.keys()]) if (page >= pages) this.stale.delete(page);
      this.changed();
    } catch (error) {
      this.onError(error);
    }
  }

  private changed(): void {
    this.version += 1;
    this.onChange();
  }

  /** Fetches wanted pages one request at a time (the core answers them in order anyway). */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        const target = this.nextMissing();
        if (target === null) return;
        const generation = this.generation;
        // From the nearest page whose cursor is known, if one request gets there.
        let from = target;
        while (from > 0 && this.cursors[from] === undefined) from -= 1;
        const seek = target - from >= MAX_PAGES_PER_REQUEST;
        const cursor = this.cursors[from] ?? null;
        const pagesAtOnce = Math.min(MAX_PAGES_PER_REQUEST, target - from + 1);
        let result: ImageListResult;
        try {
          if (seek) {
            const found = await this.seekPage(target * PAGE_SIZE, PAGE_SIZE);
            if (generation === this.generation) this.cursors[target] = found.cursor;
            result = found;
            from = target;
          } else {
            result = await this.fetchPage(cursor, PAGE_SIZE * pagesAtOnce);
          }
        } catch (error) {
          this.onError(error);
          return;
        }
        if (generation !== this.generation) continue;
        this.store(from, result);
      }
    } finally {
      this.pumping = false;
    }
  }

  /** The first missing page on screen, else the first missing page read ahead. */
  private nextMissing(): number | null {
    for (const [first, last] of [this.onScreen, this.wanted]) {
      const end = Math.min(
        last,
        this.lastPage,
        this.total === null ? last : Math.ceil(this.total / PAGE_SIZE) - 1,
      );
      for (let page = first; page <= end; page++) if (!this.pages.has(page)) return page;
    }
    return null;
  }

  /** Stores a fetched run of rows (one or more pages) starting at `page`. */
  private store(page: number, result: ImageListResult): void {
    const count = Math.max(1, Math.ceil(result.items.length / PAGE_SIZE));
    for (let i = 0; i < count; i++) {
      this.pages.set(page + i, result.items.slice(i * PAGE_SIZE, (i + 1) * PAGE_SIZE));
      this.stale.delete(page + i);
    }
    const last = page + count - 1;
    if (result.nextCursor === null) {
      this.lastPage = last;
    } else {
      this.cursors[last + 1] = result.nextCursor;
    }
    this.evict();
    this.changed();
  }

  private evict(): void {
    if (this.pages.size <= MAX_PAGES) return;
    const [first, last] = this.wanted;
    const distance = (page: number) =>
      page < first ? first - page : page > last ? page - last : 0;
    const byDistance = [...this.pages.keys()].sort((a, b) => distance(b) - distance(a));
    for (const page of byDistance.slice(0, this.pages.size - MAX_PAGES)) this.pages.delete(page);
  }
}
