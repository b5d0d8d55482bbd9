/**
 * Where the inspection stands: photos per label, how many are reviewed, how good the model
 * was on the reviewed ones (accuracy, confusion matrix, confidence histogram), and the
 * tube sheet colored by label when photos carry tube positions.
 */
import { useState } from 'react';
import type { ModelMetrics } from '../../../electron/contract.js';
import { LabelChip } from '../../components/LabelChip.js';
import { labelColor } from '../../components/label-colors.js';
import { useI18n } from '../../i18n/i18n.js';
import { useInvoke } from '../../state/use-invoke.js';
import { StandalonePhoto } from '../photo/StandalonePhoto.js';
import { ConfidenceHistogram } from './ConfidenceHistogram.js';
import { ConfusionMatrix } from './ConfusionMatrix.js';
import { TubeSheetMap } from './TubeSheetMap.js';

export function MetricsTable(props: { metrics: ModelMetrics }) {
  const { t, format } = useI18n();
  const pct = (value: number | null) => (value === null ? '—' : format.percentPrecise(value));
  return (
    <table className="table table--compact">
      <thead>
        <tr>
          <th>{t('summary.label')}</th>
          <th className="num">{t('summary.precision')}</th>
          <th className="num">{t('summary.recall')}</th>
          <th className="num">{t('summary.support')}</th>
        </tr>
      </thead>
      <tbody>
        {props.metrics.perClass.map((row) => (
          <tr key={row.label}>
            <td>
              <LabelChip label={row.label} size="sm" />
            </td>
            <td className="num">{pct(row.precision)}</td>
            <td className="num">{pct(row.recall)}</td>
            <td className="num">{format.number(row.support)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function SummaryScreen(props: { onReviewLabel(label: string): void }) {
  const { t, format } = useI18n();
  const summary = useInvoke(
    'library.summary',
    {},
    { reloadOn: ['import', 'review', 'classify', 'models'], throttleMs: 2000 },
  );
  const labels = useInvoke('library.labels', {}, { reloadOn: ['models'] });
  const info = useInvoke('library.info', {}, { reloadOn: ['models'] });
  const [photo, setPhoto] = useState<number | null>(null);
  const s = summary.data;

  if (!s) {
    return (
      <div className="screen screen--page" data-testid="screen-summary">
        <div className="page">
          <h1>{t('summary.title')}</h1>
          <p className="muted">{t('common.loading')}</p>
        </div>
      </div>
    );
  }
  const metrics = s.activeModel;
  const maxLabel = Math.max(1, ...s.perLabel.map((row) => row.total));
  return (
    <div className="screen screen--page" data-testid="screen-summary">
      <div className="page page--wide">
        <h1>{t('summary.title')}</h1>
        <dl className="stat-row stat-row--cards">
          <div className="stat">
            <dd data-testid="summary-total">{format.number(s.total)}</dd>
            <dt>{t('summary.total')}</dt>
          </div>
          <div className="stat">
            <dd data-testid="summary-reviewed">{format.number(s.reviewed)}</dd>
            <dt>
              {t('summary.reviewedOf', {
                percent: s.total ? format.percent(s.reviewed / s.total) : '—',
              })}
            </dt>
          </div>
          <div className={`stat ${s.unclassified > 0 ? 'stat--warn' : ''}`}>
            <dd>{format.number(s.unclassified)}</dd>
            <dt>{t('summary.unclassified')}</dt>
          </div>
          <div className="stat">
            <dd data-testid="summary-accuracy">
              {metrics?.accuracy != null ? format.percentPrecise(metrics.accuracy) : '—'}
            </dd>
            <dt>
              {metrics
                ? t('summary.accuracyOn', { count: format.number(metrics.reviewed) })
                : t('summary.noModel')}
            </dt>
          </div>
        </dl>

        <div className="two-col">
          <section className="card">
            <h2>{t('summary.perLabel')}</h2>
            <table className="table" data-testid="summary-per-label">
              <thead>
                <tr>
                  <th>{t('summary.label')}</th>
                  <th className="num">{t('summary.photos')}</th>
                  <th className="num">{t('summary.reviewed')}</th>
                  <th className="bar-col" />
                  <th />
                </tr>
              </thead>
              <tbody>
                {s.perLabel.map((row) => (
                  <tr key={row.label}>
                    <td>
                      <LabelChip label={row.label} />
                    </td>
                    <td className="num">{format.number(row.total)}</td>
                    <td className="num">{format.number(row.reviewed)}</td>
                    <td className="bar-col">
                      <span className="hbar">
                        <span
                          className="hbar__part"
                          style={{
                            width: `${(row.reviewed / maxLabel) * 100}%`,
                            background: labelColor(row.label).solid,
                          }}
                        />
                        <span
                          className="hbar__part"
                          style={{
                            width: `${((row.total - row.reviewed) / maxLabel) * 100}%`,
                            background: labelColor(row.label).soft,
                          }}
                        />
                      </span>
                    </td>
                    <td>
                      <button
                        type="button"
                        className="btn btn--small btn--ghost"
                        onClick={() => props.onReviewLabel(row.label)}
                      >
                        {t('summary.show')}
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="muted small">{t('summary.perLabelHint')}</p>
          </section>
          <section className="card">
            <h2>{t('summary.confusion')}</h2>
            {metrics && metrics.reviewed > 0 ? (
              <>
                <p className="muted small">
                  {t('summary.modelLine', {
                    model: metrics.modelId,
                    balanced:
                      metrics.balancedAccuracy === null
                        ? '—'
                        : format.percentPrecise(metrics.balancedAccuracy),
                  })}
                </p>
                <ConfusionMatrix matrix={metrics.confusion} />
                <MetricsTable metrics={metrics} />
              </>
            ) : (
              <p className="muted">{t('summary.noReviewed')}</p>
            )}
          </section>
        </div>

        <section className="card">
          <h2>{t('summary.histogram')}</h2>
          {s.confidenceHistogram.length > 0 ? (
            <ConfidenceHistogram histogram={s.confidenceHistogram} />
          ) : (
            <p className="muted">{t('summary.noPredictions')}</p>
          )}
        </section>

        {s.tubes.length > 0 && (
          <section className="card">
            <h2>{t('summary.tubeMap')}</h2>
            <TubeSheetMap tubes={s.tubes} onOpen={setPhoto} />
          </section>
        )}
      </div>
      {photo !== null && (
        <StandalonePhoto
          imageId={photo}
          labels={labels.data ?? []}
          activeModelId={info.data?.activeModelId ?? null}
          onClose={() => setPhoto(null)}
          onChanged={summary.reload}
        />
      )}
    </div>
  );
}
