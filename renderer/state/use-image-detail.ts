/**
 * Photo details for the photo view, with the neighbours fetched ahead (details and the
 * full-size originals) so stepping to the next photo never waits on the disk.
 */
import { useEffect, useRef, useState } from 'react';
import type { ImageDetail } from '../../electron/contract.js';
import { useClient } from './client-context.js';
import { useReportError } from './errors.js';
import { prefetchImage } from './prefetch.js';

export function useImageDetail(
  imageId: number,
  /** Bump to re-read after a decision (the label and its history changed). */
  revision: number,
  prefetchIds: number[],
): ImageDetail | null {
  const client = useClient();
  const report = useReportError();
  const cache = useRef(new Map<number, Promise<ImageDetail>>());
  const [detail, setDetail] = useState<ImageDetail | null>(null);

  useEffect(() => {
    cache.current.clear();
  }, [revision]);

  useEffect(() => {
    let live = true;
    const load = (id: number) => {
      let pending = cache.current.get(id);
      if (!pending) {
        pending = client.invoke('library.get', { imageId: id });
        cache.current.set(id, pending);
        pending.catch(() => cache.current.delete(id));
      }
      return pending;
    };
    load(imageId).then(
      (loaded) => {
        if (live) setDetail(loaded);
      },
      (error: unknown) => {
        if (live) report(error);
      },
    );
    for (const id of prefetchIds) {
      load(id).then(
        (next) => prefetchImage(next.originalUrl),
        () => undefined,
      );
    }
    // Keep the cache small: only the current photo and its neighbours.
    const keep = new Set([imageId, ...prefetchIds]);
    for (const id of [...cache.current.keys()]) if (!keep.has(id)) cache.current.delete(id);
    return () => {
      live = false;
    };
    // prefetchIds is compared by value.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, imageId, revision, prefetchIds.join(','), report]);

  return detail && detail.id === imageId ? detail : null;
}
