/** What an import did: counts, and every file that could not be imported with the reason. */
import type { ImportSummary } from '../../../electron/contract.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';

const statusKeys: Record<ImportSummary['status'], MessageKey> = {
  running: 'import.status.running',
  done: 'import.status.done',
  cancelled: 'import.status.cancelled',
  failed: 'import.status.failed',
};

export function ImportResult(props: { summary: ImportSummary; onReview(): void }) {
  const { t, format, errorText } = useI18n();
  const s = props.summary;
  const stats: [MessageKey, number][] = [
    ['counter.imported', s.imported],
    ['counter.duplicates', s.duplicates],
    ['counter.alreadyDone', s.alreadyDone],
    ['counter.classified', s.classified],
    ['counter.errors', s.errors],
  ];
  return (
    <section
      className={`card result result--${s.status}`}
      data-testid="import-result"
      data-status={s.status}
    >
      <header className="result__head">
        <h2>{t(statusKeys[s.status])}</h2>
        <span className="muted">
          {s.source}
          {s.durationMs !== null && ` · ${format.duration(s.durationMs / 1000)}`}
        </span>
      </header>
      <dl className="stat-row">
        {stats.map(([key, value]) => (
          <div
            key={key}
            className={key === 'counter.errors' && value > 0 ? 'stat stat--warn' : 'stat'}
          >
            <dd data-testid={`import-count-${key.replace('counter.', '')}`}>
              {format.number(value)}
            </dd>
            <dt>{t(key)}</dt>
          </div>
        ))}
      </dl>
      {s.imported + s.alreadyDone + s.duplicates > 0 && (
        <button
          type="button"
          className="btn btn--primary btn--large"
          onClick={props.onReview}
          data-testid="import-review"
        >
          {t('import.reviewThese', { count: format.number(s.imported + s.alreadyDone) })} →
        </button>
      )}
      {s.errorList.length > 0 && (
        <div className="file-errors">
          <h3>{t('import.errorsTitle', { count: format.number(s.errorList.length) })}</h3>
          <p className="muted">{t('import.errorsHint')}</p>
          <div className="table-scroll">
            <table className="table" data-testid="import-errors">
              <thead>
                <tr>
                  <th>{t('import.errorFile')}</th>
                  <th>{t('import.errorReason')}</th>
                </tr>
              </thead>
              <tbody>
                {s.errorList.map((error) => (
                  <tr key={error.path}>
                    <td className="mono">{error.path}</td>
                    <td>
                      {errorText(error)} <span className="code-tag">{error.code}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
