/**
 * A stand-in for the `electron` module, for unit tests of electron/main and
 * electron/preload (the Electron binary cannot run here). It records what the code asks
 * Electron to do and lets tests play the page's side (IPC calls, navigation, events).
 *
 * Use with: vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);
 */
import { EventEmitter } from 'node:events';

export interface FakeEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function fakeEvent(): FakeEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebContents extends EventEmitter {
  readonly sent: unknown[][] = [];
  destroyed = false;
  windowOpenHandler: WindowOpenHandler | null = null;

  send(channel: string, ...args: unknown[]): void {
    this.sent.push([channel, ...args]);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  /** What the page's navigation to `url` would do: true when it was blocked. */
  navigate(url: string): boolean {
    const event = fakeEvent();
    this.emit('will-navigate', event, url);
    return event.defaultPrevented;
  }
  /** A navigation of some frame (Electron's will-frame-navigate): true when it was blocked. */
  navigateFrame(url: string, isMainFrame = false): boolean {
    const details = { ...fakeEvent(), url, isMainFrame };
    this.emit('will-frame-navigate', details);
    return details.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static readonly instances: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  readonly options: Record<string, unknown>;
  loadedUrl: string | null = null;
  shown = false;
  minimized = false;
  focused = false;

  constructor(options: Record<string, unknown>) {
    super();
    this.options = options;
    FakeBrowserWindow.instances.push(this);
    // Like Electron: every new web contents is announced app-wide.
    app.emit('web-contents-created', fakeEvent(), this.webContents);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {
    this.focused = true;
  }
  isDestroyed(): boolean {
    return this.webContents.destroyed;
  }
  /** Closes the window as the user would. */
  close(): void {
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}

/** The record of every call the code made, in order, for "X happens before Y" checks. */
export const callLog: string[] = [];

export class FakeApp extends EventEmitter {
  readonly paths = new Map<string, string>();
  name = 'inspection-desk';
  isPackaged = false;
  appPath = '/nonexistent-app';
  lockAvailable = true;
  languages = ['en-US'];
  quitRequests = 0;
  quitted = false;
  exitCode: number | null = null;
  aboutPanelOptions: Record<string, unknown> | null = null;
  aboutPanelShown = 0;
  sandboxEnabled = false;

  enableSandbox(): void {
    callLog.push('app.enableSandbox');
    this.sandboxEnabled = true;
  }

  getPath(name: string): string {
    const value = this.paths.get(name);
    if (value === undefined) throw new Error(`Fake app has no path "${name}"`);
    return value;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  setName(name: string): void {
    this.name = name;
  }
  getName(): string {
    return this.name;
  }
  getAppPath(): string {
    return this.appPath;
  }
  getVersion(): string {
    return '0.1.0';
  }
  requestSingleInstanceLock(): boolean {
    return this.lockAvailable;
  }
  whenReady(): Promise<void> {
    callLog.push('app.whenReady');
    return Promise.resolve();
  }
  getPreferredSystemLanguages(): string[] {
    return this.languages;
  }
  setAboutPanelOptions(options: Record<string, unknown>): void {
    this.aboutPanelOptions = options;
  }
  showAboutPanel(): void {
    this.aboutPanelShown++;
  }
  /** Like Electron: `will-quit` may be prevented, and the app quits only when it is not. */
  quit(): void {
    this.quitRequests++;
    const event = fakeEvent();
    this.emit('will-quit', event);
    if (!event.defaultPrevented) this.quitted = true;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
}

export interface FakeIpcEvent {
  senderFrame: { url: string; parent: { url: string } | null } | null;
}

type IpcHandler = (event: FakeIpcEvent, ...args: unknown[]) => unknown;

export class FakeIpcMain {
  readonly handlers = new Map<string, IpcHandler>();

  handle(channel: string, handler: IpcHandler): void {
    // Electron refuses a second handler for one channel; so does the fake.
    if (this.handlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    }
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Calls a handler as a frame at `frameUrl` would (null: a frame that is gone). */
  async invokeFrom(frameUrl: string | null, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler for ${channel}`);
    return handler(
      { senderFrame: frameUrl === null ? null : { url: frameUrl, parent: null } },
      ...args,
    );
  }
  /** Calls a handler as a subframe at `frameUrl` inside a page at `parentUrl` would. */
  async invokeFromSubframe(
    frameUrl: string,
    parentUrl: string,
    channel: string,
    ...args: unknown[]
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler for ${channel}`);
    return handler({ senderFrame: { url: frameUrl, parent: { url: parentUrl } } }, ...args);
  }
}

type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export class FakeProtocol {
  readonly privileged: { scheme: string; privileges?: Record<string, boolean> }[] = [];
  readonly handlers = new Map<string, ProtocolHandler>();

  registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]) {
    callLog.push('protocol.registerSchemesAsPrivileged');
    this.privileged.push(...schemes);
  }
  handle(scheme: string, handler: ProtocolHandler): void {
    this.handlers.set(scheme, handler);
  }
  fetch(url: string, init?: RequestInit): Promise<Response> {
    const scheme = new URL(url).protocol.slice(0, -1);
    const handler = this.handlers.get(scheme);
    if (!handler) throw new Error(`No protocol handler for ${scheme}`);
    return Promise.resolve(handler(new Request(url, init)));
  }
}

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;

export class FakeSession {
  permissionRequestHandler: PermissionRequestHandler | null = null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null = null;

  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheckHandler = handler;
  }
}

export interface FakeMenuItem {
  id?: string;
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  click?: () => void;
  submenu?: FakeMenuItem[];
}

export const fakeMenu = {
  installed: null as FakeMenuItem[] | null,
  buildFromTemplate(template: FakeMenuItem[]): { template: FakeMenuItem[] } {
    return { template };
  },
  setApplicationMenu(menu: { template: FakeMenuItem[] } | null): void {
    fakeMenu.installed = menu?.template ?? null;
  },
};

export const fakeDialog = {
  openDialogCalls: [] as unknown[][],
  nextOpenDialogResult: { canceled: false, filePaths: ['/picked/folder'] } as {
    canceled: boolean;
    filePaths: string[];
  },
  errorBoxes: [] as { title: string; content: string }[],
  showOpenDialog(...args: unknown[]): Promise<{ canceled: boolean; filePaths: string[] }> {
    fakeDialog.openDialogCalls.push(args);
    return Promise.resolve(fakeDialog.nextOpenDialogResult);
  },
  showErrorBox(title: string, content: string): void {
    fakeDialog.errorBoxes.push({ title, content });
  },
};

export const fakeShell = {
  openedPaths: [] as string[],
  openedExternal: [] as string[],
  /** What `shell.openPath` answers: '' is success, anything else the OS's error. */
  openPathResult: '',
  openPath(target: string): Promise<string> {
    fakeShell.openedPaths.push(target);
    return Promise.resolve(fakeShell.openPathResult);
  },
  openExternal(url: string): Promise<void> {
    fakeShell.openedExternal.push(url);
    return Promise.resolve();
  },
};

export const fakeScreen = {
  workAreaSize: { width: 1920, height: 1040 },
  getPrimaryDisplay(): { workAreaSize: { width: number; height: number } } {
    return { workAreaSize: fakeScreen.workAreaSize };
  },
};

export const fakeContextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    fakeContextBridge.exposed.set(key, api);
  },
};

export class FakeIpcRenderer extends EventEmitter {
  readonly invocations: unknown[][] = [];
  /** What `invoke` resolves with. */
  reply: unknown = { ok: true, result: null };

  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invocations.push([channel, ...args]);
    return Promise.resolve(this.reply);
  }
}

