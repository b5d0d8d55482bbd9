/**
 * This window's decisions, newest first: the photo, old → new, when, and whether it was
 * undone since. A photo's name focuses it in the grid. Opened with H or the review bar's
 * button; Esc inside it closes it and gives the keyboard back to the grid.
 */
import { useEffect, useMemo, useRef, useSyncExternalStore, type KeyboardEvent } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import type { LabelName } from '../../state/label-names.js';
import {
  sessionDecisions,
  subscribeSession,
  type SessionDecision,
} from '../../state/review-session.js';
import { keepFocus } from './keep-focus.js';

/** The session's decisions, for the panel and the review bar's count. */
export function useSessionDecisions(): readonly SessionDecision[] {
  return useSyncExternalStore(subscribeSession, sessionDecisions);
}

export function DecisionsPanel(props: {
  labelName: LabelName;
  /** Opened from the keyboard: the focus moves into the panel. */
  takeFocus: boolean;
  onShow(decision: SessionDecision): void;
  onClose(): void;
}) {
  const { t, language } = useI18n();
  const decisions = useSessionDecisions();
  const newestFirst = useMemo(() => [...decisions].reverse(), [decisions]);
  const time = useMemo(
    () =>
      new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', second: '2-digit' }),
    [language],
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const { takeFocus, onClose, labelName } = props;
  useEffect(() => {
    if (takeFocus) heading.current?.focus();
  }, [takeFocus]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape') return;
    // Handled here, before the grid's Esc (which would clear a selection).
    event.preventDefault();
    onClose();
  }

  return (
    <aside
      id="decisions-panel"
      className="decisions-panel"
      aria-labelledby="decisions-title"
      data-testid="decisions-panel"
      onKeyDown={onKeyDown}
    >
      <header className="decisions-panel__head">
        <h2 id="decisions-title" ref={heading} tabIndex={-1}>
          {t('decisions.title')}
        </h2>
        <button
          type="button"
          className="btn btn--small btn--ghost"
          onMouseDown={keepFocus}
          onClick={onClose}
          aria-label={t('decisions.close')}
          title={t('decisions.close')}
        >
          ×
        </button>
      </header>
      {newestFirst.length === 0 ? (
        <p className="decisions-panel__empty muted small">{t('decisions.empty')}</p>
      ) : (
        <ol className="decisions-list" aria-label={t('decisions.listLabel')}>
          {newestFirst.map((d) => {
            const many = d.imageIds.length > 1;
            const name = many
              ? t('decisions.photos', { n: d.imageIds.length })
              : (d.firstName ?? t('decisions.photos', { n: 1 }));
            return (
              <li
                key={d.seq}
                className={`decision-item ${d.undone ? 'decision-item--undone' : ''}`}
                data-testid="decision-item"
                data-undone={d.undone}
                data-image-id={d.imageIds[0]}
              >
                <div className="decision-item__top">
                  <button
                    type="button"
                    className="decision-item__photo"
                    onClick={() => props.onShow(d)}
                    data-testid="decision-show"
                  >
                    {name}
                  </button>
                  <time className="decision-item__time" dateTime={new Date(d.at).toISOString()}>
                    {time.format(d.at)}
                  </time>
                </div>
                <div className="decision-item__change">
                  <span className="decision-item__labels">
                    {many
                      ? t('decisions.manyChange', { to: labelName(d.label) })
                      : t('decisions.change', {
                          from: labelName(d.firstBefore),
                          to: labelName(d.label),
                        })}
                  </span>
                  {d.kind === 'accept' && (
                    <span className="muted small">{t('decisions.accepted')}</span>
                  )}
                  {d.undone && <span className="badge badge--undone">{t('decisions.undone')}</span>}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </aside>
  );
}
