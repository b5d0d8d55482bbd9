/**
 * The core opens a library with an explicit better-sqlite3 binary (the desktop app's
 * Electron build), and says what to run when that binary is missing. The wrong-ABI case
 * needs a second runtime: test/desktop-abi.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app.js';
import { CoreError } from '../../electron/core/errors.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const require = createRequire(import.meta.url);
const nodeBuild = path.join(
  path.dirname(require.resolve('better-sqlite3/package.json')),
  'build',
  'Release',
  'better_sqlite3.node',
);

describe('the core with an explicit SQLite binary (nativeBinding)', () => {
  it('opens and migrates a library through the binary it is given', async () => {
    const core = await createCore({ libraryDir: tempDir(), nativeBinding: nodeBuild });
    try {
      await core.invoke('settings.set', { reviewer: 'Ana' });
      expect((await core.invoke('settings.get', {})).reviewer).toBe('Ana');
      expect(await core.invoke('library.summary', {})).toEqual(
        expect.objectContaining({ total: 0 }),
      );
    } finally {
      await core.close();
    }
  });

  it('refuses a missing binary with what to run, in both languages, creating no library', async () => {
    const libraryDir = path.join(tempDir(), 'library');
    const missing = path.join(tempDir(), 'native', 'electron-abi150', 'better_sqlite3.node');
    const failure = await createCore({ libraryDir, nativeBinding: missing }).catch(
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CoreError);
    const error = failure as CoreError;
    expect(error.code).toBe('LIBRARY_INVALID');
    expect(error.localized?.key).toBe('library.nativeBindingMissing');
    expect(error.messageIn('en')).toContain(missing);
    expect(error.messageIn('en')).toContain('npm run prepare:electron');
    expect(error.messageIn('pt-BR')).toContain('não foi encontrado');
    const { existsSync } = await import('node:fs');
    expect(existsSync(libraryDir)).toBe(false);
  });
});
