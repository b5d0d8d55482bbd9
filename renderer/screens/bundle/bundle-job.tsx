/**
 * What the two bundle cards (Export: write one; Import: merge one) share: the job that
 * carries the bundle, found again after a reload like the other jobs, the bundle file
 * field, and how the job ended (progress and Cancel, the failure, a cancel).
 */
import { useState } from 'react';
import type { JobKind } from '../../../electron/contract.js';
import { JobProgress } from '../../components/JobProgress.js';
import { useI18n } from '../../i18n/i18n.js';
import { useReportError } from '../../state/errors.js';
import { useCardJob, useJobs, type JobView } from '../../state/jobs.js';

type BundleJobKind = Extract<JobKind, 'bundle-export' | 'bundle-import'>;

export interface BundleJob<Result> {
  job: JobView | undefined;
  /** The result of a job that finished well, else null. */
  result: Result | null;
  /** A job runs, or one is being started: the start button waits. */
  busy: boolean;
  /** Starts the job (`begin` asks the core for it) and shows it; a refusal is reported. */
  start(begin: () => Promise<{ jobId: string }>, errorTitle: string): Promise<void>;
  cancel(): void;
}

export function useBundleJob<Result>(kind: BundleJobKind): BundleJob<Result> {
  const report = useReportError();
  const [starting, setStarting] = useState(false);
  const { track, cancel } = useJobs();
  const { job, show } = useCardJob(kind);
  const finished = job?.finished ?? null;
  return {
    job,
    result: finished?.status === 'done' ? (finished.result as Result) : null,
    busy: starting || job?.status === 'running',
    async start(begin, errorTitle) {
      setStarting(true);
      try {
        const { jobId } = await begin();
        track(jobId, kind);
        show(jobId);
      } catch (error) {
        report(error, errorTitle);
      } finally {
        setStarting(false);
      }
    },
    cancel() {
      if (job) void cancel(job.id);
    },
  };
}

/** The bundle file's path, typed as is (a USB stick's folder, say). */
export function BundleFileField(props: {
  value: string;
  testId: string;
  onChange(value: string): void;
}) {
  const { t } = useI18n();
  return (
    <label className="field">
      <span className="field__label">{t('bundle.file')}</span>
      <input
        type="text"
        className="mono"
        value={props.value}
        placeholder="/media/inspector/USB/reboiler-a.idbundle"
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}

/** While the job runs: its progress and Cancel. Once it failed or was cancelled: why. */
export function BundleJobStatus(props: { job: BundleJob<unknown>; testIdPrefix: string }) {
  const { t, errorText } = useI18n();
  const { job } = props.job;
  const finished = job?.finished ?? null;
  return (
    <>
      {job && !finished && <JobProgress job={job} unit="unit.photos" onCancel={props.job.cancel} />}
      {finished?.status === 'failed' && finished.error && (
        <p className="inline-error" role="alert" data-testid={`${props.testIdPrefix}-error`}>
          {errorText(finished.error)}
        </p>
      )}
      {finished?.status === 'cancelled' && (
        <p className="warn" role="status" data-testid={`${props.testIdPrefix}-cancelled`}>
          {t('bundle.cancelled')}
        </p>
      )}
    </>
  );
}
