/**
 * Import: choose the SD card (or a folder), start, watch progress with counts, rate and
 * ETA, cancel if needed, then see what could not be imported and go review.
 */
import { useState } from 'react';
import type { ImportSummary } from '../../../electron/contract.js';
import { JobProgress } from '../../components/JobProgress.js';
import { useI18n } from '../../i18n/i18n.js';
import { useClient } from '../../state/client-context.js';
import { useReportError } from '../../state/errors.js';
import { useJob, useJobs } from '../../state/jobs.js';
import { useInvoke } from '../../state/use-invoke.js';
import { BundleImport } from './BundleImport.js';
import { ImportResult } from './ImportResult.js';
import { SourcePicker } from './SourcePicker.js';

export function ImportScreen(props: {
  jobId: string | null;
  onJobStarted(jobId: string): void;
  onReviewImport(importId: number): void;
}) {
  const { t, format, errorText } = useI18n();
  const client = useClient();
  const report = useReportError();
  const { track, cancel } = useJobs();
  const job = useJob(props.jobId);
  const [source, setSource] = useState('');
  const [classify, setClassify] = useState(true);
  const [starting, setStarting] = useState(false);
  const imports = useInvoke('library.imports', {}, { reloadOn: ['import'], throttleMs: 2000 });
  const running = job?.status === 'running';
  const finished = job?.finished?.result as ImportSummary | null | undefined;

  async function start() {
    setStarting(true);
    try {
      const { jobId } = await client.invoke('ingest.start', { source: source.trim(), classify });
      track(jobId, 'import');
      props.onJobStarted(jobId);
    } catch (error) {
      report(error, t('import.title'));
    } finally {
      setStarting(false);
    }
  }

  const earlier = (imports.data ?? []).slice().sort((a, b) => b.importId - a.importId);

  return (
    <div className="screen screen--page" data-testid="screen-import">
      <div className="page">
        <h1>{t('import.title')}</h1>
        <p className="lead">{t('import.lead')}</p>
        <section className="card">
          <form
            className="import-form"
            onSubmit={(event) => {
              event.preventDefault();
              void start();
            }}
          >
            <SourcePicker value={source} onChange={setSource} disabled={running || starting} />
            <label className="check">
              <input
                type="checkbox"
                checked={classify}
                disabled={running}
                onChange={(e) => setClassify(e.target.checked)}
              />
              {t('import.classify')}
            </label>
            <div className="form-actions">
              <button
                type="submit"
                className="btn btn--primary btn--large"
                disabled={running || starting || source.trim() === ''}
                data-testid="import-start"
              >
                {t('import.start')}
              </button>
            </div>
          </form>
          {job && !finished && (
            <JobProgress job={job} unit="unit.files" onCancel={() => void cancel(job.id)} />
          )}
          {job?.finished?.error && (
            <p className="inline-error" role="alert">
              {errorText(job.finished.error)}
            </p>
          )}
        </section>
        {finished && (
          <ImportResult
            summary={finished}
            onReview={() => props.onReviewImport(finished.importId)}
          />
        )}
        <BundleImport />
        {earlier.length > 0 && (
          <section className="card">
            <h2>{t('import.earlier')}</h2>
            <div className="table-scroll">
              <table className="table" data-testid="import-history">
                <thead>
                  <tr>
                    <th>#</th>
                    <th>{t('import.colSource')}</th>
                    <th>{t('import.colWhen')}</th>
                    <th className="num">{t('counter.imported')}</th>
                    <th className="num">{t('counter.duplicates')}</th>
                    <th className="num">{t('counter.errors')}</th>
                    <th>{t('import.colStatus')}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {earlier.map((imp) => (
                    <tr key={imp.importId}>
                      <td>{imp.importId}</td>
                      <td className="mono ellipsis" title={imp.source}>
                        {imp.source}
                      </td>
                      <td>{format.dateTime(imp.startedAt)}</td>
                      <td className="num">{format.number(imp.imported)}</td>
                      <td className="num">{format.number(imp.duplicates)}</td>
                      <td className={`num ${imp.errors > 0 ? 'warn' : ''}`}>
                        {format.number(imp.errors)}
                      </td>
                      <td>{t(`import.status.${imp.status}`)}</td>
                      <td>
                        <button
                          type="button"
                          className="btn btn--small"
                          onClick={() => props.onReviewImport(imp.importId)}
                        >
                          {t('nav.review')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