export const app = new FakeApp();
export const ipcMain = new FakeIpcMain();
export const protocol = new FakeProtocol();
export const session = { defaultSession: new FakeSession() };
export const ipcRenderer = new FakeIpcRenderer();

/** What `vi.mock('electron', ...)` returns, and what a bundle's `require('electron')` gets. */
export const electronModule = {
  app,
  BrowserWindow: FakeBrowserWindow,
  ipcMain,
  protocol,
  session,
  Menu: fakeMenu,
  dialog: fakeDialog,
  shell: fakeShell,
  screen: fakeScreen,
  contextBridge: fakeContextBridge,
  ipcRenderer,
};

/** Finds a menu item by id anywhere in a template. */
export function findMenuItem(items: FakeMenuItem[] | null, id: string): FakeMenuItem | undefined {
  for (const item of items ?? []) {
    if (item.id === id) return item;
    const found = findMenuItem(item.submenu ?? null, id);
    if (found) return found;
  }
  return undefined;
}

/** Forgets everything recorded, for a test that starts the whole app again. */
export function resetFakeElectron(): void {
  callLog.length = 0;
  FakeBrowserWindow.instances.length = 0;
  app.removeAllListeners();
  app.paths.clear();
  Object.assign(app, {
    name: 'inspection-desk',
    isPackaged: false,
    appPath: '/nonexistent-app',
    lockAvailable: true,
    languages: ['en-US'],
    quitRequests: 0,
    quitted: false,
    exitCode: null,
    aboutPanelOptions: null,
    aboutPanelShown: 0,
    sandboxEnabled: false,
  });
  ipcMain.handlers.clear();
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  session.defaultSession.permissionRequestHandler = null;
  session.defaultSession.permissionCheckHandler = null;
  fakeMenu.installed = null;
  fakeDialog.openDialogCalls.length = 0;
  fakeDialog.errorBoxes.length = 0;
  fakeShell.openedPaths.length = 0;
  fakeShell.openedExternal.length = 0;
  fakeShell.openPathResult = '';
  fakeContextBridge.exposed.clear();
  ipcRenderer.removeAllListeners();
  ipcRenderer.invocations.length = 0;
}
