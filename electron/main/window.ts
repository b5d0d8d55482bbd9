/**
 * The one application window, locked down: isolated and sandboxed renderer, no Node,
 * no navigation away from `app://desk`, no pop-ups, no permissions.
 */
import { BrowserWindow, shell, type WebContents, type WebPreferences } from 'electron';
import { APP_ENTRY_URL, isAppUrl } from './app-origin.js';

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

function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Applied to every web contents the app creates: the page may not leave our origin, open
 * windows or embed webviews. A web link (a model card's reference, say) opens in the
 * user's browser instead.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (isAppUrl(url)) return;
    event.preventDefault();
    if (isWebLink(url)) void shell.openExternal(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (isWebLink(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
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
  hardenWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(APP_ENTRY_URL);
  return window;
}
