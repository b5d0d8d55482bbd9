/**
 * Settings: "Sync now" with the hub. The two addresses are saved in the library's
 * settings, never a password: the core refuses an address that holds one, and the
 * credentials come from the environment Inspection Desk was started in (PGUSER,
 * PGPASSWORD, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), as the CLI's sync takes them.
 * The sync runs as a job: progress and Cancel here, found again after a reload.
 */
import { useEffect, useRef, useState } from 'react';
import type { HubAddresses, HubSyncResult } from '../../../electron/contract.js';
import { JobProgress } from '../../components/JobProgress.js';
import { useI18n, type MessageKey } from '../../i18n/i18n.js';
import { useClient } from '../../state/client-context.js';
import { useReportError } from '../../state/errors.js';
import { useCardJob, useJobs } from '../../state/jobs.js';
import { useInvoke } from '../../state/use-invoke.js';

function unitOf(phase: string): MessageKey {
  return phase.startsWith('photos') ? 'unit.photos' : 'hubSync.unitDecisions';
}

export function HubSync(props: { onFinished(): void }) {
  const { t, errorText, format } = useI18n();
  const client = useClient();
  const report = useReportError();
  const { track, cancel } = useJobs();
  const saved = useInvoke('sync.hub', {});
  const [hub, setHub] = useState<HubAddresses | null>(null);
  const [database, setDatabase] = useState('');
  const [objects, setObjects] = useState('');
  const [busy, setBusy] = useState(false);
  const [savedNow, setSavedNow] = useState(false);
  useEffect(() => {
    if (!saved.data) return;
    setHub(saved.data);
    setDatabase(saved.data.database);
    setObjects(saved.data.objects);
  }, [saved.data]);

  // A sync started before a reload (or from another window) is adopted.
  const { job, show } = useCardJob('sync');
  const finished = job?.finished ?? null;
  const result = finished?.status === 'done' ? (finished.result as HubSyncResult) : null;

  // The status card above reloads once a sync ends, whatever its outcome.
  const reported = useRef<string | null>(null);
  const { onFinished } = props;
  useEffect(() => {
    if (finished && reported.current !== finished.id) {
      reported.current = finished.id;
      onFinished();
    }
  }, [finished, onFinished]);

  const changed =
    database.trim() !== (hub?.database ?? '') || objects.trim() !== (hub?.objects ?? '');
  const filled = database.trim() !== '' && objects.trim() !== '';
  const syncing = job?.status === 'running';

  /** Saves the addresses; false (the error shown) when the core refuses them. */
  async function save(): Promise<boolean> {
    try {
      const stored = await client.invoke('sync.setHub', {
        database: database.trim(),
        objects: objects.trim(),
      });
      setHub(stored);
      setSavedNow(true);
      return true;
    } catch (error) {
      report(error, t('hubSync.title'));
      return false;
    }
  }

  async function syncNow() {
    setBusy(true);
    try {
      if (changed && !(await save())) return;
      setSavedNow(false);
      const { jobId: id } = await client.invoke('sync.start');
      track(id, 'sync');
      show(id);
    } catch (error) {
      report(error, t('hubSync.title'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="hub-sync" data-testid="hub-sync">
      <h3>{t('hubSync.title')}</h3>
      <form
        className="import-form"
        onSubmit={(event) => {
          event.preventDefault();
          void syncNow();
        }}
      >
        <AddressField
          label={t('hubSync.database')}
          value={database}
          placeholder="postgres://hub.plant:5432/inspections"
          testId="hub-database"
          onChange={(value) => {
            setDatabase(value);
            setSavedNow(false);
          }}
        />
        <AddressField
          label={t('hubSync.objects')}
          value={objects}
          placeholder="https://s3.plant:9000/inspection-photos"
          testId="hub-objects"
          onChange={(value) => {
            setObjects(value);
            setSavedNow(false);
          }}
        />
        <p className="muted small" data-testid="hub-credentials-hint">
          {t('hubSync.credentials')}
        </p>
        <div className="form-actions">
          <button
            type="button"
            className="btn"
            disabled={!changed || busy}
            data-testid="hub-save"
            onClick={() => void save()}
          >
            {t('hubSync.save')}
          </button>
          {savedNow && !changed && (
            <span className="ok" data-testid="hub-saved">
              ✓ {t('settings.saved')}
            </span>
          )}
          <button
            type="submit"
            className="btn btn--primary"
            disabled={!filled || busy || syncing}
            data-testid="hub-sync-now"
          >
            {t('hubSync.now')}
          </button>
        </div>
      </form>
      {job && !finished && (
        <JobProgress
          job={job}
          unit={unitOf(job.progress.phase)}
          onCancel={() => void cancel(job.id)}
        />
      )}
      {finished?.status === 'failed' && finished.error && (
        <p className="inline-error" role="alert" data-testid="hub-sync-error">
          {errorText(finished.error)}
        </p>
      )}
      {finished?.status === 'cancelled' && (
        <p className="warn" role="status" data-testid="hub-sync-cancelled">
          {t('hubSync.cancelled')}
        </p>
      )}
      {result && (
        <p role="status" data-testid="hub-sync-done">
          {t('hubSync.done', {
            sent: format.number(result.photosUploaded),
            eventsSent: format.number(result.eventsPushed),
            received: format.number(result.photosDownloaded),
            eventsReceived: format.number(result.eventsPulled),
            took: format.duration(result.durationMs / 1000),
          })}{' '}
          {result.conflicts > 0 && t('bundle.conflicts', { count: result.conflicts })}
        </p>
      )}
    </div>
  );
}

/** An address typed as is: monospaced, never autocompleted or spell-checked. */
function AddressField(props: {
  label: string;
  value: string;
  placeholder: string;
  testId: string;
  onChange(value: string): void;
}) {
  return (
    <label className="field">
      <span className="field__label">{props.label}</span>
      <input
        type="text"
        className="mono"
        value={props.value}
        placeholder={props.placeholder}
        autoComplete="off"
        spellCheck={false}
        data-testid={props.testId}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
