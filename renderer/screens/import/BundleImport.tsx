/**
 * Import screen: merge a bundle another laptop wrote (USB stick). Importing the same
 * bundle again changes nothing; photos two people labeled differently are counted and
 * found with the review screen's "Reviewers disagree" filter.
 */
import { useState } from 'react';
import type { BundleImportResult } from '../../../electron/contract.js';
import { JobProgress } from '../../components/JobProgress.js';
import { useI18n } from '../../i18n/i18n.js';
import { useClient } from '../../state/client-context.js';
import { useReportError } from '../../state/errors.js';
import { useCardJob, useJobs } from '../../state/jobs.js';

export function BundleImport() {
  const { t, errorText } = useI18n();
  const client = useClient();
  const report = useReportError();
  const [file, setFile] = useState('');
  const [busy, setBusy] = useState(false);
  // A job (progress, Cancel), found again after a reload like the other jobs.
  const { track, cancel } = useJobs();
  const { job, show } = useCardJob('bundle-import');
  const finished = job?.finished ?? null;
  const result = finished?.status === 'done' ? (finished.result as BundleImportResult) : null;
  const running = job?.status === 'running';

  async function run() {
    setBusy(true);
    try {
      const { jobId } = await client.invoke('bundle.startImport', { file: file.trim() });
      track(jobId, 'bundle-import');
      show(jobId);
    } catch (error) {
      report(error, t('bundle.importTitle'));
    } finally {
      setBusy(false);
    }
  }

  const nothingNew =
    result !== null &&
    result.imagesAdded === 0 &&
    result.eventsAdded === 0 &&
    result.predictionsAdded === 0;
  return (
    <section className="card" data-testid="bundle-import">
      <h2>{t('bundle.importTitle')}</h2>
      <p className="hint">{t('bundle.importLead')}</p>
      <form
        className="import-form"
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <label className="field">
          <span className="field__label">{t('bundle.file')}</span>
          <input
            type="text"
            className="mono"
            value={file}
            placeholder="/media/inspector/USB/reboiler-a.idbundle"
            data-testid="bundle-import-file"
            onChange={(e) => setFile(e.target.value)}
          />
        </label>
        <div className="form-actions">
          <button
            type="submit"
            className="btn btn--primary"
            disabled={busy || running || file.trim() === ''}
            data-testid="bundle-import-start"
          >
            {t('bundle.importStart')}
          </button>
        </div>
      </form>
      {job && !finished && (
        <JobProgress job={job} unit="unit.photos" onCancel={() => void cancel(job.id)} />
      )}
      {finished?.status === 'failed' && finished.error && (
        <p className="inline-error" role="alert" data-testid="bundle-import-error">
          {errorText(finished.error)}
        </p>
      )}
      {finished?.status === 'cancelled' && (
        <p className="warn" role="status" data-testid="bundle-import-cancelled">
          {t('bundle.cancelled')}
        </p>
      )}
      {result && (
        <div data-testid="bundle-import-result" role="status">
          <p>
            {t('bundle.importDone', {
              photos: result.imagesAdded,
              events: result.eventsAdded,
              predictions: result.predictionsAdded,
            })}
          </p>
          {nothingNew && <p className="hint">{t('bundle.nothingNew')}</p>}
          {result.conflicts > 0 && (
            <p className="warn" data-testid="bundle-import-conflicts">
              {t('bundle.conflicts', { count: result.conflicts })}
            </p>
          )}
        </div>
      )}
    </section>
  );
}
