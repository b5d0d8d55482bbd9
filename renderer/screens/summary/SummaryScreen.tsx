/**
 * Where the inspection stands: photos per label, how many are reviewed, how good the model
 * was on the reviewed ones (accuracy, confusion matrix, confidence histogram), and the
 * tube sheet colored by label when photos carry tube positions. For the whole library or
 * one inspection (the picker), with that inspection's report and its changes against
 * another. Clicking a confusion-matrix cell or a histogram bar shows those photos.
 */
import { useCallback, useRef, useState } from 'react';
import type { ImageFilter, LibrarySummary, ModelMetrics } from '../../../electron/contract.js';
import { LabelChip } from '../../components/LabelChip.js';
import { labelColor } from '../../components/label-colors.js';
import { useI18n } from '../../i18n/i18n.js';
import { useInvoke } from '../../state/use-invoke.js';
import { StandalonePhoto } from '../photo/StandalonePhoto.js';
import { ConfidenceHistogram } from './ConfidenceHistogram.js';
import { ConfusionMatrix } from './ConfusionMatrix.js';
import {
  CompareInspections,
  GroupInspections,
  LayoutChooser,
  RenameInspection,
  ReportActions,
} from './InspectionPanel.js';
import { InspectionPicker } from './InspectionPicker.js';
import { confusionCellFilter, histogramBarFilter, inspectionScope } from './plot-filters.js';
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

export function SummaryScreen(props: {
  onReviewLabel(label: string): void;
  onReviewFilter(filter: ImageFilter): void;
}) {
  const { t, format } = useI18n();
  const [inspectionId, setInspectionId] = useState<number | null>(null);
  const reloadOn = ['import', 'review', 'classify', 'models'] as const;
  const library = useInvoke(
    'library.summary',
    {},
    { reloadOn: [...reloadOn], throttleMs: 2000, enabled: inspectionId === null },
  );
  const ofInspection = useInvoke(
    'inspections.summary',
    { inspectionId: inspectionId ?? 1 },
    { reloadOn: [...reloadOn], throttleMs: 2000, enabled: inspectionId !== null },
  );
  const inspections = useInvoke('inspections.list', {}, { reloadOn: ['import', 'review'] });
  const layout = useInvoke('inspections.layout', {});
  const labels = useInvoke('library.labels', {}, { reloadOn: ['models'] });
  const info = useInvoke('library.info', {}, { reloadOn: ['models'] });
  const [photo, setPhoto] = useState<number | null>(null);
  // Focus goes back to what opened the photo (a tube cell), so the keyboard keeps its place.
  const opener = useRef<HTMLElement | SVGElement | null>(null);
  const openPhoto = useCallback((imageId: number) => {
    opener.current = document.activeElement as HTMLElement | SVGElement | null;
    setPhoto(imageId);
  }, []);
  const closePhoto = useCallback(() => {
    setPhoto(null);
    requestAnimationFrame(() => opener.current?.focus());
  }, []);

  const inspectionSummary =
    inspectionId !== null && ofInspection.data?.inspection.id === inspectionId
      ? ofInspection.data
      : undefined;
  const s: LibrarySummary | undefined = inspectionId === null ? library.data : inspectionSummary;
  const reload = inspectionId === null ? library.reload : ofInspection.reload;
  const scope = inspectionScope(inspectionSummary?.inspection ?? null);
  const picker = (
    <div className="inspection-bar">
      <InspectionPicker
        inspections={inspections.data ?? []}
        value={inspectionId}
        onChange={setInspectionId}
      />
    </div>
  );

  if (!s) {
    return (
      <div className="screen screen--page" data-testid="screen-summary">
        <div className="page">
          <h1>{t('summary.title')}</h1>
          {picker}
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
        <h1 className="inspection-title" data-testid="summary-heading">
          {inspectionSummary
            ? t('inspections.heading', { name: inspectionSummary.inspection.title })
            : t('summary.title')}
        </h1>
        {picker}
        {inspectionSummary && (
          <div className="inspection-bar">
            <RenameInspection
              inspection={inspectionSummary.inspection}
              onRenamed={() => {
                inspections.reload();
                ofInspection.reload();
              }}
            />
            <GroupInspections
              inspection={inspectionSummary.inspection}
              inspections={inspections.data ?? []}
              onGrouped={(id) => {
                inspections.reload();
                setInspectionId(id);
                ofInspection.reload();
              }}
            />
            <ReportActions inspection={inspectionSummary.inspection} />
          </div>
        )}
        <dl className="stat-row stat-row--cards">
          <div className="stat">
            <dd data-testid="summary-total">{format.number(s.total)}</dd>
            <dt>{t(inspectionSummary ? 'inspections.photos' : 'summary.total')}</dt>
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
          {inspectionSummary && (
            <>
              <div className="stat">
                <dd data-testid="summary-tubes">
                  {format.number(inspectionSummary.tubeStates.length)}
                </dd>
                <dt>{t('inspections.tubes')}</dt>
              </div>
              <div className="stat">
                <dd data-testid="summary-flagged">
                  {format.number(inspectionSummary.tubeStates.filter((x) => x.flagged).length)}
                </dd>
                <dt>{t('inspections.flagged')}</dt>
              </div>
            </>
          )}
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
                        onClick={() =>
                          Object.keys(scope).length > 0
                            ? props.onReviewFilter({ ...scope, label: row.label })
                            : props.onReviewLabel(row.label)
                        }
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
                <ConfusionMatrix
                  matrix={metrics.confusion}
                  onCell={(truth, predicted) =>
                    props.onReviewFilter(confusionCellFilter(truth, predicted, scope))
                  }
                />
                <p className="muted small">{t('inspections.plotHint')}</p>
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
            <ConfidenceHistogram
              histogram={s.confidenceHistogram}
              onBar={(label, bin) =>
                props.onReviewFilter(histogramBarFilter(label, bin, 10, scope))
              }
            />
          ) : (
            <p className="muted">{t('summary.noPredictions')}</p>
          )}
        </section>

        {s.tubes.length > 0 && (
          <section className="card">
            <h2>{t('summary.tubeMap')}</h2>
            <LayoutChooser layout={layout.data ?? null} onChanged={layout.reload} />
            <TubeSheetMap tubes={s.tubes} layout={layout.data ?? null} onOpen={openPhoto} />
          </section>
        )}

        {inspectionSummary && (
          <section className="card" data-testid="compare-inspections">
            <h2>{t('inspections.compareTitle')}</h2>
            <CompareInspections
              summary={inspectionSummary}
              inspections={inspections.data ?? []}
              layout={layout.data ?? null}
              onOpen={openPhoto}
            />
          </section>
        )}
      </div>
      {photo !== null && (
        <StandalonePhoto
          imageId={photo}
          labels={labels.data ?? []}
          activeModelId={info.data?.activeModelId ?? null}
          onClose={closePhoto}
          onChanged={reload}
        />
      )}
    </div>
  );
}
