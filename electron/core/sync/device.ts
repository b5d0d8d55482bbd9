/** This library's device id (migration 4 makes it once, at random). */
import type { Db } from '../library/database.js';

export function deviceIdOf(db: Db): string {
  const id = db.prepare("SELECT value FROM settings WHERE key = 'deviceId'").pluck().get() as
    string | undefined;
  if (!id) throw new Error('The library has no device id: its schema was not migrated.');
  return id;
}

/** The origin of a local import row: where it came from, or this device's own import. */
export function importOriginSql(deviceSql: string): string {
  return `coalesce(origin, ${deviceSql} || '/' || id)`;
}
