/**
 * The grid and the photo view over one query, with the keyboard review loop: arrows
 * move, numbers label, Space accepts, Z undoes (Shift+Z redoes), Enter opens, Esc
 * closes. After a decision the next photo gets the focus at once; the core call follows
 * (and is reverted on error).
 *
 * What a key acts on is what is visibly focused: plain arrows clear a selection (as in a
 * file manager; Ctrl+arrows move and keep it), a decision on more than a few photos asks
 * first and then says what it did, and photos arriving from elsewhere are announced, not
 * slipped under the focus.
 */
import { useCallback, useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import type { DecisionPreview, ImageSummary } from '../../../electron/contract.js';
import { useI18n } from '../../i18n/i18n.js';
import { useClient } from '../../state/client-context.js';
import { useLabelName } from '../../state/label-names.js';
import { useReportError } from '../../state/errors.js';
import { prefetchThumb, thumbLoader } from '../../state/thumb-loader.js';
import type { ReviewQuery } from '../../state/review-query.js';
import { useImagePages } from '../../state/use-image-pages.js';
import {
  useReviewActions,
  type SessionDecision,
  type UndoOutcome,
} from '../../state/use-review-actions.js';
import { PhotoView } from '../photo/PhotoView.js';
import { BulkConfirm } from './BulkConfirm.js';
import { DecisionsPanel, useSessionDecisions } from './DecisionsPanel.js';
import { describeUndo } from './describe-undo.js';
import { IncomingBar } from './IncomingBar.js';
import { ReviewBar } from './ReviewBar.js';
import { ReviewNotice, type Notice } from './ReviewNotice.js';
import { ReviewGrid, type GridLayout } from './ReviewGrid.js';
import { isControlTarget, labelIndexOfKey, useWindowKeys } from './use-grid-keys.js';

/** Thumbnails fetched ahead of the focused photo. */
const PREFETCH_AHEAD = 30;
/** A decision on more photos than this asks for confirmation first. */
export const BULK_CONFIRM_ABOVE = 5;

/** How the focus moves: plain (clears the selection), extending it, or keeping it. */
type MoveMode = 'plain' | 'extend' | 'keep';

/** What a decision key does: set a label, accept the model's, or answer unsure (U). */
type DecisionKind = 'label' | 'accept' | 'unsure';

interface PendingBulk {
  kind: DecisionKind;
  label: string | null;
  ids: number[];
  preview: DecisionPreview | null;
}

export function ReviewWorkspace(props: {
  query: ReviewQuery;
  labels: string[];
  activeModelId: string | null;
  libraryTotal: number | null;
  libraryReviewed: number | null;
  /** Photos answered "unsure" in the library (issue 11). */
  libraryUnsure?: number | null;
  keysEnabled: boolean;
  onShowShortcuts(): void;
  /** Called once the first photos are on screen with their thumbnails (or none match). */
  onSettled(): void;
  emptyState: ReactNode;
}) {
  const { t } = useI18n();
  const client = useClient();
  const report = useReportError();
  const pages = useImagePages(props.query);
  const total = pages.total ?? 0;
  const [focusIndex, setFocusIndex] = useState(0);
  const [selection, setSelection] = useState<ReadonlySet<number>>(() => new Set());
  const [selectingAll, setSelectingAll] = useState(false);
  const anchor = useRef(0);
  /** A Shift range whose ids the core is reading (pages not loaded); bumped to drop one. */
  const rangeRequest = useRef(0);
  const [rangeLoading, setRangeLoading] = useState(false);
  const [layout, setLayout] = useState<GridLayout>({ columns: 1, visibleRows: 1 });
  const [photoOpen, setPhotoOpen] = useState(false);
  const [revision, setRevision] = useState(0);
  /** Where each decision was made, so an undo can bring the focus back there. */
  const decisionsAt = useRef<number[]>([]);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pendingBulk, setPendingBulk] = useState<PendingBulk | null>(null);
  /** This session's decisions panel: null = closed; `fromKeys` = opened with H. */
  const [decisionsPanel, setDecisionsPanel] = useState<{ fromKeys: boolean } | null>(null);
  const sessionDecisions = useSessionDecisions();

  // Only the open photo view shows what a decision changed beyond the grid cell (its
  // label history); re-rendering the whole grid after every answer would be wasted.
  const photoOpenNow = useRef(photoOpen);
  useEffect(() => {
    photoOpenNow.current = photoOpen;
  }, [photoOpen]);
  const afterChange = useCallback(() => {
    if (photoOpenNow.current) setRevision((r) => r + 1);
  }, []);
  const actions = useReviewActions(pages, afterChange);

  // Runs after the cells' layout effects have asked for their thumbnails (cells render
  // once both the count and the first page are in).
  const firstPageShown = pages.total !== null && (pages.total === 0 || pages.isFresh(0));
  const { onSettled } = props;
  useEffect(() => {
    if (!firstPageShown) return;
    let live = true;
    thumbLoader.whenIdle(() => {
      if (live) onSettled();
    });
    return () => {
      live = false;
    };
  }, [firstPageShown, onSettled]);

  const clampedFocus = Math.min(focusIndex, Math.max(0, total - 1));
  const focused: ImageSummary | undefined = total > 0 ? pages.get(clampedFocus) : undefined;

  useEffect(() => {
    for (let i = clampedFocus + 1; i <= clampedFocus + PREFETCH_AHEAD && i < total; i++) {
      const item = pages.get(i);
      if (item) prefetchThumb(item.thumbUrl);
    }
  }, [clampedFocus, total, pages, pages.version]);

  const moveTo = useCallback(
    (index: number, mode: MoveMode = 'plain') => {
      if (total === 0) return;
      const next = Math.max(0, Math.min(total - 1, index));
      setFocusIndex(next);
      // A selection left behind off-screen would take the next Space: plain moves clear it.
      if (mode === 'plain') setSelection((current) => (current.size ? new Set() : current));
      // Any move supersedes a range still being read from the core.
      rangeRequest.current += 1;
      setRangeLoading(false);
      if (mode === 'extend') {
        const [from, to] = next < anchor.current ? [next, anchor.current] : [anchor.current, next];
        const ids = new Set<number>();
        let complete = true;
        for (let i = from; i <= to && complete; i++) {
          const item = pages.get(i);
          if (item) ids.add(item.id);
          else complete = false;
        }
        if (complete) {
          setSelection(ids);
          return;
        }
        // The range crosses pages not loaded (Shift+End far away): the core reads its ids
        // by position, so the selection is the whole range, never only the loaded part.
        // Until they arrive nothing is selected and decisions wait.
        const request = rangeRequest.current;
        setSelection(new Set());
        setRangeLoading(true);
        client
          .invoke('library.idsAt', {
            filter: props.query.filter,
            sort: props.query.sort,
            descending: props.query.descending,
            offset: from,
            count: to - from + 1,
          })
          .then(
            (range) => {
              if (request === rangeRequest.current) setSelection(new Set(range.ids));
            },
            (error: unknown) => report(error),
          )
          .finally(() => {
            if (request === rangeRequest.current) setRangeLoading(false);
          });
      } else {
        anchor.current = next;
      }
    },
    [client, pages, props.query, report, total],
  );

  // The inspector asked for the new photos: the focus stays on the photo it was on when
  // that photo is among the rows on screen after the merge, else it goes to the first.
  const focusedId = focused?.id;
  const showIncoming = useCallback(async () => {
    await pages.refresh();
    const index = focusedId === undefined ? -1 : pages.indexOf(focusedId);
    setFocusIndex(index >= 0 ? index : 0);
    anchor.current = index >= 0 ? index : 0;
  }, [focusedId, pages]);

  const selectAll = useCallback(async () => {
    setSelectingAll(true);
    try {
      // Select all means all the grid shows: photos announced but not shown join first.
      if (pages.incoming) await showIncoming();
      const { ids } = await client.invoke('library.ids', { filter: props.query.filter });
      setSelection(new Set(ids));
    } catch (error) {
      report(error);
    } finally {
      setSelectingAll(false);
    }
  }, [client, pages, props.query.filter, report, showIncoming]);

  const labelName = useLabelName();

  /** Sends one decision of any kind to the core (optimistic in the grid). */
  const send = useCallback(
    (kind: DecisionKind, ids: number[], label: string | null) =>
      kind === 'accept'
        ? actions.accept(ids)
        : kind === 'unsure'
          ? actions.markUnsure(ids)
          : actions.setLabel(ids, label ?? ''),
    [actions],
  );

  const applyBulk = useCallback(
    (kind: DecisionKind, label: string | null, ids: number[]) => {
      decisionsAt.current.push(clampedFocus);
      setSelection(new Set());
      setPendingBulk(null);
      setNotice(null);
      const done = send(kind, ids, label);
      void done.then((ok) => {
        if (!ok) return;
        setNotice({
          text:
            kind === 'accept'
              ? t('bulk.acceptedDone', { n: ids.length })
              : kind === 'unsure'
                ? t('bulk.unsureDone', { n: ids.length })
                : t('bulk.labeledDone', { n: ids.length, label: labelName(label) }),
          undo: true,
        });
      });
    },
    [clampedFocus, labelName, send, t],
  );

  const decide = useCallback(
    (kind: DecisionKind, label?: string) => {
      // A range being read is not on screen yet: no decision until it is (or is dropped).
      if (rangeLoading) return;
      // In the photo view a decision is about the photo on screen, not the grid's selection.
      if (selection.size > 0 && !photoOpen) {
        const ids = [...selection];
        if (ids.length <= BULK_CONFIRM_ABOVE) {
          applyBulk(kind, label ?? null, ids);
          return;
        }
        // More than a few photos: say what will happen, and wait for a yes.
        setPendingBulk({ kind, label: label ?? null, ids, preview: null });
        client.invoke('review.preview', { imageIds: ids }).then(
          (preview) =>
            setPendingBulk((current) => (current?.ids === ids ? { ...current, preview } : current)),
          (error: unknown) => report(error),
        );
        return;
      }
      if (!focused) return;
      setNotice(null);
      const at = clampedFocus;
      decisionsAt.current.push(at);
      // Optimistic: the next photo is in front of the inspector before the core answers.
      if (at < total - 1) setFocusIndex(at + 1);
      anchor.current = Math.min(at + 1, total - 1);
      const done = send(kind, [focused.id], label ?? null);
      void done.then((ok) => {
        if (!ok) {
          decisionsAt.current.pop();
          setFocusIndex((now) => (now === at + 1 ? at : now));
        }
      });
    },
    [
      applyBulk,
      clampedFocus,
      client,
      focused,
      photoOpen,
      rangeLoading,
      report,
      selection,
      send,
      total,
    ],
  );

  /** Says what an undo or redo changed, with a way to focus that photo. */
  const describe = useCallback(
    (outcome: UndoOutcome, redone: boolean): Notice => describeUndo(t, labelName, outcome, redone),
    [labelName, t],
  );

  // Where a photo is in the grid: among the loaded rows, else asked of the core (its page
  // may be far from those loaded; the grid then seeks there). Null when the filter hides it.
  const { filter: queryFilter, sort: querySort, descending: queryDescending } = props.query;
  const locate = useCallback(
    async (imageId: number): Promise<number | null> => {
      const loaded = pages.indexOf(imageId);
      if (loaded >= 0) return loaded;
      const { offset } = await client.invoke('library.positionOf', {
        filter: queryFilter,
        sort: querySort,
        descending: queryDescending,
        imageId,
      });
      return offset;
    },
    [client, pages, queryDescending, queryFilter, querySort],
  );

  /** Focuses a photo wherever it is in the grid; false when the filter hides it. */
  const focusPhoto = useCallback(
    async (imageId: number | undefined, fallback?: number): Promise<boolean> => {
      let index: number | null = null;
      try {
        if (imageId !== undefined) index = await locate(imageId);
      } catch (error) {
        report(error);
      }
      if (index !== null) moveTo(index);
      else if (fallback !== undefined) moveTo(fallback);
      return index !== null;
    },
    [locate, moveTo, report],
  );

  // "Show" in a notice: the photo, or why it cannot be shown.
  const showNoticePhoto = useCallback(
    async (imageId: number | undefined) => {
      if (imageId === undefined) return;
      if (await focusPhoto(imageId)) {
        document.querySelector<HTMLElement>('[data-testid="review-grid"]')?.focus();
      } else {
        setNotice({ text: t('notice.photoFiltered') });
      }
    },
    [focusPhoto, t],
  );

  const undo = useCallback(async () => {
    if (!actions.canUndo()) {
      setNotice({ text: t('undo.nothing') });
      return;
    }
    const at = decisionsAt.current.pop();
    const outcome = await actions.undo();
    if (!outcome) return;
    const next = describe(outcome, false);
    setNotice(next);
    void focusPhoto(next.focusId, at);
  }, [actions, describe, focusPhoto, t]);

  const redo = useCallback(async () => {
    if (!actions.canRedo()) {
      setNotice({ text: t('redo.nothing') });
      return;
    }
    const outcome = await actions.redo();
    if (!outcome) return;
    const next = describe(outcome, true);
    setNotice(next);
    void focusPhoto(next.focusId);
  }, [actions, describe, focusPhoto, t]);

  // A decision in the panel: its (first) photo gets the grid's focus, and the keyboard
  // goes back to the grid, so the next key acts on that photo, visibly focused.
  const showDecision = useCallback(
    async (decision: SessionDecision) => {
      const imageId = decision.imageIds[0];
      if (await focusPhoto(imageId)) {
        document.querySelector<HTMLElement>('[data-testid="review-grid"]')?.focus();
        return;
      }
      setNotice({
        text: t('decisions.notShown', {
          name: decision.firstName ?? t('decisions.photos', { n: decision.imageIds.length }),
        }),
      });
    },
    [focusPhoto, t],
  );
  const closeDecisions = useCallback(() => {
    setDecisionsPanel(null);
    document.querySelector<HTMLElement>('[data-testid="review-grid"]')?.focus();
  }, []);

  const togglePick = useCallback((id: number) => {
    setSelection((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  // Read through a ref so the click handler stays the same function: every cell of the
  // grid is memoized on it, and a new handler per focus move would re-render them all.
  const latest = useRef({ focused, selectionSize: selection.size });
  useEffect(() => {
    latest.current = { focused, selectionSize: selection.size };
  });
  const onPick = useCallback(
    (index: number, event: MouseEvent) => {
      const item = pages.get(index);
      if (!item) return;
      if (event.shiftKey) {
        moveTo(index, 'extend');
      } else if (event.ctrlKey || event.metaKey) {
        const { focused: current, selectionSize } = latest.current;
        // Ctrl-click next to the focused photo starts a selection of both, as in a file manager.
        if (selectionSize === 0 && current && current.id !== item.id) {
          setSelection(new Set([current.id, item.id]));
        } else {
          togglePick(item.id);
        }
        setFocusIndex(index);
        anchor.current = index;
      } else {
        setSelection(new Set());
        moveTo(index);
      }
    },
    [moveTo, pages, togglePick],
  );

  const onOpen = useCallback(
    (index: number) => {
      moveTo(index);
      setPhotoOpen(true);
    },
    [moveTo],
  );

  useWindowKeys(props.keysEnabled && pendingBulk === null, (event) => {
    const { columns, visibleRows } = layout;
    const mod = event.ctrlKey || event.metaKey;
    // Shift extends the selection; Ctrl moves the focus and keeps it; plain clears it.
    const how = (extend: boolean): MoveMode =>
      extend && event.shiftKey ? 'extend' : mod ? 'keep' : 'plain';
    const labelIndex = mod || event.altKey ? null : labelIndexOfKey(event);
    if (labelIndex !== null) {
      const label = props.labels[labelIndex];
      if (label) decide('label', label);
      event.preventDefault();
      return;
    }
    if ((event.key === ' ' || event.key === 'Enter') && isControlTarget(event.target)) return;
    switch (event.key) {
      case ' ':
        if (mod) return;
        decide('accept');
        break;
      // U: "unsure / skip", a decision like a label (same selection and bulk rules).
      case 'u':
      case 'U':
        if (mod || event.altKey) return;
        decide('unsure');
        break;
      case 'z':
      case 'Z':
        if (event.altKey) return;
        if (event.shiftKey) void redo();
        else void undo();
        break;
      case 'y':
      case 'Y':
        if (!mod) return;
        void redo();
        break;
      case 'Enter':
        if (focused) setPhotoOpen(true);
        break;
      // N: the photo view's note field (Esc there comes back to the photo).
      case 'n':
      case 'N':
        if (!photoOpen || mod || event.altKey) return;
        document.querySelector<HTMLElement>('[data-testid=note-input]')?.focus();
        break;
      case 'Escape':
        if (photoOpen) setPhotoOpen(false);
        else if (selection.size > 0) setSelection(new Set());
        else if (decisionsPanel) closeDecisions();
        else return;
        break;
      case 'h':
      case 'H':
        if (mod || event.altKey || photoOpen) return;
        if (decisionsPanel) closeDecisions();
        else setDecisionsPanel({ fromKeys: true });
        break;
      case 'ArrowLeft':
        moveTo(clampedFocus - 1, how(!photoOpen));
        break;
      case 'ArrowRight':
        moveTo(clampedFocus + 1, how(!photoOpen));
        break;
      case 'ArrowUp':
        if (photoOpen) return;
        moveTo(clampedFocus - columns, how(true));
        break;
      case 'ArrowDown':
        if (photoOpen) return;
        moveTo(clampedFocus + columns, how(true));
        break;
      case 'Home':
        moveTo(0, how(true));
        break;
      case 'End':
        moveTo(total - 1, how(true));
        break;
      // In the photo view they change photo (the arrows pan a zoomed photo).
      case 'PageUp':
        if (photoOpen) moveTo(clampedFocus - 1);
        else moveTo(clampedFocus - columns * visibleRows, how(true));
        break;
      case 'PageDown':
        if (photoOpen) moveTo(clampedFocus + 1);
        else moveTo(clampedFocus + columns * visibleRows, how(true));
        break;
      case 'x':
      case 'X':
        if (mod || !focused) return;
        togglePick(focused.id);
        break;
      case 'a':
      case 'A':
        if (!mod) return;
        void selectAll();
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  const neighbours: number[] = [];
  for (const offset of [1, 2, -1]) {
    const item = pages.get(clampedFocus + offset);
    if (item && clampedFocus + offset < total && clampedFocus + offset >= 0)
      neighbours.push(item.id);
  }

  return (
    <>
      <ReviewBar
        matching={pages.total}
        reviewed={props.libraryReviewed}
        unsure={props.libraryUnsure ?? null}
        libraryTotal={props.libraryTotal}
        labels={props.labels}
        selected={selection.size}
        selectingAll={selectingAll || rangeLoading}
        onSelectAll={() => void selectAll()}
        onClearSelection={() => setSelection(new Set())}
        onRelabel={(label) => decide('label', label)}
        onAccept={() => decide('accept')}
        onShowShortcuts={props.onShowShortcuts}
        decisions={{
          count: sessionDecisions.length,
          open: decisionsPanel !== null,
          onToggle: () => setDecisionsPanel((open) => (open ? null : { fromKeys: false })),
        }}
      />
      {pages.incoming && (
        <IncomingBar added={pages.incoming.added} onShow={() => void showIncoming()} />
      )}
      {notice && (
        <ReviewNotice
          notice={notice}
          onUndo={() => void undo()}
          onShow={() => void showNoticePhoto(notice.focusId)}
          onDismiss={() => setNotice(null)}
        />
      )}
      {pendingBulk && (
        <BulkConfirm
          kind={pendingBulk.kind}
          label={pendingBulk.label}
          count={pendingBulk.ids.length}
          preview={pendingBulk.preview}
          labelName={labelName}
          onConfirm={() => applyBulk(pendingBulk.kind, pendingBulk.label, pendingBulk.ids)}
          onCancel={() => setPendingBulk(null)}
        />
      )}
      <div className="review-main">
        {pages.total === 0 ? (
          props.emptyState
        ) : (
          <ReviewGrid
            pages={pages}
            total={total}
            focusIndex={clampedFocus}
            selection={selection}
            onPick={onPick}
            onOpen={onOpen}
            onLayout={setLayout}
          />
        )}
        {decisionsPanel && (
          <DecisionsPanel
            labelName={labelName}
            takeFocus={decisionsPanel.fromKeys}
            onShow={(decision) => void showDecision(decision)}
            onClose={closeDecisions}
          />
        )}
      </div>
      {photoOpen && focused && (
        <PhotoView
          imageId={focused.id}
          summary={focused}
          labels={props.labels}
          activeModelId={props.activeModelId}
          position={{ index: clampedFocus, total }}
          revision={revision}
          prefetchIds={neighbours}
          onClose={() => setPhotoOpen(false)}
          onPrev={clampedFocus > 0 ? () => moveTo(clampedFocus - 1) : undefined}
          onNext={clampedFocus < total - 1 ? () => moveTo(clampedFocus + 1) : undefined}
          onSetLabel={(label) => decide('label', label)}
          onAccept={() => decide('accept')}
          onMarkUnsure={() => decide('unsure')}
          onUndo={() => void undo()}
        />
      )}
      <span className="sr-only" aria-live="polite">
        {focused ? `${focused.originalName}: ${labelName(focused.effectiveLabel)}` : ''}
      </span>
    </>
  );
}
