/**
 * The virtualized photo grid. Rows are virtualized (only the visible ones exist in the
 * DOM); the column count follows the width. Pages of rows are requested from the cache as
 * rows come into view.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import type { ImagePages } from '../../state/image-pages.js';
import { ThumbCell } from './ThumbCell.js';

const MIN_CELL = 156;
const GAP = 10;
const FOOTER = 58;
const PADDING = 12;

export interface GridLayout {
  columns: number;
  /** Rows fully visible at once (for Page Up / Page Down). */
  visibleRows: number;
}

export function ReviewGrid(props: {
  pages: ImagePages;
  total: number;
  focusIndex: number;
  selection: ReadonlySet<number>;
  onPick(index: number, event: MouseEvent): void;
  onOpen(index: number): void;
  onLayout(layout: GridLayout): void;
}) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  const [height, setHeight] = useState(0);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (!entry) return;
      setWidth(entry.contentRect.width);
      setHeight(entry.contentRect.height);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const inner = Math.max(0, width - PADDING * 2);
  const columns = Math.max(1, Math.floor((inner + GAP) / (MIN_CELL + GAP)));
  const cell = Math.floor((inner - GAP * (columns - 1)) / columns);
  const rowHeight = cell + FOOTER + GAP;
  const rows = Math.ceil(props.total / columns);

  const virtualizer = useVirtualizer({
    count: rows,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 2,
    paddingStart: PADDING,
    paddingEnd: PADDING,
  });

  useEffect(() => {
    virtualizer.measure();
  }, [rowHeight, virtualizer]);

  const { onLayout } = props;
  const visibleRows = Math.max(1, Math.floor(height / rowHeight));
  useEffect(() => {
    onLayout({ columns, visibleRows });
  }, [columns, visibleRows, onLayout]);

  const items = virtualizer.getVirtualItems();
  const focusedItem = props.pages.get(props.focusIndex);
  const firstRow = items[0]?.index ?? 0;
  const lastRow = items[items.length - 1]?.index ?? 0;
  const { pages } = props;
  useEffect(() => {
    // One extra screen ahead so scrolling down rarely shows placeholders.
    pages.want(firstRow * columns, (lastRow + 1 + visibleRows) * columns - 1);
  }, [pages, firstRow, lastRow, columns, visibleRows, pages.version]);

  // Keeps the focused row on screen with the geometry we already know: the virtualizer's
  // scrollToIndex measures the scroll height (a forced layout) on every key press.
  const focusRow = Math.floor(props.focusIndex / columns);
  useEffect(() => {
    const element = scroller.current;
    if (!element || props.total === 0 || height === 0) return;
    const top = PADDING + focusRow * rowHeight;
    const bottom = top + rowHeight - GAP;
    const offset = virtualizer.scrollOffset ?? element.scrollTop;
    if (top < offset) element.scrollTop = Math.max(0, top - PADDING);
    else if (bottom > offset + height) element.scrollTop = bottom - height + PADDING;
  }, [focusRow, rowHeight, height, virtualizer, props.total]);

  return (
    <div
      ref={scroller}
      className="grid-scroller"
      role="listbox"
      aria-multiselectable="true"
      aria-label={t('review.gridLabel')}
      // Reachable with Tab (and Esc from a filter field): the keys act on the focused photo,
      // which assistive technology reads as the active option.
      tabIndex={0}
      aria-activedescendant={focusedItem ? `thumb-${focusedItem.id}` : undefined}
      data-testid="review-grid"
      data-columns={columns}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {width > 0 &&
          items.map((row) => (
            <div
              key={row.key}
              className="grid-row"
              style={{
                transform: `translateY(${row.start}px)`,
                gap: GAP,
                paddingLeft: PADDING,
                height: rowHeight - GAP,
              }}
            >
              {Array.from({ length: columns }, (_, c) => {
                const index = row.index * columns + c;
                if (index >= props.total) return null;
                const item = pages.get(index);
                return (
                  <ThumbCell
                    key={c}
                    index={index}
                    item={item}
                    width={cell}
                    focused={index === props.focusIndex}
                    selected={item !== undefined && props.selection.has(item.id)}
                    onPick={props.onPick}
                    onOpen={props.onOpen}
                  />
                );
              })}
            </div>
          ))}
      </div>
    </div>
  );
}
