/**
 * Export the labeled dataset: choose formats, which photos, an optional train/val/test
 * split and the folder; see exactly what will be written (export.preview) before writing;
 * follow the progress; open the folder when done (desktop).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  ExportFormat,
  ExportOptions,
  ExportPlan,
  ExportResult,
  ImageFilter,
} from '../../../electron/contract.js';
import { ContractError } from '../../client/contract-error.js';
import { JobProgress } from '../../components/JobProgress.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { FolderField } from '../../components/FolderField.js';
import { useClient } from '../../state/client-context.js';
import { useReportError } from '../../state/errors.js';
import { useJob, useJobs } from '../../state/jobs.js';
import { hasFilter } from '../../state/review-query.js';
import { BundleExport } from './BundleExport.js';
import { ExportPlanView } from './ExportPlanView.js';

const formats: { id: ExportFormat; title: MessageKey; hint: MessageKey }[] = [
  { id: 'folders', title: 'export.format.folders', hint: 'export.format.foldersHint' },
  { id: 'metadata-csv', title: 'export.format.metadata', hint: 'export.format.metadataHint' },
  { id: 'labels-csv', title: 'export.format.labels', hint: 'export.format.labelsHint' },
];

export function ExportScreen(props: {
  reviewFilter: ImageFilter;
  jobId: string | null;
  /** A started export, or null to put a finished one away. */
  onJobChange(jobId: string | null): void;
}) {
  const { t, errorText } = useI18n();
  const client = useClient();
  const report = useReportError();
  const { track } = useJobs();
  const job = useJob(props.jobId);
  const { cancel } = useJobs();
  const [dest, setDest] = useState('');
  const [chosen, setChosen] = useState<ExportFormat[]>(['folders', 'metadata-csv', 'labels-csv']);
  const [reviewedOnly, setReviewedOnly] = useState(true);
  const [includeUnsure, setIncludeUnsure] = useState(false);
  const [useSplit, setUseSplit] = useState(false);
  const [split, setSplit] = useState({ train: 80, val: 10, test: 10 });
  const [useFilter, setUseFilter] = useState(false);
  const [plan, setPlan] = useState<{ key: string; plan: ExportPlan } | null>(null);
  const [busy, setBusy] = useState(false);

  const splitSum = split.train + split.val + split.test;
  const options: ExportOptions = {
    dest: dest.trim(),
    formats: chosen,
    reviewedOnly,
    includeUnsure,
    ...(useSplit ? { split } : {}),
    ...(useFilter && hasFilter(props.reviewFilter) ? { filter: props.reviewFilter } : {}),
  };
  const key = JSON.stringify(options);
  const currentPlan = plan?.key === key ? plan.plan : null;
  const running = job?.status === 'running';
  const valid = options.dest !== '' && chosen.length > 0 && (!useSplit || splitSum === 100);
  const result = job?.finished?.result as ExportResult | null | undefined;

  // The main process's reason is English: say it in the UI's language (the files are there).
  const reportOpenFailed = useCallback(
    (dest: string) =>
      report(
        new ContractError({ code: 'INTERNAL', message: t('export.openFolderFailed', { dest }) }),
      ),
    [report, t],
  );
  // On the desktop the finished export opens in the file manager, once per export.
  const opened = useRef<string | null>(null);
  const desktop = client.desktop;
  useEffect(() => {
    if (!desktop || !result || job?.finished?.status !== 'done' || opened.current === job.id)
      return;
    opened.current = job.id;
    desktop.openFolder(result.dest).catch(() => reportOpenFailed(result.dest));
  }, [desktop, result, job, reportOpenFailed]);

  async function preview() {
    setBusy(true);
    try {
      setPlan({ key, plan: await client.invoke('export.preview', options) });
      // A new plan replaces the report of the previous (finished) export.
      if (job && job.status !== 'running') props.onJobChange(null);
    } catch (error) {
      report(error, t('export.title'));
    } finally {
      setBusy(false);
    }
  }

  async function write() {
    setBusy(true);
    try {
      const { jobId } = await client.invoke('export.start', options);
      // A plan describes one write; the next export needs a new preview.
      setPlan(null);
      track(jobId, 'export');
      props.onJobChange(jobId);
    } catch (error) {
      report(error, t('export.title'));
    } finally {
      setBusy(false);
    }
  }

  const toggleFormat = (id: ExportFormat, on: boolean) =>
    setChosen((current) => (on ? [...new Set([...current, id])] : current.filter((f) => f !== id)));

  return (
    <div className="screen screen--page" data-testid="screen-export">
      <div className="page page--wide">
        <h1>{t('export.title')}</h1>
        <p className="lead">{t('export.lead')}</p>
        <div className="export-layout">
          <section className="card export-form">
            <fieldset>
              <legend>{t('export.formats')}</legend>
              {formats.map((format) => (
                <label key={format.id} className="check check--block">
                  <input
                    type="checkbox"
                    checked={chosen.includes(format.id)}
                    data-testid={`export-format-${format.id}`}
                    onChange={(e) => toggleFormat(format.id, e.target.checked)}
                  />
                  <span>
                    <strong>{t(format.title)}</strong>
                    <span className="muted small"> — {t(format.hint)}</span>
                  </span>
                </label>
              ))}
            </fieldset>
            <fieldset>
              <legend>{t('export.which')}</legend>
              <label className="check check--block">
                <input
                  type="radio"
                  name="which"
                  checked={reviewedOnly}
                  onChange={() => setReviewedOnly(true)}
                  data-testid="export-reviewed-only"
                />
                <span>
                  <strong>{t('export.reviewedOnly')}</strong>
                  <span className="muted small"> — {t('export.reviewedOnlyHint')}</span>
                </span>
              </label>
              <label className="check check--block">
                <input
                  type="radio"
                  name="which"
                  checked={!reviewedOnly}
                  onChange={() => setReviewedOnly(false)}
                  data-testid="export-all"
                />
                <span>
                  <strong>{t('export.all')}</strong>
                  <span className="muted small"> — {t('export.allHint')}</span>
                </span>
              </label>
              <label className="check check--block">
                <input
                  type="checkbox"
                  checked={includeUnsure}
                  onChange={(e) => setIncludeUnsure(e.target.checked)}
                  data-testid="export-include-unsure"
                />
                <span>
                  <strong>{t('export.includeUnsure')}</strong>
                  <span className="muted small"> — {t('export.includeUnsureHint')}</span>
                </span>
              </label>
              {hasFilter(props.reviewFilter) && (
                <label className="check check--block">
                  <input
                    type="checkbox"
                    checked={useFilter}
                    onChange={(e) => setUseFilter(e.target.checked)}
                  />
                  <span>{t('export.useFilter')}</span>
                </label>
              )}
            </fieldset>
            <fieldset>
              <legend>{t('export.split')}</legend>
              <label className="check check--block">
                <input
                  type="checkbox"
                  checked={useSplit}
                  onChange={(e) => setUseSplit(e.target.checked)}
                  data-testid="export-split"
                />
                <span>
                  <strong>{t('export.splitOn')}</strong>
                  <span className="muted small"> — {t('export.splitHint')}</span>
                </span>
              </label>
              {useSplit && (
                <div className="split-fields">
                  {(['train', 'val', 'test'] as const).map((part) => (
                    <label key={part} className="field field--percent">
                      <span className="field__label">{part}</span>
                      <span className="field__suffix">
                        <input
                          type="number"
                          min={0}
                          max={100}
                          value={split[part]}
                          onChange={(e) =>
                            setSplit({
                              ...split,
                              [part]: Math.max(
                                0,
                                Math.min(100, Math.round(Number(e.target.value) || 0)),
                              ),
                            })
                          }
                        />
                        %
                      </span>
                    </label>
                  ))}
                  {splitSum !== 100 && (
                    <span className="inline-error">{t('export.splitSum', { sum: splitSum })}</span>
                  )}
                </div>
              )}
            </fieldset>
            <fieldset>
              <legend>{t('export.dest')}</legend>
              <FolderField
                purpose="export"
                value={dest}
                onChange={setDest}
                choose={t('export.chooseFolder')}
                placeholder={t('export.destPlaceholder')}
                hint={t('export.destHint')}
                testId="export-dest"
              />
            </fieldset>
            <div className="form-actions">
              <button
                type="button"
                className="btn btn--large"
                disabled={!valid || busy || running}
                onClick={() => void preview()}
                data-testid="export-preview"
              >
                {t('export.preview')}
              </button>
              <button
                type="button"
                className="btn btn--primary btn--large"
                disabled={!valid || busy || running || !currentPlan}
                onClick={() => void write()}
                data-testid="export-write"
                title={currentPlan ? undefined : t('export.previewFirst')}
              >
                {currentPlan
                  ? t('export.write', { count: currentPlan.total })
                  : t('export.writeDisabled')}
              </button>
            </div>
            {plan && !currentPlan && <p className="muted small">{t('export.planOutdated')}</p>}
          </section>
          <div className="export-side">
            {!currentPlan && !job && (
              <section className="card card--placeholder">
                <p className="muted">{t('export.previewFirst')}</p>
              </section>
            )}
            {currentPlan && !result && (
              <section className="card">
                <h2>{t('export.planTitle')}</h2>
                <ExportPlanView plan={currentPlan} />
              </section>
            )}
            {job && (
              <section className="card">
                {!result && <JobProgress job={job} onCancel={() => void cancel(job.id)} />}
                {job.finished?.error && (
                  <p className="inline-error" role="alert">
                    {errorText(job.finished.error)}
                  </p>
                )}
                {result && job.finished?.status === 'done' && (
                  <div className="result result--done" data-testid="export-done">
                    <h2>{t('export.done', { count: result.total })}</h2>
                    <ExportPlanView plan={result} written />
                    {client.desktop && (
                      <button
                        type="button"
                        className="btn btn--primary"
                        onClick={() =>
                          void client.desktop
                            ?.openFolder(result.dest)
                            .catch(() => reportOpenFailed(result.dest))
                        }
                      >
                        {t('export.openFolder')}
                      </button>
                    )}
                  </div>
                )}
              </section>
            )}
          </div>
        </div>
        <BundleExport />
      </div>
    </div>
  );
}
