/**
 * Announces photos that arrived or changed elsewhere (an import, a classification,
 * another window) without moving the grid: they join it when the inspector asks.
 */
import { useI18n } from '../../i18n/i18n.js';
import { keepFocus } from './keep-focus.js';

export function IncomingBar(props: { added: number; onShow(): void }) {
  const { t } = useI18n();
  return (
    <div className="incoming-bar" role="status" data-testid="incoming-bar">
      <span>
        {props.added > 0 ? t('incoming.added', { n: props.added }) : t('incoming.changed')}
      </span>
      <button
        type="button"
        className="btn btn--small btn--primary"
        onMouseDown={keepFocus}
        onClick={props.onShow}
        data-testid="incoming-show"
      >
        {t('incoming.show')}
      </button>
    </div>
  );
}
