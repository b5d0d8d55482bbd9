/**
 * The inspector's decisions: set a label, accept the model's label, undo. Each is applied
 * to the grid at once (optimistic), sent to the core in order, and reverted with a banner
 * if the core refuses it. Calls are chained so an undo always follows the decision it undoes.
 */
import { useCallback, useMemo, useRef } from 'react';
import type { ImageSummary } from '../../electron/contract.js';
import { useI18n } from '../i18n/i18n.js';
import { useClient } from './client-context.js';
import { useReportError } from './errors.js';
import type { ImagePages } from './image-pages.js';
import { useSettings } from './settings.js';

export interface ReviewActions {
  /** Labels the photos; resolves false if the core refused (the grid is already reverted). */
  setLabel(imageIds: number[], label: string): Promise<boolean>;
  /** Accepts the model's prediction for the photos. */
  accept(imageIds: number[]): Promise<boolean>;
  /** Reverts the reviewer's last decision; resolves to the photos it touched. */
  undo(): Promise<number[]>;
}

/** How many undone photos are re-read one by one; beyond that the grid reloads. */
const REREAD_LIMIT = 60;

function labeled(item: ImageSummary, label: string): ImageSummary {
  return { ...item, label, effectiveLabel: label, reviewed: true };
}

export function useReviewActions(pages: ImagePages, onChanged?: () => void): ReviewActions {
  const client = useClient();
  const report = useReportError();
  const { t } = useI18n();
  const { settings } = useSettings();
  const reviewer = settings?.reviewer.trim() || undefined;
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const pending = useRef(0);

  const enqueue = useCallback(<T>(work: () => Promise<T>): Promise<T> => {
    // Nothing in flight: send now, in this task. A call chained on the idle queue would
    // start only in a later microtask, after React has re-rendered the grid for the
    // optimistic change, and the decision would reach the server that much later.
    let next: Promise<T>;
    if (pending.current === 0) {
      try {
        next = work();
      } catch (error) {
        next = Promise.reject(error);
      }
    } else {
      next = queue.current.then(work, work);
    }
    pending.current += 1;
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    queue.current = settled;
    void settled.then(() => {
      pending.current -= 1;
    });
    return next;
  }, []);

  const decide = useCallback(
    async (
      imageIds: number[],
      change: (item: ImageSummary) => ImageSummary,
      call: () => Promise<unknown>,
    ): Promise<boolean> => {
      // The call first, the optimistic grid change after: both before the next paint.
      const sent = enqueue(call);
      const before = pages.snapshot(imageIds);
      pages.patch(imageIds, change);
      try {
        await sent;
        onChanged?.();
        return true;
      } catch (error) {
        pages.patch(before.keys(), (item) => before.get(item.id) ?? item);
        report(error, t('review.decisionFailed'));
        return false;
      }
    },
    [enqueue, onChanged, pages, report, t],
  );

  const setLabel = useCallback(
    (imageIds: number[], label: string) =>
      decide(
        imageIds,
        (item) => labeled(item, label),
        () => client.invoke('review.setLabel', { imageIds, label, reviewer }),
      ),
    [client, decide, reviewer],
  );

  const accept = useCallback(
    (imageIds: number[]) =>
      decide(
        imageIds,
        (item) => (item.predicted === null ? item : labeled(item, item.predicted)),
        () => client.invoke('review.accept', { imageIds, reviewer }),
      ),
    [client, decide, reviewer],
  );

  const undo = useCallback(async (): Promise<number[]> => {
    try {
      const { imageIds } = await enqueue(() => client.invoke('review.undo', { reviewer }));
      if (imageIds.length > REREAD_LIMIT) {
        await pages.refresh();
      } else {
        const details = await Promise.all(
          imageIds.map((imageId) => client.invoke('library.get', { imageId })),
        );
        const byId = new Map(details.map((d) => [d.id, d]));
        pages.patch(imageIds, (item) => {
          const d = byId.get(item.id);
          return d
            ? {
                ...item,
                label: d.label,
                effectiveLabel: d.effectiveLabel,
                reviewed: d.reviewed,
                predicted: d.predicted,
                confidence: d.confidence,
              }
            : item;
        });
      }
      onChanged?.();
      return imageIds;
    } catch (error) {
      report(error, t('review.undoFailed'));
      return [];
    }
  }, [client, enqueue, onChanged, pages, report, reviewer, t]);

  return useMemo(() => ({ setLabel, accept, undo }), [setLabel, accept, undo]);
}
