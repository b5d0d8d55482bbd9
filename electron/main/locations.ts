/**
 * Where the desktop app finds things: the library (the same default folder the server
 * and CLI use), the shipped models, the built renderer and the preload, in a checkout
 * (`npm start`) and in a packaged app alike.
 */
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

export function rendererDir(layout: AppLayout): string {
  return path.join(layout.appPath, 'dist', 'renderer');
}

export function preloadPath(layout: AppLayout): string {
  return path.join(layout.appPath, 'dist-electron', 'preload.cjs');
}
