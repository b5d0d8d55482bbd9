/**
 * "Improve the model": fits a new head on the reviewed photos (a job with progress and
 * cancel), then shows old vs new on held-out photos before anything is activated. Also
 * computes missing embeddings (libraries classified before embeddings were stored).
 */
import { useEffect, useState } from 'react';
import type { ImproveResult, ModelMetrics } from '../../../electron/contract.js';
import { JobProgress } from '../../components/JobProgress.js';
import { LabelChip } from '../../components/LabelChip.js';
import { useI18n } from '../../i18n/i18n.js';
import { useClient } from '../../state/client-context.js';
import { useReportError } from '../../state/errors.js';
import { useJob, useJobs, useRunningJob } from '../../state/jobs.js';
import { ConfusionMatrix } from '../summary/ConfusionMatrix.js';

function recallOf(metrics: ModelMetrics, label: string): number | null {
  return metrics.perClass.find((c) => c.label === label)?.recall ?? null;
}

export function ImproveModel(props: {
  onJobStarted(jobId: string): void;
  /** A version was registered or activated: the models table reloads. */
  onModelsChanged(): void;
}) {
  const { t, format, errorText } = useI18n();
  const client = useClient();
  const report = useReportError();
  const { track, cancel } = useJobs();
  const [jobId, setJobId] = useState<string | null>(null);
  const [activatedId, setActivatedId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const job = useJob(jobId);
  const runningImprove = useRunningJob('improve');
  const runningBackfill = useRunningJob('embeddings');
  const shown = job ?? runningImprove ?? runningBackfill;
  const result =
    job?.kind === 'improve' && job.finished?.status === 'done'
      ? (job.finished.result as ImproveResult)
      : null;

  const { onModelsChanged } = props;
  const registered = result?.modelId ?? null;
  useEffect(() => {
    if (registered) onModelsChanged();
  }, [registered, onModelsChanged]);

  async function start(kind: 'improve' | 'embeddings') {
    setBusy(true);
    setActivatedId(null);
    try {
      const started =
        kind === 'improve'
          ? await client.invoke('models.improve', {})
          : await client.invoke('embeddings.backfill', {});
      track(started.jobId, kind);
      setJobId(started.jobId);
    } catch (error) {
      report(error, t('improve.title'));
    } finally {
      setBusy(false);
    }
  }

  async function activate(modelId: string) {
    setBusy(true);
    try {
      // Classified first, so the review grid switches to a model that has seen every photo.
      const { jobId: classifyJob } = await client.invoke('models.classify', { modelId });
      track(classifyJob, 'classify');
      props.onJobStarted(classifyJob);
      await client.invoke('jobs.wait', { jobId: classifyJob, timeoutMs: 600_000 });
      await client.invoke('models.activate', { modelId });
      setActivatedId(modelId);
      onModelsChanged();
    } catch (error) {
      report(error, t('improve.title'));
    } finally {
      setBusy(false);
    }
  }

  const pct = (value: number | null) => (value === null ? '—' : format.percentPrecise(value));
  const running = shown?.status === 'running';
  return (
    <section className="card" data-testid="improve-model">
      <h2>{t('improve.title')}</h2>
      <p className="muted">{t('improve.lead')}</p>
      <div className="form-actions">
        <button
          type="button"
          className="btn btn--primary"
          disabled={busy || running}
          onClick={() => void start('improve')}
          data-testid="improve-start"
        >
          {t('improve.start')}
        </button>
        <button
          type="button"
          className="btn"
          disabled={busy || running}
          onClick={() => void start('embeddings')}
        >
          {t('improve.backfill')}
        </button>
      </div>
      {shown && (shown.status !== 'done' || shown.kind !== 'improve') && (
        <JobProgress job={shown} onCancel={() => void cancel(shown.id)} />
      )}
      {shown?.finished?.error && (
        <p className="inline-error" role="alert">
          {errorText(shown.finished.error)}
        </p>
      )}
      {result && (
        <div className="improve__result" data-testid="improve-result">
          <p>
            {t('improve.summary', {
              train: result.trainPhotos,
              heldOut: result.heldOutPhotos,
              groups: result.groups,
            })}
          </p>
          {result.heldOutPhotos === 0 && (
            <p className="inline-error" role="note">
              {t('improve.noHeldOut')}
            </p>
          )}
          {result.newLabels.length > 0 && (
            <p>
              {t('improve.newLabels')}{' '}
              <span className="chips">
                {result.newLabels.map((label) => (
                  <LabelChip key={label} label={label} size="sm" />
                ))}
              </span>
            </p>
          )}
          <div className="table-scroll">
            <table className="table" data-testid="improve-compare">
              <thead>
                <tr>
                  <th>{t('improve.heldOut')}</th>
                  <th className="num">
                    {t('improve.before')}
                    <div className="muted small mono">{result.parentModelId}</div>
                  </th>
                  <th className="num">
                    {t('improve.after')}
                    <div className="muted small mono">{result.modelId}</div>
                  </th>
                </tr>
              </thead>
              <tbody>
                <tr>
                  <td>{t('summary.accuracy')}</td>
                  <td className="num">{pct(result.before.accuracy)}</td>
                  <td className="num">{pct(result.after.accuracy)}</td>
                </tr>
                <tr>
                  <td>{t('summary.balancedAccuracy')}</td>
                  <td className="num">{pct(result.before.balancedAccuracy)}</td>
                  <td className="num">{pct(result.after.balancedAccuracy)}</td>
                </tr>
                {result.labels.map((label) => (
                  <tr key={label}>
                    <td>
                      {t('improve.recall')} <LabelChip label={label} size="sm" />
                    </td>
                    <td className="num">{pct(recallOf(result.before, label))}</td>
                    <td className="num">{pct(recallOf(result.after, label))}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="compare__grid">
            <div className="compare__col">
              <h3>{t('improve.before')}</h3>
              <ConfusionMatrix matrix={result.before.confusion} />
            </div>
            <div className="compare__col">
              <h3>{t('improve.after')}</h3>
              <ConfusionMatrix matrix={result.after.confusion} />
            </div>
          </div>
          <p className="muted small">
            {t('improve.written')} <code>{result.dir}</code>
          </p>
          <div className="form-actions">
            {activatedId === result.modelId ? (
              <p role="status">{t('improve.activated', { modelId: result.modelId })}</p>
            ) : (
              <button
                type="button"
                className="btn btn--primary"
                disabled={busy}
                onClick={() => void activate(result.modelId)}
                data-testid="improve-activate"
              >
                {t('improve.activate')}
              </button>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
