/**
 * Where the default library lives: the same folder Electron's `app.getPath('userData')`
 * gives for "Inspection Desk", so the desktop app, the server and the CLI open the same
 * library on one machine. `INSPECTION_DESK_LIBRARY` overrides it.
 */
import os from 'node:os';
import path from 'node:path';

export const APP_FOLDER_NAME = 'Inspection Desk';

export function userDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  switch (platform) {
    case 'win32':
      return path.win32.join(
        env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'),
        APP_FOLDER_NAME,
      );
    case 'darwin':
      return path.posix.join(home, 'Library', 'Application Support', APP_FOLDER_NAME);
    default:
      return path.posix.join(
        env.XDG_CONFIG_HOME || path.posix.join(home, '.config'),
        APP_FOLDER_NAME,
      );
  }
}

export function defaultLibraryDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  const override = env.INSPECTION_DESK_LIBRARY?.trim();
  if (override) return path.resolve(override);
  const dir = userDataDir(platform, env, home);
  return platform === 'win32' ? path.win32.join(dir, 'library') : path.posix.join(dir, 'library');
}
