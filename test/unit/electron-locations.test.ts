import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { hubMigrations } from '../../electron/core/hub/hub-schema.js';
import { defaultLibraryDir } from '../../electron/core/library/default-location.js';
import {
  desktopLibraryDir,
  desktopNativeBinding,
  desktopUserDataDir,
  hubMigrationsDir,
  libraryArgument,
  preloadPath,
  rendererDir,
  shippedModelsDir,
} from '../../electron/main/locations.js';

describe('desktop locations', () => {
  it('reads --library in both spellings, wherever it appears', () => {
    expect(libraryArgument(['electron', '.', '--library', '/data/lib'])).toBe('/data/lib');
    expect(libraryArgument(['/opt/Inspection Desk/inspection-desk', '--library=/data/lib'])).toBe(
      '/data/lib',
    );
    expect(libraryArgument(['inspection-desk', '--library'])).toBeNull();
    expect(libraryArgument(['inspection-desk', '--no-sandbox'])).toBeNull();
  });

  it('defaults to <userData>/library, the very folder defaultLibraryDir() gives on Linux', () => {
    const userData = desktopUserDataDir('/home/ana/.config');
    expect(desktopLibraryDir(['inspection-desk'], userData, {})).toBe(
      defaultLibraryDir('linux', {}, '/home/ana'),
    );
  });

  it('prefers --library, then INSPECTION_DESK_LIBRARY, resolving relative paths', () => {
    const env = { INSPECTION_DESK_LIBRARY: '/env/lib' };
    expect(desktopLibraryDir(['x', '--library', 'rel/lib'], '/ud', env, '/work')).toBe(
      path.resolve('/work', 'rel/lib'),
    );
    expect(desktopLibraryDir(['x'], '/ud', env, '/work')).toBe('/env/lib');
  });

  it('finds shipped models in resources/models when packaged, in the checkout otherwise', () => {
    const packaged = {
      appPath: '/opt/Inspection Desk/resources/app.asar',
      isPackaged: true,
      resourcesPath: '/opt/Inspection Desk/resources',
    };
    expect(shippedModelsDir(packaged)).toBe(path.join('/opt/Inspection Desk/resources', 'models'));
    const dev = { appPath: '/work/main', isPackaged: false, resourcesPath: '/irrelevant' };
    expect(shippedModelsDir(dev)).toBe(path.join('/work/main', 'models'));
    // The renderer and preload travel inside the app (asar) in both cases.
    expect(rendererDir(packaged)).toBe(
      path.join('/opt/Inspection Desk/resources/app.asar', 'dist', 'renderer'),
    );
    expect(preloadPath(dev)).toBe(path.join('/work/main', 'dist-electron', 'preload.cjs'));
  });

  it('finds the hub migrations in resources/hub/migrations when packaged, in the checkout otherwise', () => {
    const packaged = {
      appPath: '/opt/Inspection Desk/resources/app.asar',
      isPackaged: true,
      resourcesPath: '/opt/Inspection Desk/resources',
    };
    expect(hubMigrationsDir(packaged)).toBe(
      path.join('/opt/Inspection Desk/resources', 'hub', 'migrations'),
    );
    // From this checkout, the folder the desktop app is given holds the real SQL files.
    const checkout = fileURLToPath(new URL('../..', import.meta.url));
    const dev = { appPath: checkout, isPackaged: false, resourcesPath: '/irrelevant' };
    const migrations = hubMigrations(hubMigrationsDir(dev));
    expect(migrations[0]?.name).toBe('001-catalog.sql');
    expect(migrations[0]?.sql).toContain('CREATE TABLE label_events');
  });

  it("loads Electron's own SQLite build: the checkout's native/ or, packaged, resources/native", () => {
    const electron = { modules: '150', electron: '45.4.1' };
    const never = () => false;
    const checkout = { appPath: '/src/desk', isPackaged: false, resourcesPath: '/unused' };
    expect(desktopNativeBinding(checkout, electron, never)).toBe(
      path.join('/src/desk', 'native', 'electron-abi150', 'better_sqlite3.node'),
    );
    const packaged = {
      appPath: '/opt/Inspection Desk/resources/app.asar',
      isPackaged: true,
      resourcesPath: '/opt/Inspection Desk/resources',
    };
    // Even when missing: Electron must never fall back to node_modules' Node build.
    expect(desktopNativeBinding(packaged, electron, never)).toBe(
      path.join(
        '/opt/Inspection Desk/resources',
        'native',
        'electron-abi150',
        'better_sqlite3.node',
      ),
    );
  });

  it("under plain Node uses native/node-abi<N> when built, else node_modules' own build", () => {
    const checkout = { appPath: '/src/desk', isPackaged: false, resourcesPath: '' };
    const built = path.join('/src/desk', 'native', 'node-abi127', 'better_sqlite3.node');
    expect(desktopNativeBinding(checkout, { modules: '127' }, (file) => file === built)).toBe(
      built,
    );
    expect(desktopNativeBinding(checkout, { modules: '115' }, (file) => file === built)).toBe(
      undefined,
    );
  });
});
