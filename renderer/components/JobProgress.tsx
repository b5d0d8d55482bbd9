import type { JobProgress as Progress } from '../../electron/contract.js';
import { useI18n, type MessageKey } from '../i18n/i18n.js';
import type { JobView } from '../state/jobs.js';

const phaseKeys: Record<string, MessageKey> = {
  starting: 'phase.starting',
  scanning: 'phase.scanning',
  importing: 'phase.importing',
  classifying: 'phase.classifying',
  writing: 'phase.writing',
  planning: 'phase.planning',
  embedding: 'phase.embedding',
  converting: 'phase.converting',
  grouping: 'phase.grouping',
  fitting: 'phase.fitting',
  registering: 'phase.registering',
  done: 'phase.done',
  cancelled: 'phase.cancelled',
  failed: 'phase.failed',
  // hub sync and export --hub
  connecting: 'phase.connecting',
  'photos-up': 'phase.photosUp',
  'predictions-up': 'phase.predictionsUp',
  'events-up': 'phase.eventsUp',
  'photos-down': 'phase.photosDown',
  'events-down': 'phase.eventsDown',
  downloading: 'phase.downloading',
  // bundles
  reading: 'phase.reading',
  merging: 'phase.merging',
};

const counterKeys: Record<string, MessageKey> = {
  imported: 'counter.imported',
  duplicates: 'counter.duplicates',
  alreadyDone: 'counter.alreadyDone',
  errors: 'counter.errors',
  classified: 'counter.classified',
  failed: 'counter.failed',
  written: 'counter.written',
  skipped: 'counter.skipped',
  resumed: 'counter.resumed',
  ignored: 'counter.ignored',
  classifyFailed: 'counter.classifyFailed',
};

/** Counters always shown; the others only when something happened (not zero). */
const alwaysShown = new Set(['imported', 'duplicates', 'errors', 'classified']);

/** The name of a job phase in the UI language (unknown phases are shown as they come). */
export function usePhaseName(): (phase: string) => string {
  const { t } = useI18n();
  return (phase) => {
    const key = phaseKeys[phase];
    return key ? t(key) : phase;
  };
}

/** Live progress of one job: phase, bar, counts, bytes, rate, ETA and its counters. */
export function JobProgress(props: { job: JobView; onCancel?: () => void; unit?: MessageKey }) {
  const { t, format } = useI18n();
  const phaseName = usePhaseName();
  const p: Progress = props.job.progress;
  const running = props.job.status === 'running';
  const fraction = p.total ? Math.min(1, p.done / p.total) : null;
  const counters = Object.entries(p.counters).filter(
    ([name, value]) => alwaysShown.has(name) || value > 0,
  );
  return (
    <section
      className={`job-progress job-progress--${props.job.status}`}
      data-testid="job-progress"
      data-status={props.job.status}
      aria-live="polite"
    >
      <div className="job-progress__head">
        <span className="job-progress__phase">{phaseName(p.phase)}</span>
        <span className="job-progress__count" data-testid="job-count">
          {p.total !== null
            ? t('progress.countOf', { done: format.number(p.done), total: format.number(p.total) })
            : t('progress.count', { done: format.number(p.done) })}{' '}
          {t(props.unit ?? 'unit.photos', { n: p.total ?? p.done })}
        </span>
        {running && props.onCancel && (
          <button
            type="button"
            className="btn btn--danger-outline"
            onClick={props.onCancel}
            data-testid="job-cancel"
            // Disabled once the core has the cancel: the job stops at its next step.
            disabled={props.job.cancelRequested === true}
          >
            {props.job.cancelRequested ? t('jobs.cancelling') : t('action.cancel')}
          </button>
        )}
      </div>
      <div
        className={`progress-bar ${fraction === null && running ? 'progress-bar--indeterminate' : ''}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={fraction === null ? undefined : Math.round(fraction * 100)}
      >
        <span className="progress-bar__fill" style={{ width: `${(fraction ?? 0) * 100}%` }} />
      </div>
      <dl className="job-progress__stats">
        {fraction !== null && (
          <div>
            <dt>{t('progress.percent')}</dt>
            <dd>{format.percent(fraction)}</dd>
          </div>
        )}
        <div>
          <dt>{t('progress.rate')}</dt>
          <dd>{t('progress.ratePerSecond', { rate: format.rate(p.rate) })}</dd>
        </div>
        {running && (
          <div>
            <dt>{t('progress.eta')}</dt>
            <dd data-testid="job-eta">
              {p.etaSeconds === null ? t('progress.etaUnknown') : format.duration(p.etaSeconds)}
            </dd>
          </div>
        )}
        {p.bytesDone > 0 && (
          <div>
            <dt>{t('progress.bytes')}</dt>
            <dd>
              {p.bytesTotal
                ? `${format.bytes(p.bytesDone)} / ${format.bytes(p.bytesTotal)}`
                : format.bytes(p.bytesDone)}
            </dd>
          </div>
        )}
        {counters.map(([name, value]) => {
          const key = counterKeys[name];
          return (
            <div
              key={name}
              className={
                (name === 'errors' || name === 'classifyFailed') && value > 0 ? 'stat--warn' : ''
              }
            >
              <dt>{key ? t(key) : name}</dt>
              <dd>{format.number(value)}</dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}
