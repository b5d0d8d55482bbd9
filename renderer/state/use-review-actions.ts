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
import type { ImageSummary } from '../../electron/contract.js';
import { useI18n } from '../i18n/i18n.js';
import { useClient } from './client-context.js';
import { useReportError } from './errors.js';
import type { ImagePages } from './image-pages.js';
import { useSettings } from './settings.js';

/** One decision of this session, as the inspector saw it. */
export interface SessionDecision {
  kind: 'label' | 'accept';
  /** The label set (for `accept`: the model's label of the first photo). */
  label: string | null;
  imageIds: number[];
  /** The first photo's name and label before the decision (to say what undo restores). */
  firstName: string | null;
  firstBefore: string | null;
  /** The core's id of the decision; null when nothing changed (or not answered yet). */
  decisionId: Promise<number | null>;
}

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
  /** Reverts this session's last decision; null when there is none (or the core refused). */
  undo(): Promise<UndoOutcome | null>;
  /** Applies the last undone decision again; null when there is none. */
  redo(): Promise<UndoOutcome | null>;
  /** How many decisions of this session can be undone / redone. */
  canUndo(): boolean;
  canRedo(): boolean;
}

/**
 * This window's session: its decisions, and those undone (for redo). Module state lives
 * as long as the page, and outlasts the review workspace, which is rebuilt on every
 * filter change; a reload starts a new session with nothing to undo.
 */
const session: { done: SessionDecision[]; undone: SessionDecision[] } = { done: [], undone: [] };

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
      kind: SessionDecision['kind'],
      imageIds: number[],
      change: (item: ImageSummary) => ImageSummary,
      call: () => Promise<{ decisionId: number | null }>,
    ): Promise<boolean> => {
      // The call first, the optimistic grid change after: both before the next paint.
      const sent = enqueue(call);
      const before = pages.snapshot(imageIds);
      const first = imageIds[0] === undefined ? undefined : before.get(imageIds[0]);
      const record: SessionDecision = {
        kind,
        label: first ? change(first).label : null,
        imageIds,
        firstName: first?.originalName ?? null,
        firstBefore: first?.label ?? null,
        decisionId: sent.then(
          (result) => result.decisionId,
          () => null,
        ),
      };
      session.done.push(record);
      session.undone = [];
      pages.patch(imageIds, change);
      try {
        const result = await sent;
        if (result.decisionId === null) session.done = session.done.filter((d) => d !== record);
        onChanged?.();
        return true;
      } catch (error) {
        session.done = session.done.filter((d) => d !== record);
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
            }
          : item;
      });
    },
    [client, pages],
  );

  const undo = useCallback(async (): Promise<UndoOutcome | null> => {
    // Taken off the stack now, so two quick presses undo two decisions.
    const decision = session.done.pop();
    if (!decision) return null;
    try {
      const { imageIds } = await enqueue(async () => {
        const decisionId = await decision.decisionId;
        if (decisionId === null) return { imageIds: [] as number[] };
        return client.invoke('review.undo', { reviewer, decisionId });
      });
      session.undone.push(decision);
      await reread(imageIds);
      onChanged?.();
      return { decision, imageIds };
    } catch (error) {
      report(error, t('review.undoFailed'));
      return null;
    }
  }, [client, enqueue, onChanged, reread, report, reviewer, t]);

  const redo = useCallback(async (): Promise<UndoOutcome | null> => {
    const decision = session.undone.pop();
    if (!decision) return null;
    try {
      const result = await enqueue(async () => {
        const decisionId = await decision.decisionId;
        if (decisionId === null) return { imageIds: [] as number[], decisionId: null };
        return client.invoke('review.redo', { reviewer, decisionId });
      });
      const again: SessionDecision = {
        ...decision,
        decisionId: Promise.resolve(result.decisionId),
      };
      if (result.decisionId !== null) session.done.push(again);
      await reread(result.imageIds);
      onChanged?.();
      return { decision: again, imageIds: result.imageIds };
    } catch (error) {
      report(error, t('review.redoFailed'));
      return null;
    }
  }, [client, enqueue, onChanged, reread, report, reviewer, t]);

  const canUndo = useCallback(() => session.done.length > 0, []);
  const canRedo = useCallback(() => session.undone.length > 0, []);

  return useMemo(
    () => ({ setLabel, accept, undo, redo, canUndo, canRedo }),
    [setLabel, accept, undo, redo, canUndo, canRedo],
  );
}
