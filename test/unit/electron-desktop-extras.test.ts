import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DESKTOP_CHANNELS } from '../../electron/shared/desktop-channels.js';
import { useTempDirs } from '../helpers/temp-dir.js';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);

const { FakeBrowserWindow, fakeDialog, fakeShell, ipcMain } = await import('./electron-fake.js');
const { bindDesktopExtras, removableDrivesOrNone } =
  await import('../../electron/main/desktop-extras.js');
const { desktopStrings } = await import('../../electron/main/desktop-strings.js');

const PAGE = 'app://desk/index.html';

describe('desktop extras over IPC', () => {
  const tempDir = useTempDirs();
  let unbind: () => void;
  let window: InstanceType<typeof FakeBrowserWindow>;

  beforeEach(() => {
    window = new FakeBrowserWindow({});
    fakeDialog.openDialogCalls.length = 0;
    fakeDialog.nextOpenDialogResult = { canceled: false, filePaths: ['/picked/folder'] };
    fakeShell.openedPaths.length = 0;
    fakeShell.openPathResult = '';
    unbind = bindDesktopExtras({
      strings: desktopStrings('en'),
      window: () => window as never,
    });
  });
  afterEach(() => unbind());

  it('opens the native folder dialog over the window and returns the chosen folder', async () => {
    expect(await ipcMain.invokeFrom(PAGE, DESKTOP_CHANNELS.pickFolder, 'export')).toBe(
      '/picked/folder',
    );
    const [owner, options] = fakeDialog.openDialogCalls[0] as [unknown, Record<string, unknown>];
    expect(owner).toBe(window);
    expect(options.properties).toContain('openDirectory');
    expect(options.properties).toContain('createDirectory');
    expect(options.title).toBe('Choose the folder to export to');
  });

  it('returns null when the inspector cancels the dialog', async () => {
    fakeDialog.nextOpenDialogResult = { canceled: true, filePaths: [] };
    expect(await ipcMain.invokeFrom(PAGE, DESKTOP_CHANNELS.pickFolder, 'import')).toBeNull();
  });

  it('refuses an unknown purpose without opening a dialog', async () => {
    await expect(ipcMain.invokeFrom(PAGE, DESKTOP_CHANNELS.pickFolder, 'anything')).rejects.toThrow(
      /import, export, library, model/,
    );
    expect(fakeDialog.openDialogCalls).toEqual([]);
  });

  it('shows an existing folder in the file manager', async () => {
    const folder = tempDir();
    await ipcMain.invokeFrom(PAGE, DESKTOP_CHANNELS.openFolder, folder);
    expect(fakeShell.openedPaths).toEqual([folder]);
  });

  it('never opens a file (which could run it), a relative path or a missing folder', async () => {
    const file = path.join(tempDir(), 'payload.exe');
    writeFileSync(file, 'MZ');
    await expect(ipcMain.invokeFrom(PAGE, DESKTOP_CHANNELS.openFolder, file)).rejects.toThrow(
      /not a folder/,
    );
    await expect(
      ipcMain.invokeFrom(PAGE, DESKTOP_CHANNELS.openFolder, 'relative/dir'),
    ).rejects.toThrow(/absolute/);
    await expect(
      ipcMain.invokeFrom(PAGE, DESKTOP_CHANNELS.openFolder, path.join(tempDir(), 'gone')),
    ).rejects.toThrow(/not a folder/);
    await expect(ipcMain.invokeFrom(PAGE, DESKTOP_CHANNELS.openFolder, 42)).rejects.toThrow();
    expect(fakeShell.openedPaths).toEqual([]);
  });

  it('reports the file manager failing instead of pretending it opened', async () => {
    fakeShell.openPathResult = 'No application is registered for folders';
    await expect(ipcMain.invokeFrom(PAGE, DESKTOP_CHANNELS.openFolder, tempDir())).rejects.toThrow(
      /No application is registered/,
    );
  });

  it('lists removable drives, and opens the import dialog on the SD card', async () => {
    unbind();
    const card = { path: '/media/ana/ROBOT SD', label: 'ROBOT SD' };
    unbind = bindDesktopExtras({
      strings: desktopStrings('pt-BR'),
      window: () => null,
      listDrives: () => Promise.resolve([card]),
    });
    expect(await ipcMain.invokeFrom(PAGE, DESKTOP_CHANNELS.removableDrives)).toEqual([card]);
    await ipcMain.invokeFrom(PAGE, DESKTOP_CHANNELS.pickFolder, 'import');
    // No window to attach to: the dialog opens on its own, in Portuguese.
    const [options] = fakeDialog.openDialogCalls[0] as [Record<string, unknown>];
    expect(options).toEqual(
      expect.objectContaining({
        defaultPath: '/media/ana/ROBOT SD',
        properties: ['openDirectory'],
        title: 'Escolha o cartão SD ou a pasta com as fotos',
      }),
    );
  });

  it('shows no drives rather than an error when the system will not say', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await removableDrivesOrNone(() => Promise.reject(new Error('timed out')))).toEqual([]);
    warn.mockRestore();
  });

  it('refuses every desktop call from a frame that is not our page', async () => {
    for (const channel of Object.values(DESKTOP_CHANNELS)) {
      await expect(ipcMain.invokeFrom('https://evil.example/', channel, tempDir())).rejects.toThrow(
        /Refused/,
      );
    }
    expect(fakeDialog.openDialogCalls).toEqual([]);
    expect(fakeShell.openedPaths).toEqual([]);
  });
});
