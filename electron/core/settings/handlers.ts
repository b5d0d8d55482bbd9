/** Per-library settings: the reviewer name recorded on decisions and the UI language. */
import type { Settings } from '../../contract.js';
import type { CoreContext, HandlerMap } from '../context.js';
import { writeTransaction, type Db } from '../library/database.js';

const DEFAULTS: Settings = { reviewer: '', language: 'pt-BR' };

export function readSettings(db: Db): Settings {
  const rows = db.prepare('SELECT key, value FROM settings').all() as {
    key: string;
    value: string;
  }[];
  const settings: Settings = { ...DEFAULTS };
  for (const { key, value } of rows) {
    if (key === 'reviewer') settings.reviewer = value;
    if (key === 'language' && (value === 'pt-BR' || value === 'en')) settings.language = value;
  }
  return settings;
}

export function createSettingsHandlers(
  ctx: CoreContext,
): HandlerMap<'settings.get' | 'settings.set'> {
  const upsert = ctx.db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
  );
  return {
    'settings.get': () => readSettings(ctx.db),
    'settings.set': (changes) => {
      writeTransaction(ctx.db, () => {
        if (changes.reviewer !== undefined) upsert.run('reviewer', changes.reviewer);
        if (changes.language !== undefined) upsert.run('language', changes.language);
      });
      return readSettings(ctx.db);
    },
  };
}
