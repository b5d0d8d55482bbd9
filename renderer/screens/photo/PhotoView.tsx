/**
 * One photo, full size: zoom and pan on the left; on the right the decision buttons, every
 * model's scores, the metadata and the label history. Keys are handled by the screen that
 * opened it (the review grid steps through its photos with the arrows).
 */
import { useEffect, useRef, useState } from 'react';
import type { ImageSummary } from '../../../electron/contract.js';
import { trapTab } from '../../components/Modal.js';
import { ConfidenceBar } from '../../components/ConfidenceBar.js';
import { LabelChip, LabelSwatch } from '../../components/LabelChip.js';
import { UnsureChip } from '../../components/UnsureChip.js';
import { useI18n } from '../../i18n/i18n.js';
import { keepFocus } from '../review/keep-focus.js';
import { useImageDetail } from '../../state/use-image-detail.js';
import { useLabelName } from '../../state/label-names.js';
import { NoteEditor } from './NoteEditor.js';
import { HistorySection, MetadataSection, ScoresSection } from './PhotoDetails.js';
import { SimilarPhotos } from './SimilarPhotos.js';
import { TubeHistory } from './TubeHistory.js';
import { ZoomPanImage } from './ZoomPanImage.js';

export interface PhotoViewProps {
  imageId: number;
  /** The grid row, shown while the details load. */
  summary?: ImageSummary;
  labels: string[];
  activeModelId: string | null;
  /** "12 of 1,000" in the grid's order. */
  position?: { index: number; total: number };
  revision: number;
  prefetchIds: number[];
  /** What the last undo or redo did (a photo view opened on its own has no grid notice). */
  status?: string | null;
  onClose(): void;
  onPrev?(): void;
  onNext?(): void;
  onSetLabel(label: string): void;
  onAccept(): void;
  onUndo(): void;
  /** U: "unsure / skip" for this photo. */
  onMarkUnsure?(): void;
}

