import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app.js';
import { migrations } from '../../electron/core/library/migrations.js';
import { serializeError } from '../../electron/core/errors.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();

describe('core over a real library file', () => {
  it('creates the library folder with a migrated WAL database', async () => {
    const dir = path.join(tempDir(), 'new-library');
    const core = await createCore({ libraryDir: dir, defaultModelDirs: [] });
    await core.close();
    const db = new Database(path.join(dir, 'library.sqlite'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('keeps settings across reopening the library', async () => {
    const dir = tempDir();
    const first = await createCore({ libraryDir: dir, defaultModelDirs: [] });
    await first.invoke('settings.set', { reviewer: 'Ana Souza', language: 'en' });
    await first.close();
    const second = await createCore({ libraryDir: dir, defaultModelDirs: [] });
    expect(await second.invoke('settings.get')).toEqual({ reviewer: 'Ana Souza', language: 'en' });
    expect(second.context.reviewer()).toBe('Ana Souza');
    await second.close();
  });

  it('rejects bad arguments with a message naming the field', async () => {
    const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [] });
    const error = await core
      .invokeUnknown('settings.set', { language: 'fr' })
      .catch((e: unknown) => serializeError(e));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((error as { message: string }).message).toContain('language');
    const unknown = await core
      .invokeUnknown('files.delete', {})
      .catch((e: unknown) => serializeError(e));
    expect(unknown).toMatchObject({ code: 'UNKNOWN_METHOD' });
    await core.close();
  });
});
