/**
 * The one application window, locked down: isolated and sandboxed renderer, no Node.
 * Navigation, pop-ups and webviews are refused for every web contents by web-guards.ts
 * (installed app-wide in desktop-app.ts), permissions by the session.
 */
import { BrowserWindow, type WebPreferences } from 'electron';
import { APP_ENTRY_URL } from './app-origin.js';

export const WINDOW_TITLE = 'Inspection Desk';
const DEFAULT_SIZE = { width: 1366, height: 860 };
const MIN_SIZE = { width: 1024, height: 640 };

/** The only web preferences the window gets; `preload` is the bundled preload.cjs. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
  };
}

export interface WindowSize {
  width: number;
  height: number;
  minWidth: number;
  minHeight: number;
}

/**
 * The default size, shrunk to the screen's work area: many inspection laptops are
 * 1366x768, where an 860 px tall window would open with its bottom under the taskbar.
 */
export function initialWindowSize(workArea: { width: number; height: number }): WindowSize {
  const width = Math.min(DEFAULT_SIZE.width, workArea.width);
  const height = Math.min(DEFAULT_SIZE.height, workArea.height);
  return {
    width,
    height,
    minWidth: Math.min(MIN_SIZE.width, width),
    minHeight: Math.min(MIN_SIZE.height, height),
  };
}

export interface MainWindowOptions {
  preloadPath: string;
  workArea: { width: number; height: number };
  /** Window icon (Linux shows it in the task bar when run unpackaged). */
  iconPath?: string;
}

/** Creates the window, shown once its first paint is ready (no white flash), loading the app. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...initialWindowSize(options.workArea),
    title: WINDOW_TITLE,
    show: false,
    backgroundColor: '#1f2328',
    ...(options.iconPath ? { icon: options.iconPath } : {}),
    webPreferences: secureWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