export function PhotoView(props: PhotoViewProps) {
  const { t, format } = useI18n();
  const labelName = useLabelName();
  // A saved note re-reads the photo (its history gained an entry).
  const [noteRevision, setNoteRevision] = useState(0);
  const detail = useImageDetail(props.imageId, props.revision + noteRevision, props.prefetchIds);
  const shown = detail ?? props.summary;
  const unsure = shown?.unsure === true;
  // Focus stays in the dialog: Tab must not wander into the grid hidden behind it.
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    dialog.current?.focus();
    function onKey(event: KeyboardEvent) {
      if (event.key === 'Tab' && dialog.current) trapTab(dialog.current, event);
    }
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      previous?.focus();
    };
  }, []);
  return (
    <div
      ref={dialog}
      className="photo-view"
      role="dialog"
      aria-modal="true"
      aria-label={t('photo.title')}
      tabIndex={-1}
      data-testid="photo-view"
    >
      <header className="photo-view__bar">
        <button type="button" onMouseDown={keepFocus} className="btn" onClick={props.onClose}>
          ← {t('photo.back')} <kbd>Esc</kbd>
        </button>
        <h2 className="photo-view__name" data-testid="photo-name">
          {shown?.originalName ?? '…'}
        </h2>
        {props.position && (
          <span className="photo-view__pos">
            {t('photo.position', {
              index: format.number(props.position.index + 1),
              total: format.number(props.position.total),
            })}
          </span>
        )}
        <div className="photo-view__nav">
          <button
            type="button"
            onMouseDown={keepFocus}
            className="btn"
            onClick={props.onPrev}
            disabled={!props.onPrev}
          >
            ‹ {t('photo.prev')}
          </button>
          <button
            type="button"
            onMouseDown={keepFocus}
            className="btn"
            onClick={props.onNext}
            disabled={!props.onNext}
          >
            {t('photo.next')} ›
          </button>
        </div>
      </header>
      <div className="photo-view__body">
        {detail ? (
          <ZoomPanImage
            src={detail.originalUrl}
            placeholder={detail.thumbUrl}
            width={detail.width}
            height={detail.height}
            alt={detail.originalName}
          />
        ) : (
          <div className="zoom zoom--loading">
            {props.summary && <img src={props.summary.thumbUrl} alt="" />}
          </div>
        )}
        <aside className="photo-view__side">
          <section className="side-section decision" data-testid="photo-decision">
            <div className="decision__now">
              <span className="muted">
                {t(
                  unsure
                    ? 'unsure.header'
                    : shown?.reviewed
                      ? 'photo.labelReviewed'
                      : 'photo.labelModel',
                )}
              </span>
              {unsure ? (
                <UnsureChip />
              ) : (
                <LabelChip
                  label={shown?.effectiveLabel ?? null}
                  reviewed={shown?.reviewed ?? false}
                />
              )}
              {!shown?.reviewed && !unsure && (
                <ConfidenceBar confidence={shown?.confidence ?? null} />
              )}
            </div>
            {unsure && detail?.unsureBy && (
              <p className="decision__unsure" data-testid="photo-unsure">
                {t('unsure.stateBy', {
                  reviewer: detail.unsureBy.reviewer,
                  at: format.dateTime(detail.unsureBy.at),
                })}
              </p>
            )}
            {(shown?.reviewed || unsure) && (
              <div className="decision__model">
                <span className="muted">{t('photo.modelSaid')}</span>
                <LabelChip label={shown.predicted} reviewed={false} size="sm" />
                <ConfidenceBar confidence={shown.confidence} />
              </div>
            )}
            {detail?.reviewed && detail.reviewer && (
              <p className="muted small">
                {t('photo.reviewedBy', {
                  reviewer: detail.reviewer,
                  at: detail.reviewedAt ? format.dateTime(detail.reviewedAt) : '',
                })}
              </p>
            )}
            <div className="decision__buttons">
              {props.labels.map((label, i) => (
                <button
                  key={label}
                  type="button"
                  onMouseDown={keepFocus}
                  className="btn btn--label"
                  onClick={() => props.onSetLabel(label)}
                  data-label={label}
                >
                  {i < 9 && <kbd>{i + 1}</kbd>}
                  <LabelSwatch label={label} />
                  {labelName(label)}
                </button>
              ))}
            </div>
            <div className="decision__buttons">
              <button
                type="button"
                onMouseDown={keepFocus}
                className="btn btn--primary"
                onClick={props.onAccept}
                disabled={!shown?.predicted}
              >
                <kbd>Space</kbd>{' '}
                {t('review.acceptModel', {
                  label: shown?.predicted ? labelName(shown.predicted) : '—',
                })}
              </button>
              {props.onMarkUnsure && (
                <button
                  type="button"
                  onMouseDown={keepFocus}
                  className="btn"
                  onClick={props.onMarkUnsure}
                  data-testid="photo-unsure-button"
                >
                  <kbd>U</kbd> {t('unsure.action')}
                </button>
              )}
              <button type="button" onMouseDown={keepFocus} className="btn" onClick={props.onUndo}>
                <kbd>Z</kbd> {t('review.undo')}
              </button>
            </div>
            {props.status !== undefined && (
              <p className="muted small" role="status" data-testid="photo-status">
                {props.status}
              </p>
            )}
          </section>
          <TubeHistory
            imageId={props.imageId}
            row={shown?.tubeRow ?? null}
            col={shown?.tubeCol ?? null}
          />
          {detail && detail.id === props.imageId && (
            <NoteEditor
              key={detail.id}
              imageId={detail.id}
              note={detail.note ?? null}
              onSaved={() => setNoteRevision((r) => r + 1)}
              onLeave={() => dialog.current?.focus()}
            />
          )}
          {detail && (
            <>
              <ScoresSection detail={detail} activeModelId={props.activeModelId} />
              <SimilarPhotos imageId={props.imageId} revision={props.revision} />
              <HistorySection history={detail.history} notes={detail.noteHistory ?? []} />
              <MetadataSection detail={detail} />
            </>
          )}
        </aside>
      </div>
    </div>
  );
}
