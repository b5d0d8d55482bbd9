/**
 * The grid and the photo view over one query, with the keyboard review loop: arrows
 * move, numbers label, Space accepts, Z undoes, Enter opens, Esc closes. After a decision
 * the next photo gets the focus at once; the core call follows (and is reverted on error).
 */
import { useCallback, useEffect, useRef, useState, type MouseEvent, type ReactNode } from 'react';
import type { ImageSummary } from '../../../electron/contract.js';
import { useI18n } from '../../i18n/i18n.js';
import { useClient } from '../../state/client-context.js';
import { useReportError } from '../../state/errors.js';
import { prefetchThumb, thumbLoader } from '../../state/thumb-loader.js';
import type { ReviewQuery } from '../../state/review-query.js';
import { useImagePages } from '../../state/use-image-pages.js';
import { useReviewActions } from '../../state/use-review-actions.js';
import { PhotoView } from '../photo/PhotoView.js';
import { ReviewBar } from './ReviewBar.js';
import { ReviewGrid, type GridLayout } from './ReviewGrid.js';
import { isControlTarget, labelIndexOfKey, useWindowKeys } from './use-grid-keys.js';

/** Thumbnails fetched ahead of the focused photo. */
const PREFETCH_AHEAD = 30;

export function ReviewWorkspace(props: {
  query: ReviewQuery;
  labels: string[];
  activeModelId: string | null;
  libraryTotal: number | null;
  libraryReviewed: number | null;
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
  const [layout, setLayout] = useState<GridLayout>({ columns: 1, visibleRows: 1 });
  const [photoOpen, setPhotoOpen] = useState(false);
  const [revision, setRevision] = useState(0);
  /** Where each decision was made, so an undo can bring the focus back there. */
  const decisionsAt = useRef<number[]>([]);

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
    (index: number, extend = false) => {
      if (total === 0) return;
      const next = Math.max(0, Math.min(total - 1, index));
      setFocusIndex(next);
      if (extend) {
        const [from, to] = next < anchor.current ? [next, anchor.current] : [anchor.current, next];
        const ids = new Set<number>();
        for (let i = from; i <= to; i++) {
          const item = pages.get(i);
          if (item) ids.add(item.id);
        }
        setSelection(ids);
      } else {
        anchor.current = next;
      }
    },
    [pages, total],
  );

  const selectAll = useCallback(async () => {
    setSelectingAll(true);
    try {
      const { ids } = await client.invoke('library.ids', { filter: props.query.filter });
      setSelection(new Set(ids));
    } catch (error) {
      report(error);
    } finally {
      setSelectingAll(false);
    }
  }, [client, props.query.filter, report]);

  const decide = useCallback(
    (kind: 'label' | 'accept', label?: string) => {
      // In the photo view a decision is about the photo on screen, not the grid's selection.
      if (selection.size > 0 && !photoOpen) {
        const ids = [...selection];
        decisionsAt.current.push(clampedFocus);
        setSelection(new Set());
        void (kind === 'accept' ? actions.accept(ids) : actions.setLabel(ids, label ?? ''));
        return;
      }
      if (!focused) return;
      const at = clampedFocus;
      decisionsAt.current.push(at);
      // Optimistic: the next photo is in front of the inspector before the core answers.
      if (at < total - 1) setFocusIndex(at + 1);
      anchor.current = Math.min(at + 1, total - 1);
      const done =
        kind === 'accept'
          ? actions.accept([focused.id])
          : actions.setLabel([focused.id], label ?? '');
      void done.then((ok) => {
        if (!ok) {
          decisionsAt.current.pop();
          setFocusIndex((now) => (now === at + 1 ? at : now));
        }
      });
    },
    [actions, clampedFocus, focused, photoOpen, selection, total],
  );

  const undo = useCallback(async () => {
    const at = decisionsAt.current.pop();
    const ids = await actions.undo();
    if (ids.length === 0) return;
    const first = ids[0];
    const found = first === undefined ? -1 : pages.indexOf(first);
    const index = found >= 0 ? found : at;
    if (index !== undefined) moveTo(index);
  }, [actions, moveTo, pages]);

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
        moveTo(index, true);
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

  useWindowKeys(props.keysEnabled, (event) => {
    const { columns, visibleRows } = layout;
    const mod = event.ctrlKey || event.metaKey;
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
      case 'z':
      case 'Z':
        if (event.altKey) return;
        void undo();
        break;
      case 'Enter':
        if (focused) setPhotoOpen(true);
        break;
      case 'Escape':
        if (photoOpen) setPhotoOpen(false);
        else if (selection.size > 0) setSelection(new Set());
        else return;
        break;
      case 'ArrowLeft':
        moveTo(clampedFocus - 1, event.shiftKey && !photoOpen);
        break;
      case 'ArrowRight':
        moveTo(clampedFocus + 1, event.shiftKey && !photoOpen);
        break;
      case 'ArrowUp':
        if (photoOpen) return;
        moveTo(clampedFocus - columns, event.shiftKey);
        break;
      case 'ArrowDown':
        if (photoOpen) return;
        moveTo(clampedFocus + columns, event.shiftKey);
        break;
      case 'Home':
        moveTo(0, event.shiftKey);
        break;
      case 'End':
        moveTo(total - 1, event.shiftKey);
        break;
      case 'PageUp':
        moveTo(clampedFocus - columns * visibleRows, event.shiftKey);
        break;
      case 'PageDown':
        moveTo(clampedFocus + columns * visibleRows, event.shiftKey);
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
        libraryTotal={props.libraryTotal}
        labels={props.labels}
        selected={selection.size}
        selectingAll={selectingAll}
        onSelectAll={() => void selectAll()}
        onClearSelection={() => setSelection(new Set())}
        onRelabel={(label) => decide('label', label)}
        onAccept={() => decide('accept')}
        onShowShortcuts={props.onShowShortcuts}
      />
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
          onUndo={() => void undo()}
        />
      )}
      <span className="sr-only" aria-live="polite">
        {focused ? `${focused.originalName}: ${focused.effectiveLabel ?? t('label.none')}` : ''}
      </span>
    </>
  );
}
