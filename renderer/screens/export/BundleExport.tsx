/**
 * Export screen: write one bundle file with an inspection's photos, predictions and label
 * history (every card of a grouped inspection), for another laptop (USB stick, no
 * network) to import.
 */
import { useState } from 'react';
import type { BundleExportResult } from '../../../electron/contract.js';
import { JobProgress } from '../../components/JobProgress.js';
import { useI18n } from '../../i18n/i18n.js';
import { useClient } from '../../state/client-context.js';
import { useReportError } from '../../state/errors.js';
import { useCardJob, useJobs } from '../../state/jobs.js';
import { useInvoke } from '../../state/use-invoke.js';

export function BundleExport() {
  const { t, format, errorText } = useI18n();
  const client = useClient();
  const report = useReportError();
  const inspections = useInvoke(
    'inspections.list',
    {},
    { reloadOn: ['import', 'review'], throttleMs: 2000 },
  );
  const [inspectionId, setInspectionId] = useState<number | null>(null);
  const [file, setFile] = useState('');
  const [busy, setBusy] = useState(false);
  // A job (progress, Cancel), found again after a reload like the other jobs.
  const { track, cancel } = useJobs();
  const { job, show } = useCardJob('bundle-export');
  const finished = job?.finished ?? null;
  const result = finished?.status === 'done' ? (finished.result as BundleExportResult) : null;
  const running = job?.status === 'running';
  // Newest inspection first: the one just reviewed is the one to carry.
  const choices = (inspections.data ?? []).slice().reverse();
  const chosen =
    choices.find((i) => i.id === inspectionId) ?? (inspectionId === null ? choices[0] : undefined);

  async function run() {
    if (chosen === undefined) return;
    setBusy(true);
    try {
      const { jobId } = await client.invoke('bundle.startExport', {
        importIds: chosen.importIds,
        file: file.trim(),
      });
      track(jobId, 'bundle-export');
      show(jobId);
    } catch (error) {
      report(error, t('bundle.exportTitle'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card" data-testid="bundle-export">
      <h2>{t('bundle.exportTitle')}</h2>
      <p className="hint">{t('bundle.exportLead')}</p>
      <form
        className="import-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <label className="field">
          <span className="field__label">{t('bundle.inspection')}</span>
          <select
            value={chosen?.id ?? ''}
            data-testid="bundle-export-inspection"
            onChange={(e) => setInspectionId(Number(e.target.value))}
          >
            {choices.map((inspection) => (
              <option key={inspection.id} value={inspection.id}>
                {t('bundle.inspectionChoice', {
                  id: inspection.id,
                  title: inspection.title,
                  date: format.dateTime(inspection.capturedFrom ?? inspection.startedAt),
                  photos: format.number(inspection.photos),
                  cards: inspection.importIds.length,
                })}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t('bundle.file')}</span>
          <input
            type="text"
            className="mono"
            value={file}
            placeholder="/media/inspector/USB/reboiler-a.idbundle"
            data-testid="bundle-export-file"
            onChange={(e) => setFile(e.target.value)}
          />
        </label>
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn--primary"
            disabled={busy || running || chosen === undefined || file.trim() === ''}
            data-testid="bundle-export-start"
          >
            {t('bundle.exportStart')}
          </button>
        </div>
      </form>
      {job && !finished && (
        <JobProgress job={job} unit="unit.photos" onCancel={() => void cancel(job.id)} />
      )}
      {finished?.status === 'failed' && finished.error && (
        <p className="inline-error" role="alert" data-testid="bundle-export-error">
          {errorText(finished.error)}
        </p>
      )}
      {finished?.status === 'cancelled' && (
        <p className="warn" role="status" data-testid="bundle-export-cancelled">
          {t('bundle.cancelled')}
        </p>
      )}
      {result && (
        <p data-testid="bundle-export-result" role="status">
          {t('bundle.exportDone', {
            photos: result.photos,
            events: result.events,
            size: format.bytes(result.bytes),
          })}{' '}
          <span className="mono">{result.file}</span>
        </p>
      )}
    </section>
  );
}
