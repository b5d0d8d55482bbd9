/**
 * The inspector's decisions: set a label, accept the model's label, undo, redo. Each is
 * applied to the grid at once (optimistic), sent to the core in order, and reverted with
 * a banner if the core refuses it. Calls are chained so an undo always follows the
 * decision it undoes.
 *
 * Undo belongs to this window's session: the decisions made here are kept in a stack
 * (with the core's decision id), and undo reverts exactly the top one, never a decision
 * of an earlier session; a fresh window has nothing to undo.
 */
import { useCallback, useMemo, useRef } from 'react';
import { UNSURE_ANSWER, type ImageSummary } from '../../electron/contract.js';
import { useI18n } from '../i18n/i18n.js';
import { useClient } from './client-context.js';
import { useReportError } from './errors.js';
import type { ImagePages } from './image-pages.js';
import {
  canRedo as sessionCanRedo,
  canUndo as sessionCanUndo,
  dropDecision,
  markRedone,
  markUndone,
  recordDecision,
  restoreDone,
  restoreUndone,
  takeRedo,
  takeUndo,
  type SessionDecision,
} from './review-session.js';
import { useSettings } from './settings.js';

export type { SessionDecision } from './review-session.js';

/**
 * The rows a decision changes at once (the grid's pages, or the one photo of a photo
 * view opened on its own): read before, patched optimistically, re-read after an undo.
 */
export type DecisionRows = Pick<ImagePages, 'snapshot' | 'patch' | 'refresh'>;

/** What an undo or redo did, for the message that says so. */
export interface UndoOutcome {
  decision: SessionDecision;
  /** Photos whose label changed back (or again). */
  imageIds: number[];
}

export interface ReviewActions {
  /** Labels the photos; resolves false if the core refused (the grid is already reverted). */
  setLabel(imageIds: number[], label: string): Promise<boolean>;
  /** Accepts the model's prediction for the photos. */
  accept(imageIds: number[]): Promise<boolean>;
  /** Answers "unsure / skip" for the photos (no label; undo puts the earlier one back). */
  markUnsure(imageIds: number[]): Promise<boolean>;
  /**
   * Reverts this session's last decision (with `imageId`: its last decision on that
   * photo); null when there is none (or the core refused).
   */
  undo(imageId?: number): Promise<UndoOutcome | null>;
  /** Applies the last undone decision (on `imageId`) again; null when there is none. */
  redo(imageId?: number): Promise<UndoOutcome | null>;
  /** Whether this session has a decision (on `imageId`) to undo / redo. */
  canUndo(imageId?: number): boolean;
  canRedo(imageId?: number): boolean;
}

/** How many undone photos are re-read one by one; beyond that the grid reloads. */
const REREAD_LIMIT = 60;

function labeled(item: ImageSummary, label: string): ImageSummary {
  return { ...item, label, effectiveLabel: label, reviewed: true, unsure: false };
}

/** Unsure carries no label: the grid shows the answer, the model's guess apart. */
function unsured(item: ImageSummary): ImageSummary {
  return { ...item, label: null, effectiveLabel: item.predicted, reviewed: false, unsure: true };
}

/** The answer a grid row shows: its label, UNSURE_ANSWER, or null. */
function answerOf(item: ImageSummary): string | null {
  return item.unsure ? UNSURE_ANSWER : item.label;
}

export function useReviewActions(pages: DecisionRows, onChanged?: () => void): ReviewActions {
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
      kind: SessionDecision['kind'],
      imageIds: number[],
      change: (item: ImageSummary) => ImageSummary,
      call: () => Promise<{ decisionId: number | null }>,
    ): Promise<boolean> => {
      // The call first, the optimistic grid change after: both before the next paint.
      const sent = enqueue(call);
      const before = pages.snapshot(imageIds);
      const first = imageIds[0] === undefined ? undefined : before.get(imageIds[0]);
      const record = recordDecision({
        kind,
        label: first ? answerOf(change(first)) : null,
        imageIds,
        firstName: first?.originalName ?? null,
        firstBefore: first ? answerOf(first) : null,
        decisionId: sent.then(
          (result) => result.decisionId,
          () => null,
        ),
      });
      pages.patch(imageIds, change);
      try {
        const result = await sent;
        if (result.decisionId === null) dropDecision(record);
        onChanged?.();
        return true;
      } catch (error) {
        dropDecision(record);
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
        'label',
        imageIds,
        (item) => labeled(item, label),
        () => client.invoke('review.setLabel', { imageIds, label, reviewer }),
      ),
    [client, decide, reviewer],
  );

  const accept = useCallback(
    (imageIds: number[]) =>
      decide(
        'accept',
        imageIds,
        (item) => (item.predicted === null ? item : labeled(item, item.predicted)),
        () => client.invoke('review.accept', { imageIds, reviewer }),
      ),
    [client, decide, reviewer],
  );

  const markUnsure = useCallback(
    (imageIds: number[]) =>
      decide('unsure', imageIds, unsured, () =>
        client.invoke('review.markUnsure', { imageIds, reviewer }),
      ),
    [client, decide, reviewer],
  );

  /** Re-reads the photos a core-side change touched (undo, redo) into the grid. */
  const reread = useCallback(
    async (imageIds: number[]) => {
      if (imageIds.length > REREAD_LIMIT) {
        await pages.refresh();
        return;
      }
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
              unsure: d.unsure ?? false,
            }
          : item;
      });
    },
    [client, pages],
  );

  const undo = useCallback(
    async (imageId?: number): Promise<UndoOutcome | null> => {
      // Taken off the stack now, so two quick presses undo two decisions.
      const decision = takeUndo(imageId);
      if (!decision) return null;
      try {
        const { imageIds } = await enqueue(async () => {
          const decisionId = await decision.decisionId;
          if (decisionId === null) return { imageIds: [] as number[] };
          return client.invoke('review.undo', { reviewer, decisionId });
        });
        markUndone(decision);
        await reread(imageIds);
        onChanged?.();
        return { decision, imageIds };
      } catch (error) {
        restoreDone(decision);
        report(error, t('review.undoFailed'));
        return null;
      }
    },
    [client, enqueue, onChanged, reread, report, reviewer, t],
  );

  const redo = useCallback(
    async (imageId?: number): Promise<UndoOutcome | null> => {
      const decision = takeRedo(imageId);
      if (!decision) return null;
      try {
        const result = await enqueue(async () => {
          const decisionId = await decision.decisionId;
          if (decisionId === null) return { imageIds: [] as number[], decisionId: null };
          return client.invoke('review.redo', { reviewer, decisionId });
        });
        markRedone(decision, result.decisionId);
        await reread(result.imageIds);
        onChanged?.();
        return { decision, imageIds: result.imageIds };
      } catch (error) {
        restoreUndone(decision);
        report(error, t('review.redoFailed'));
        return null;
      }
    },
    [client, enqueue, onChanged, reread, report, reviewer, t],
  );

  const canUndo = useCallback((imageId?: number) => sessionCanUndo(imageId), []);
  const canRedo = useCallback((imageId?: number) => sessionCanRedo(imageId), []);

  return useMemo(
    () => ({ setLabel, accept, markUnsure, undo, redo, canUndo, canRedo }),
    [setLabel, accept, markUnsure, undo, redo, canUndo, canRedo],
  );
}
