/**
 * What the last bulk decision, undo or redo did, in words, with Undo or a link that
 * focuses the photo it changed.
 */
import { useI18n } from '../../i18n/i18n.js';
import { keepFocus } from './keep-focus.js';

export interface Notice {
  text: string;
  /** The photo the message is about (a "show" link focuses it). */
  focusId?: number | undefined;
  /** Offer Undo (after a bulk decision). */
  undo?: boolean;
}

export function ReviewNotice(props: {
  notice: Notice;
  onUndo(): void;
  onShow(): void;
  onDismiss(): void;
}) {
  const { t } = useI18n();
  return (
    <div className="review-notice" role="status" aria-live="polite" data-testid="review-notice">
      <span data-testid="review-notice-text">{props.notice.text}</span>
      {props.notice.undo && (
        <button
          type="button"
          className="btn btn--small"
          onMouseDown={keepFocus}
          onClick={props.onUndo}
        >
          <kbd>Z</kbd> {t('review.undo')}
        </button>
      )}
      {props.notice.focusId !== undefined && (
        <button
          type="button"
          className="btn btn--small btn--ghost"
          onMouseDown={keepFocus}
          onClick={props.onShow}
          data-testid="review-notice-show"
        >
          {t('notice.showPhoto')}
        </button>
      )}
      <button
        type="button"
        className="btn btn--small btn--ghost"
        onMouseDown={keepFocus}
        onClick={props.onDismiss}
        aria-label={t('action.dismiss')}
      >
        ×
      </button>
    </div>
  );
}
