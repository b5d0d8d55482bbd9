import { memo, useLayoutEffect, useRef, useState, type MouseEvent } from 'react';
import type { ImageSummary } from '../../../electron/contract.js';
import { ConfidenceBar } from '../../components/ConfidenceBar.js';
import { LabelChip } from '../../components/LabelChip.js';
import { UnsureChip } from '../../components/UnsureChip.js';
import { useI18n } from '../../i18n/i18n.js';
import { useLabelName } from '../../state/label-names.js';
import { thumbLoader } from '../../state/thumb-loader.js';

export interface ThumbCellProps {
  index: number;
  item: ImageSummary | undefined;
  focused: boolean;
  selected: boolean;
  width: number;
  onPick(index: number, event: MouseEvent): void;
  onOpen(index: number): void;
}

/**
 * The thumbnail, or a plain tile with a note when the file is missing (not a broken image).
 * The `src` is set when the shared loader gives this cell its turn (see thumb-loader.ts);
 * a cell that leaves the screen before its turn never loads at all.
 */
function ThumbImage(props: { src: string }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const image = useRef<HTMLImageElement>(null);
  const { src } = props;

  // A layout effect: a thumbnail already in the cache gets its src before the first paint.
  useLayoutEffect(() => {
    const element = image.current;
    if (!element) return;
    let mounted = true;
    let started = false;
    let settled = false;
    const settle = (loaded: boolean) => {
      if (settled) return;
      settled = true;
      lease.release(loaded);
    };
    element.addEventListener('load', () => settle(true), { once: true });
    element.addEventListener(
      'error',
      () => {
        settle(false);
        if (mounted) setFailed(true);
      },
      { once: true },
    );
    const lease = thumbLoader.request(src, () => {
      started = true;
      element.src = src;
    });
    return () => {
      mounted = false;
      // A load already under way finishes into the cache and frees its turn then
      // (aborting it would cost a connection); one still waiting just leaves the queue.
      if (!started) settle(false);
    };
  }, [src]);

  if (failed) return <span className="thumb__missing">{t('review.noThumb')}</span>;
  return <img ref={image} alt="" decoding="async" draggable={false} />;
}

/**
 * One photo of the grid: thumbnail, the label (solid = a person decided, pale = the
 * model's guess), the model's confidence, and a note when the reviewer overruled the model.
 */
export const ThumbCell = memo(function ThumbCell(props: ThumbCellProps) {
  const { t } = useI18n();
  const labelName = useLabelName();
  const { item } = props;
  if (!item) {
    return (
      <div className="thumb thumb--loading" style={{ width: props.width }} aria-hidden="true">
        <div className="thumb__img" style={{ height: props.width }} />
      </div>
    );
  }
  const overruled = item.reviewed && item.predicted !== null && item.predicted !== item.label;
  // Unsure: the answer shows instead of any label, the model's guess only as a note below.
  const unsure = item.unsure === true;
  return (
    <div
      role="option"
      id={`thumb-${item.id}`}
      aria-selected={props.selected}
      // Named by its visible text (label, model's label, confidence, file name): an
      // aria-label would hide part of what a sighted user reads (axe: label-content-name-mismatch).
      className={`thumb ${props.focused ? 'thumb--focused' : ''} ${props.selected ? 'thumb--selected' : ''} ${item.reviewed ? 'thumb--reviewed' : ''} ${unsure ? 'thumb--unsure' : ''}`}
      style={{ width: props.width }}
      data-testid="thumb"
      data-index={props.index}
      data-image-id={item.id}
      data-label={item.effectiveLabel ?? ''}
      data-reviewed={item.reviewed}
      data-unsure={unsure}
      data-confidence={item.confidence ?? ''}
      data-focused={props.focused}
      onClick={(event) => props.onPick(props.index, event)}
      onDoubleClick={() => props.onOpen(props.index)}
    >
      <div className="thumb__img" style={{ height: props.width }}>
        <ThumbImage key={item.thumbUrl} src={item.thumbUrl} />
        {item.reviewed && (
          <span className="thumb__check" title={t('review.reviewedMark')}>
            ✓
          </span>
        )}
        {unsure && (
          <span className="thumb__unsure" title={t('unsure.thumbTitle')} aria-hidden="true">
            ?
          </span>
        )}
        {props.selected && <span className="thumb__selected" aria-hidden="true" />}
        {item.tubeRow !== null && item.tubeCol !== null && (
          <span className="thumb__tube">
            {t('meta.tubeShort', { row: item.tubeRow, col: item.tubeCol })}
          </span>
        )}
      </div>
      <div className="thumb__foot">
        <div className="thumb__row">
          {unsure ? (
            <UnsureChip size="sm" />
          ) : (
            <LabelChip label={item.effectiveLabel} reviewed={item.reviewed} size="sm" />
          )}
          {!overruled && <ConfidenceBar confidence={item.confidence} compact />}
        </div>
        <div className="thumb__row thumb__sub">
          {unsure && item.predicted !== null ? (
            <span className="thumb__guess" title={item.originalName}>
              {t('unsure.modelGuess', { label: item.predicted })} · {item.originalName}
            </span>
          ) : overruled ? (
            <>
              <span className="thumb__overruled">
                {t('review.modelSaid', { label: labelName(item.predicted) })}
              </span>
              <ConfidenceBar confidence={item.confidence} compact />
            </>
          ) : (
            <span className="thumb__name" title={item.originalName}>
              {item.originalName}
            </span>
          )}
        </div>
      </div>
    </div>
  );
});
