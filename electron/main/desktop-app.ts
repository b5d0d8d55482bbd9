/**
 * The desktop app's life: one instance, one window, the core opened on the library, the
 * contract bound over IPC, the app protocol, the menu, and a clean close of the library
 * (jobs cancelled, database closed) before the process exits.
 */
import { app, dialog, screen, session, shell, type BrowserWindow } from 'electron';
import { IPC_EVENT_CHANNEL } from '../contract.js';
import { createCore, type Core } from '../core/app.js';
import { APP_FOLDER_NAME } from '../core/library/default-location.js';
import { shippedModelDirs } from '../core/models/shipped.js';
import { MENU_COMMAND_EVENT, type MenuCommandPayload } from '../shared/desktop-channels.js';
import { registerAppScheme, serveAppProtocol } from './app-protocol.js';
import { bindContractIpc, forwardCoreEvents } from './contract-ipc.js';
import { bindDesktopExtras } from './desktop-extras.js';
import { bindReportPdf } from './report-pdf.js';
import { desktopLanguage, desktopStrings, type DesktopStrings } from './desktop-strings.js';
import {
  desktopLibraryDir,
  desktopNativeBinding,
  desktopUserDataDir,
  preloadPath,
  rendererDir,
  shippedModelsDir,
  hubMigrationsDir,
  type AppLayout,
} from './locations.js';
import { installMenu } from './menu.js';
import { guardEveryWebContents } from './web-guards.js';
import { createMainWindow } from './window.js';

export interface DesktopSession {
  core: Core;
  /** The current window; null after it was closed (macOS keeps the app running). */
  window(): BrowserWindow | null;
}

function appLayout(): AppLayout {
  return {
    appPath: app.getAppPath(),
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
  };
}

/** The page gets no camera, microphone, notifications, geolocation... it needs none. */
function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
  session.defaultSession.setPermissionCheckHandler(() => false);
}

async function openCore(argv: readonly string[], layout: AppLayout): Promise<Core> {
  // Electron's own better-sqlite3 build: node_modules' one is built for Node's ABI.
  const nativeBinding = desktopNativeBinding(layout);
  return createCore({
    libraryDir: desktopLibraryDir(argv, app.getPath('userData')),
    defaultModelDirs: shippedModelDirs(shippedModelsDir(layout)),
    hubMigrationsDir: hubMigrationsDir(layout),
    ...(nativeBinding ? { nativeBinding } : {}),
  });
}

function showStartupFailure(strings: DesktopStrings, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error('Startup failed:', error);
  dialog.showErrorBox(strings.startupFailed, message);
}

/**
 * Starts the desktop app. Resolves with the running session once the window exists, or
 * null when another instance already runs or the library cannot be opened (the user
 * was told why).
 */
export async function startDesktopApp(
  argv: readonly string[] = process.argv,
): Promise<DesktopSession | null> {
  // Both must happen before `ready`: privileged schemes are fixed at start-up, and the
  // user-data folder must match the one the server and the CLI use.
  registerAppScheme();
  // Every renderer sandboxed, whatever its web preferences say (before ready, as required).
  app.enableSandbox();
  // Before any window exists, so none escapes the navigation and new-window guards.
  guardEveryWebContents();
  app.setName(APP_FOLDER_NAME);
  app.setPath('userData', desktopUserDataDir(app.getPath('appData')));

  if (!app.requestSingleInstanceLock()) {
    // A second launch (double-click while running) just brings the first window forward.
    app.quit();
    return null;
  }

  let window: BrowserWindow | null = null;
  let core: Core | null = null;
  let coreClosed = false;

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', (event) => {
    if (!core || coreClosed) return;
    // Let running jobs stop and the database close (WAL checkpoint) before exiting.
    event.preventDefault();
    const closing = core;
    core = null;
    closing
      .close()
      .catch((error: unknown) => console.error('Closing the library failed:', error))
      .finally(() => {
        coreClosed = true;
        app.quit();
      });
  });

  await app.whenReady();
  const strings = desktopStrings(desktopLanguage(app.getPreferredSystemLanguages()));
  const layout = appLayout();
  denyAllPermissions();

  try {
    core = await openCore(argv, layout);
  } catch (error) {
    showStartupFailure(strings, error);
    app.exit(1);
    return null;
  }
  const openedCore = core;

  serveAppProtocol({ rendererDir: rendererDir(layout), library: openedCore.context.paths });
  bindContractIpc(openedCore);
  bindDesktopExtras({ strings, window: () => window });
  bindReportPdf({ core: openedCore, window: () => window });

  function sendMenuCommand(command: MenuCommandPayload['command']): void {
    const payload: MenuCommandPayload = { command };
    const send = (target: BrowserWindow) =>
      target.webContents.send(IPC_EVENT_CHANNEL, MENU_COMMAND_EVENT, payload);
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
      send(window);
      return;
    }
    // macOS, no window open: open one, and ask once the page can listen.
    const opened = openWindow();
    opened.webContents.once('did-finish-load', () => send(opened));
  }

  app.setAboutPanelOptions({
    applicationName: APP_FOLDER_NAME,
    applicationVersion: app.getVersion(),
  });
  installMenu({
    platform: process.platform,
    isDev: !layout.isPackaged,
    strings,
    actions: {
      command: sendMenuCommand,
      openLibraryFolder: () => void shell.openPath(openedCore.context.paths.root),
      showAbout: () => app.showAboutPanel(),
    },
  });

  function openWindow(): BrowserWindow {
    const created = createMainWindow({
      preloadPath: preloadPath(layout),
      workArea: screen.getPrimaryDisplay().workAreaSize,
    });
    const stopForwarding = forwardCoreEvents(openedCore.events, created.webContents);
    created.on('closed', () => {
      stopForwarding();
      if (window === created) window = null;
    });
    window = created;
    return created;
  }

  openWindow();
  void openedCore.preloadActiveModel();
  // macOS: clicking the dock icon with no window open opens one again.
  app.on('activate', () => {
    if (!window) openWindow();
  });

  return { core: openedCore, window: () => window };
}
