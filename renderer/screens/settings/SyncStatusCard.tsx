/**
 * Settings: sync between laptops. This library's device id, photos two people labeled
 * differently, and for each hub it synced with: when, and what still waits to be sent.
 * "Sync now" (HubSync) runs a sync with the saved hub; credentials stay in the environment.
 */
import { useI18n } from '../../i18n/i18n.js';
import { useInvoke } from '../../state/use-invoke.js';
import { HubSync } from './HubSync.js';

export function SyncStatusCard() {
  const { t, format } = useI18n();
  const status = useInvoke('sync.status', {}, { reloadOn: ['import', 'review'], delayMs: 500 });
  const data = status.data;
  return (
    <section className="card" data-testid="sync-status">
      <h2>{t('sync.title')}</h2>
      {data && (
        <dl className="meta">
          <div>
            <dt>{t('sync.device')}</dt>
            <dd className="meta__mono">{data.deviceId}</dd>
          </div>
          <div>
            <dt>{t('sync.conflicts')}</dt>
            <dd data-testid="sync-conflicts">{format.number(data.conflicts)}</dd>
          </div>
          {data.hubs.length === 0 && (
            <div>
              <dt>{t('sync.hub')}</dt>
              <dd data-testid="sync-never">{t('sync.never')}</dd>
            </div>
          )}
          {data.hubs.map((hub) => (
            <div key={hub.hub} data-testid="sync-hub">
              <dt>{t('sync.hub')}</dt>
              <dd>
                <span className="meta__mono">{hub.hub}</span>
                <br />
                {hub.lastSyncAt
                  ? t('sync.last', { when: format.dateTime(hub.lastSyncAt) })
                  : t('sync.unfinished')}{' '}
                {t('sync.pending', {
                  photos: format.number(hub.photosToSend),
                  events: format.number(hub.eventsToSend),
                })}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <HubSync onFinished={status.reload} />
      <p className="muted small">{t('sync.hint')}</p>
    </section>
  );
}
