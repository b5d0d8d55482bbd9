/**
 * The strip above the grid: counts and the keyboard legend, or, when photos are selected,
 * what can be done to the whole selection.
 */
import { LabelSwatch } from '../../components/LabelChip.js';
import { useI18n } from '../../i18n/i18n.js';
import { useLabelName } from '../../state/label-names.js';
import { keepFocus } from './keep-focus.js';

export function ReviewBar(props: {
  matching: number | null;
  reviewed: number | null;
  /** Photos answered "unsure" in the library; shown when there are any. */
  unsure?: number | null;
  libraryTotal: number | null;
  labels: string[];
  selected: number;
  selectingAll: boolean;
  onSelectAll(): void;
  onClearSelection(): void;
  onRelabel(label: string): void;
  onAccept(): void;
  onShowShortcuts(): void;
  /** This session's decisions: how many, and the panel's toggle (H). */
  decisions?: { count: number; open: boolean; onToggle(): void };
}) {
  const { t, format } = useI18n();
  const labelName = useLabelName();
  if (props.selected > 0) {
    return (
      <div className="review-bar review-bar--selection" data-testid="selection-bar">
        <strong data-testid="selection-count">
          {t('select.count', { count: format.number(props.selected) })}
        </strong>
        <span className="review-bar__label">{t('select.relabelAs')}</span>
        {props.labels.map((label, i) => (
          <button
            key={label}
            type="button"
            onMouseDown={keepFocus}
            className="btn btn--label"
            data-label={label}
            onClick={() => props.onRelabel(label)}
          >
            <LabelSwatch label={label} />
            {i < 9 && <kbd>{i + 1}</kbd>} {labelName(label)}
          </button>
        ))}
        <button type="button" onMouseDown={keepFocus} className="btn" onClick={props.onAccept}>
          <kbd>Space</kbd> {t('select.accept')}
        </button>
        <span className="filter-bar__spacer" />
        {props.matching !== null && props.selected < props.matching && (
          <button
            type="button"
            onMouseDown={keepFocus}
            className="btn btn--ghost"
            onClick={props.onSelectAll}
            disabled={props.selectingAll}
          >
            {t('select.allMatching', { count: format.number(props.matching) })}
          </button>
        )}
        <button
          type="button"
          onMouseDown={keepFocus}
          className="btn btn--ghost"
          onClick={props.onClearSelection}
        >
          <kbd>Esc</kbd> {t('select.clear')}
        </button>
      </div>
    );
  }
  return (
    <div className="review-bar">
      <span className="review-bar__counts" data-testid="review-counts">
        {props.matching === null ? '…' : t('review.matchingScope', { n: props.matching })}
        {props.libraryTotal !== null && props.reviewed !== null && props.libraryTotal > 0 && (
          <span className="muted">
            {' · '}
            {t('review.progressScope', {
              reviewed: format.number(props.reviewed),
              total: format.number(props.libraryTotal),
              percent: format.percent(props.reviewed / props.libraryTotal),
            })}
          </span>
        )}
        {(props.unsure ?? 0) > 0 && (
          <span className="muted" data-testid="review-unsure-count">
            {' · '}
            {t('review.unsureScope', { n: props.unsure ?? 0 })}
          </span>
        )}
      </span>
      <span className="filter-bar__spacer" />
      <span className="key-legend" data-testid="key-legend">
        {props.labels.slice(0, 9).map((label, i) => (
          <span key={label} className="key-hint">
            <kbd>{i + 1}</kbd>
            <LabelSwatch label={label} />
            {labelName(label)}
          </span>
        ))}
        <span className="key-hint">
          <kbd>Space</kbd> {t('legend.accept')}
        </span>
        <span className="key-hint">
          <kbd>Z</kbd> {t('legend.undo')}
        </span>
        {props.decisions && (
          <button
            type="button"
            onMouseDown={keepFocus}
            className="btn btn--small btn--ghost key-legend__button"
            onClick={props.decisions.onToggle}
            aria-expanded={props.decisions.open}
            aria-controls={props.decisions.open ? 'decisions-panel' : undefined}
            data-testid="decisions-toggle"
          >
            <kbd>H</kbd> {t('decisions.button', { n: props.decisions.count })}
          </button>
        )}
        <span className="key-hint">
          <kbd>Enter</kbd> {t('legend.open')}
        </span>
        <button
          type="button"
          onMouseDown={keepFocus}
          className="btn btn--small btn--ghost"
          onClick={props.onShowShortcuts}
        >
          <kbd>?</kbd> {t('legend.all')}
        </button>
      </span>
      {props.matching !== null && props.matching > 0 && (
        <button
          type="button"
          onMouseDown={keepFocus}
          className="btn btn--small btn--ghost"
          onClick={props.onSelectAll}
          disabled={props.selectingAll}
        >
          {t('select.allMatching', { count: format.number(props.matching) })}
        </button>
      )}
    </div>
  );
}
