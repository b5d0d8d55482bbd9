/**
 * `sync.start`: the Settings screen's "Sync now". Syncs with the hub whose addresses are
 * saved in settings, as a job (progress, Cancel, reattached after a reload like the
 * other jobs). Credentials come from the environment of the process running the core
 * (PGUSER/PGPASSWORD or PGPASSFILE, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), never
 * from the library. Cancel stops between photos and batches; what was committed stays,
 * so the next sync resumes from it.
 */
import type { HubAddresses } from '../../contract.js';
import type { CoreContext } from '../context.js';
import { CoreError } from '../errors.js';
import { writeTransaction } from '../library/database.js';
import { checkDatabaseUrl, checkObjectsUrl, parseHubAddress } from './hub-address.js';
import { syncWithHub, type SyncProgress } from './sync.js';

// Kept in the library's settings table, beside the reviewer and the language.
const DATABASE_KEY = 'hubDatabase';
const OBJECTS_KEY = 'hubObjects';

export function savedHub(ctx: CoreContext): HubAddresses {
  const value = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  return {
    database: (value.get(DATABASE_KEY) as string | undefined) ?? '',
    objects: (value.get(OBJECTS_KEY) as string | undefined) ?? '',
  };
}

/** Saves the addresses; one holding a password or credentials is refused, nothing saved. */
export function saveHub(ctx: CoreContext, hub: HubAddresses): HubAddresses {
  if (hub.database) checkDatabaseUrl(hub.database);
  if (hub.objects) checkObjectsUrl(hub.objects);
  const upsert = ctx.db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  writeTransaction(ctx.db, () => {
    upsert.run(DATABASE_KEY, hub.database);
    upsert.run(OBJECTS_KEY, hub.objects);
  });
  return savedHub(ctx);
}

export function startHubSync(ctx: CoreContext): { jobId: string } {
  const { database: hubDatabase, objects: hubObjects } = savedHub(ctx);
  if (!hubDatabase || !hubObjects) {
    throw new CoreError('INVALID_ARGUMENT', { key: 'hubSync.notConfigured' });
  }
  const address = parseHubAddress(hubDatabase, hubObjects);
  const running = ctx.jobs.running('sync');
  if (running) return { jobId: running.id };
  const job = ctx.jobs.start('sync', async (handle) => {
    handle.progress({ phase: 'connecting', done: 0, total: null });
    const report = (p: SyncProgress) =>
      handle.progress({
        phase: p.phase,
        done: p.done,
        total: p.total,
        bytesDone: p.bytesDone ?? 0,
        bytesTotal: p.bytesTotal ?? null,
      });
    return syncWithHub(ctx, address, {
      stop: () => handle.throwIfCancelled(),
      onPhoto: report,
      // Photos are reported one by one (onPhoto); the other phases as they go.
      onProgress: (p) => {
        if (p.phase !== 'photos-up') report(p);
      },
    });
  });
  return { jobId: job.id };
}
