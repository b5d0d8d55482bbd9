import { useEffect, useMemo, useReducer, useRef } from 'react';
import { useClient } from './client-context.js';
import { useReportError } from './errors.js';
import { ImagePages } from './image-pages.js';
import type { ReviewQuery } from './review-query.js';
import { useContractEvent } from './use-event.js';

/** Minimum time between two grid reloads while an import or classification streams in. */
const RELOAD_THROTTLE_MS = 1500;

/**
 * The paged grid data for a query. A new query starts a new cache; the user's own
 * decisions are patched in place by the review actions. Photos imported or classified
 * elsewhere never re-sort the grid under the inspector's focus (a Space would then accept
 * a photo never looked at): they are counted and announced (`pages.incoming`), and merged
 * only when the inspector asks — or at once while the grid is still empty.
 */
export function useImagePages(query: ReviewQuery): ImagePages {
  const client = useClient();
  const report = useReportError();
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const key = JSON.stringify(query);

  const pages = useMemo(() => {
    const q = JSON.parse(key) as ReviewQuery;
    return new ImagePages(
      (cursor, limit) =>
        client.invoke('library.list', {
          filter: q.filter,
          sort: q.sort,
          descending: q.descending,
          cursor,
          limit,
        }),
      async () => (await client.invoke('library.count', { filter: q.filter })).total,
      (offset, limit) =>
        client.invoke('library.cursorAt', {
          filter: q.filter,
          sort: q.sort,
          descending: q.descending,
          offset,
          limit,
        }),
      rerender,
      report,
    );
  }, [client, key, report]);

  useEffect(() => {
    void pages.count();
  }, [pages]);

  const lastReload = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    },
    [pages],
  );
  useContractEvent('library.changed', (change) => {
    if (change.reason === 'review' && change.imageIds.length > 0) return;
    if (timer.current) return;
    const wait = Math.max(0, lastReload.current + RELOAD_THROTTLE_MS - Date.now());
    timer.current = setTimeout(() => {
      timer.current = null;
      lastReload.current = Date.now();
      if (!pages.total) {
        void pages.refresh();
        return;
      }
      client.invoke('library.count', { filter: query.filter }).then(
        ({ total }) => pages.announce(total),
        (error: unknown) => report(error),
      );
    }, wait);
  });

  return pages;
}
