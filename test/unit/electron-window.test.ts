import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);

const { FakeBrowserWindow, fakeShell } = await import('./electron-fake.js');
const { createMainWindow, initialWindowSize } = await import('../../electron/main/window.js');

function openWindow(workArea = { width: 1920, height: 1040 }) {
  createMainWindow({ preloadPath: '/app/dist-electron/preload.cjs', workArea });
  return FakeBrowserWindow.instances.at(-1)!;
}

describe('main window', () => {
  beforeEach(() => {
    fakeShell.openedExternal.length = 0;
  });

  it('runs the page isolated, sandboxed and without Node, with only our preload', () => {
    const window = openWindow();
    expect(window.options.webPreferences).toEqual(
      expect.objectContaining({
        preload: '/app/dist-electron/preload.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      }),
    );
  });

  it('opens at 1366x860 titled "Inspection Desk", no smaller than 1024x640, loading app://desk', () => {
    const window = openWindow();
    expect(window.options).toEqual(
      expect.objectContaining({
        width: 1366,
        height: 860,
        minWidth: 1024,
        minHeight: 640,
        title: 'Inspection Desk',
        show: false,
      }),
    );
    expect(window.loadedUrl).toBe('app://desk/index.html');
  });

  it('stays hidden until its first paint is ready (no white flash), then shows', () => {
    const window = openWindow();
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('fits a 1366x768 laptop screen instead of opening under the taskbar', () => {
    expect(initialWindowSize({ width: 1366, height: 728 })).toEqual({
      width: 1366,
      height: 728,
      minWidth: 1024,
      minHeight: 640,
    });
    expect(initialWindowSize({ width: 1000, height: 600 })).toEqual({
      width: 1000,
      height: 600,
      minWidth: 1000,
      minHeight: 600,
    });
  });
});
