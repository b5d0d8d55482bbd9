import { cpSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../../electron/contract.js';
import { thumbPath } from '../../electron/core/library/database.js';
import { defaultLibraryDir, userDataDir } from '../../electron/core/library/default-location.js';
import { DESKTOP_CHANNELS, REPORT_PDF_CHANNEL } from '../../electron/shared/desktop-channels.js';
import { useTempDirs } from '../helpers/temp-dir.js';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);

const {
  FakeBrowserWindow,
  app,
  callLog,
  fakeDialog,
  fakeMenu,
  fakeShell,
  findMenuItem,
  ipcMain,
  protocol,
  resetFakeElectron,
  session,
} = await import('./electron-fake.js');
const { startDesktopApp } = await import('../../electron/main/desktop-app.js');

const PAGE = 'app://desk/index.html';
const FIXTURE_MODEL = fileURLToPath(new URL('../fixtures/models/torch-style', import.meta.url));
const resources = process as unknown as { resourcesPath?: string };

describe('desktop app', () => {
  const tempDir = useTempDirs();
  let appData: string;

  beforeEach(() => {
    resetFakeElectron();
    appData = tempDir();
    app.setPath('appData', appData);
    app.appPath = tempDir(); // a checkout without shipped models
    vi.stubEnv('INSPECTION_DESK_LIBRARY', '');
  });

  afterEach(async () => {
    // Quitting closes the library; wait for it so the temp folder can go.
    app.quit();
    // Closing waits for the model preload to settle: seconds on a loaded 2-core machine.
    await vi.waitFor(() => expect(app.quitted).toBe(true), { timeout: 30_000 });
    vi.unstubAllEnvs();
    delete resources.resourcesPath;
  });

  async function start(argv: string[] = ['inspection-desk']) {
    const session = await startDesktopApp(argv);
    if (!session) throw new Error('the app did not start');
    return { session, window: FakeBrowserWindow.instances.at(-1)! };
  }

  it('opens the library in the user-data folder the server and CLI use (Linux)', async () => {
    const { session } = await start();
    const home = '/home/ana';
    expect(app.getPath('userData')).toBe(userDataDir('linux', { XDG_CONFIG_HOME: appData }, home));
    const expected = defaultLibraryDir('linux', { XDG_CONFIG_HOME: appData }, home);
    expect(session.core.context.paths.root).toBe(expected);
    expect(existsSync(path.join(expected, 'library.sqlite'))).toBe(true);
  });

  it('opens the library given with --library instead', async () => {
    const chosen = path.join(tempDir(), 'reboiler-3');
    const { session } = await start(['inspection-desk', '--library', chosen]);
    expect(session.core.context.paths.root).toBe(chosen);
    expect(existsSync(path.join(appData, 'Inspection Desk', 'library'))).toBe(false);
  });

  it('registers app:// before the app is ready, then serves the library photos on it', async () => {
    const { session } = await start();
    expect(callLog.indexOf('protocol.registerSchemesAsPrivileged')).toBeLessThan(
      callLog.indexOf('app.whenReady'),
    );
    const sha = 'ef'.repeat(32);
    const file = thumbPath(session.core.context.paths, sha);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'thumb');
    const response = await protocol.fetch(`app://desk/media/thumbs/${sha}.webp`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('thumb');
  });

  it('answers the page over IPC: the contract and the desktop extras, nothing else', async () => {
    await start();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(
      [IPC_INVOKE_CHANNEL, ...Object.values(DESKTOP_CHANNELS), REPORT_PDF_CHANNEL].sort(),
    );
    expect(await ipcMain.invokeFrom(PAGE, IPC_INVOKE_CHANNEL, 'settings.get', {})).toEqual({
      ok: true,
      result: { reviewer: '', language: 'pt-BR' },
    });
  });

  it('opens one secure window on app://desk with the bundled preload', async () => {
    const { window } = await start();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(window.loadedUrl).toBe(PAGE);
    expect(window.options.webPreferences).toEqual(
      expect.objectContaining({
        preload: path.join(app.appPath, 'dist-electron', 'preload.cjs'),
        sandbox: true,
        contextIsolation: true,
      }),
    );
  });

  it('sandboxes every renderer and guards every web contents, the window included', async () => {
    const { window } = await start();
    // enableSandbox only works before the app is ready.
    expect(callLog.indexOf('app.enableSandbox')).toBeGreaterThanOrEqual(0);
    expect(callLog.indexOf('app.enableSandbox')).toBeLessThan(callLog.indexOf('app.whenReady'));
    expect(app.sandboxEnabled).toBe(true);
    expect(window.webContents.navigate('https://evil.example/')).toBe(true);
    expect(window.webContents.navigateFrame('file:///etc/passwd')).toBe(true);
    expect(window.webContents.navigate('app://desk/review')).toBe(false);
  });

  it('denies every permission the page might ask for', async () => {
    await start();
    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) {
      session.defaultSession.permissionRequestHandler?.(null, permission, (g) => granted.push(g));
    }
    expect(granted).toEqual([false, false, false, false]);
    expect(session.defaultSession.permissionCheckHandler?.(null, 'media', PAGE, {})).toBe(false);
  });

  it("sends the library's events to the window while it is open", async () => {
    const { session, window } = await start();
    session.core.events.emit('library.changed', { imageIds: [7], reason: 'review' });
    expect(window.webContents.sent).toContainEqual([
      IPC_EVENT_CHANNEL,
      'library.changed',
      { imageIds: [7], reason: 'review' },
    ]);
    window.close();
    expect(() =>
      session.core.events.emit('library.changed', { imageIds: [], reason: 'import' }),
    ).not.toThrow();
  });

  it('menu: Import and Export ask the page for the screen; the library folder opens natively', async () => {
    const { session, window } = await start();
    findMenuItem(fakeMenu.installed, 'import')?.click?.();
    findMenuItem(fakeMenu.installed, 'export')?.click?.();
    findMenuItem(fakeMenu.installed, 'shortcuts')?.click?.();
    expect(window.webContents.sent).toEqual([
      [IPC_EVENT_CHANNEL, 'menu.command', { command: 'import' }],
      [IPC_EVENT_CHANNEL, 'menu.command', { command: 'export' }],
      [IPC_EVENT_CHANNEL, 'menu.command', { command: 'shortcuts' }],
    ]);
    findMenuItem(fakeMenu.installed, 'open-library')?.click?.();
    expect(fakeShell.openedPaths).toEqual([session.core.context.paths.root]);
    findMenuItem(fakeMenu.installed, 'about')?.click?.();
    expect(app.aboutPanelShown).toBe(1);
    expect(app.aboutPanelOptions).toEqual(
      expect.objectContaining({ applicationName: 'Inspection Desk', applicationVersion: '0.1.0' }),
    );
  });

  it('speaks Portuguese in the menu on a Portuguese system', async () => {
    app.languages = ['pt-BR', 'en-US'];
    await start();
    expect(findMenuItem(fakeMenu.installed, 'import')?.label).toBe('Importar cartão SD…');
  });

  it('brings the open window forward when launched a second time', async () => {
    const { window } = await start();
    window.minimized = true;
    app.emit('second-instance');
    expect(window.minimized).toBe(false);
    expect(window.focused).toBe(true);
  });

  it('a second launch hands over to the first and quits without touching the library', async () => {
    app.lockAvailable = false;
    expect(await startDesktopApp(['inspection-desk'])).toBeNull();
    expect(app.quitted).toBe(true);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(existsSync(path.join(appData, 'Inspection Desk', 'library'))).toBe(false);
  });

  it('quits when the window closes, closing the library first', async () => {
    const { session, window } = await start();
    window.close();
    app.emit('window-all-closed');
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    // The database is closed: nothing can write to it after the process goes.
    await expect(session.core.invokeUnknown('settings.get', {})).rejects.toThrow();
  });

  it('on macOS with no window, a menu command opens one and is delivered once it loaded', async () => {
    const { window } = await start();
    window.close();
    findMenuItem(fakeMenu.installed, 'import')?.click?.();
    const reopened = FakeBrowserWindow.instances[1]!;
    expect(reopened.webContents.sent).toEqual([]);
    reopened.webContents.emit('did-finish-load');
    expect(reopened.webContents.sent).toEqual([
      [IPC_EVENT_CHANNEL, 'menu.command', { command: 'import' }],
    ]);
  });

  it('reopens a window when the dock icon is clicked with none open (macOS)', async () => {
    const { window } = await start();
    window.close();
    app.emit('activate');
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    expect(FakeBrowserWindow.instances[1]!.loadedUrl).toBe(PAGE);
  });

  it('tells the inspector why a library cannot be opened, then exits', async () => {
    const notAFolder = path.join(tempDir(), 'library.txt');
    writeFileSync(notAFolder, 'not a library');
    vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await startDesktopApp(['inspection-desk', `--library=${notAFolder}`])).toBeNull();
    expect(fakeDialog.errorBoxes).toHaveLength(1);
    expect(fakeDialog.errorBoxes[0]!.content).toContain(notAFolder);
    expect(app.exitCode).toBe(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    vi.mocked(console.error).mockRestore();
  });

  it('installs the model shipped in resources/models when packaged, and hides dev tools', async () => {
    const resourcesPath = tempDir();
    cpSync(FIXTURE_MODEL, path.join(resourcesPath, 'models', 'pipe-obstruction'), {
      recursive: true,
    });
    resources.resourcesPath = resourcesPath;
    app.isPackaged = true;
    const { session } = await start();
    const models = (await session.core.invokeUnknown('models.list', {})) as {
      id: string;
      active: boolean;
    }[];
    expect(models).toEqual([expect.objectContaining({ id: 'tube-fixture@1.0.0', active: true })]);
    const roles = JSON.stringify(fakeMenu.installed);
    expect(roles).not.toContain('toggleDevTools');
    expect(roles).not.toContain('"reload"');
  });

  it('looks for shipped models in the checkout when run with npm start', async () => {
    cpSync(FIXTURE_MODEL, path.join(app.appPath, 'models', 'pipe-obstruction'), {
      recursive: true,
    });
    const { session } = await start();
    const models = (await session.core.invokeUnknown('models.list', {})) as { id: string }[];
    expect(models.map((m) => m.id)).toEqual(['tube-fixture@1.0.0']);
    expect(JSON.stringify(fakeMenu.installed)).toContain('toggleDevTools');
  });
});
