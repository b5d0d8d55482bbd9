/**
 * Where the desktop app finds things: the library (the same default folder the server
 * and CLI use), the shipped models, the built renderer and the preload, in a checkout
 * (`npm start`) and in a packaged app alike.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { APP_FOLDER_NAME } from '../core/library/default-location.js';

/** The value of `--library DIR` or `--library=DIR`, if given. */
export function libraryArgument(argv: readonly string[]): string | null {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--library') return argv[i + 1]?.trim() || null;
    if (arg.startsWith('--library=')) return arg.slice('--library='.length).trim() || null;
  }
  return null;
}

/**
 * `--library`, else `INSPECTION_DESK_LIBRARY`, else `<userData>/library`: the same order
 * and folder as `defaultLibraryDir()`, so every shell opens the same library.
 */
export function desktopLibraryDir(
  argv: readonly string[],
  userDataDir: string,
  env: NodeJS.ProcessEnv = process.env,
  cwd: string = process.cwd(),
): string {
  const explicit = libraryArgument(argv) ?? env.INSPECTION_DESK_LIBRARY?.trim();
  return explicit ? path.resolve(cwd, explicit) : path.join(userDataDir, 'library');
}

/** The user-data folder: `<appData>/Inspection Desk`, whatever package.json calls the app. */
export function desktopUserDataDir(appDataDir: string): string {
  return path.join(appDataDir, APP_FOLDER_NAME);
}

export interface AppLayout {
  /** `app.getAppPath()`: the checkout in development, `resources/app.asar` when packaged. */
  appPath: string;
  isPackaged: boolean;
  /** `process.resourcesPath`, where electron-builder's extraResources land. */
  resourcesPath: string;
}

/**
 * Shipped models: `resources/models` in a packaged app (electron-builder's
 * extraResources, outside the asar so onnxruntime can read them), `<checkout>/models`
 * otherwise. Given explicitly because the bundled main cannot locate the repository
 * from its own file the way the core's `repoModelsDir()` does.
 */
export function shippedModelsDir(layout: AppLayout): string {
  return layout.isPackaged
    ? path.join(layout.resourcesPath, 'models')
    : path.join(layout.appPath, 'models');
}

/**
 * The hub's schema migrations, which the Settings screen's sync checks the hub against:
 * `resources/hub/migrations` when packaged (extraResources), `<checkout>/hub/migrations`
 * otherwise.
 */
export function hubMigrationsDir(layout: AppLayout): string {
  return layout.isPackaged
    ? path.join(layout.resourcesPath, 'hub', 'migrations')
    : path.join(layout.appPath, 'hub', 'migrations');
}

export function rendererDir(layout: AppLayout): string {
  return path.join(layout.appPath, 'dist', 'renderer');
}

export function preloadPath(layout: AppLayout): string {
  return path.join(layout.appPath, 'dist-electron', 'preload.cjs');
}

/** The file scripts/natives.mjs writes for each runtime: native/<runtime>-abi<N>/. */
export const NATIVE_BINDING_FILE = 'better_sqlite3.node';

/** The runtime facts the choice depends on (`process.versions`). */
export interface RuntimeVersions {
  modules: string;
  electron?: string | undefined;
}

/**
 * The better-sqlite3 build this process must load: `native/electron-abi<N>` (N being
 * Electron's NODE_MODULE_VERSION) under `<checkout>` or, packaged, under `resources/`
 * (electron-builder's extraResources). Keyed by runtime and ABI so that no process can
 * pick up a build made for another: node_modules' own build is Node's (tests, CLI,
 * server). Under plain Node (the ABI stand-in test, the bundle test) the desktop path is
 * `native/node-abi<N>` when it was built, else node_modules' build, which is this
 * Node's; Electron never falls back.
 */
export function desktopNativeBinding(
  layout: AppLayout,
  versions: RuntimeVersions = process.versions,
  exists: (file: string) => boolean = existsSync,
): string | undefined {
  const runtime = versions.electron ? 'electron' : 'node';
  const root = layout.isPackaged ? layout.resourcesPath : layout.appPath;
  const file = path.join(root, 'native', `${runtime}-abi${versions.modules}`, NATIVE_BINDING_FILE);
  if (runtime === 'electron' || exists(file)) return file;
  return undefined;
}
