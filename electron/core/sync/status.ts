/** `sync.status`: what the Settings screen shows about sync, from the library alone. */
import type { SyncStatus } from '../../contract.js';
import type { Db } from '../library/database.js';
import { deviceIdOf } from './device.js';

export function syncStatus(db: Db): SyncStatus {
  const hubs = db
    .prepare('SELECT DISTINCT hub FROM sync_state ORDER BY hub')
    .pluck()
    .all() as string[];
  const value = db.prepare('SELECT value FROM sync_state WHERE hub = ? AND key = ?').pluck();
  const photos = db.prepare('SELECT count(*) FROM images').pluck().get() as number;
  const pushed = db.prepare('SELECT count(*) FROM sync_pushed_photos WHERE hub = ?').pluck();
  const eventsAfter = db.prepare('SELECT count(*) FROM label_events WHERE id > ?').pluck();
  return {
    deviceId: deviceIdOf(db),
    conflicts: db.prepare('SELECT count(*) FROM label_conflicts').pluck().get() as number,
    hubs: hubs.map((hub) => ({
      hub,
      lastSyncAt: (value.get(hub, 'lastSyncAt') as string | undefined) ?? null,
      photosToSend: Math.max(0, photos - (pushed.get(hub) as number)),
      eventsToSend: eventsAfter.get(Number(value.get(hub, 'eventsPushedId') ?? 0)) as number,
    })),
  };
}
