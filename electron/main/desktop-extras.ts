/**
 * The desktop-only calls (`DesktopExtras`): the native folder dialog, removable drives,
 * and showing a folder in the file manager. Each validates what the page sends, since a
 * compromised page must not turn them into "open any file".
 */
import { BrowserWindow, dialog, ipcMain, shell, type OpenDialogOptions } from 'electron';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import {
  DESKTOP_CHANNELS,
  FOLDER_PURPOSES,
  type FolderPurpose,
} from '../shared/desktop-channels.js';
import { assertTrustedSender } from './contract-ipc.js';
import type { DesktopStrings } from './desktop-strings.js';
import { listRemovableDrives, type RemovableDrive } from './removable-drives.js';

export function isFolderPurpose(value: unknown): value is FolderPurpose {
  return typeof value === 'string' && (FOLDER_PURPOSES as readonly string[]).includes(value);
}

/** Dialog options per purpose: an export may go to a folder the user creates on the spot. */
export function folderDialogOptions(
  purpose: FolderPurpose,
  strings: DesktopStrings,
  defaultPath?: string,
): OpenDialogOptions {
  const creates = purpose === 'export' || purpose === 'library';
  return {
    title: strings.folderDialogTitle[purpose],
    properties: creates
      ? ['openDirectory', 'createDirectory', 'promptToCreate']
      : ['openDirectory'],
    ...(defaultPath ? { defaultPath } : {}),
  };
}

/** Removable drives, or none when the system would not say (the user can still browse). */
export async function removableDrivesOrNone(
  list: () => Promise<RemovableDrive[]> = listRemovableDrives,
): Promise<RemovableDrive[]> {
  try {
    return await list();
  } catch (error) {
    console.warn('Could not list removable drives:', error);
    return [];
  }
}

/** Opens a folder in the file manager; only an existing folder, never a file to execute. */
export async function openFolderInFileManager(folder: unknown): Promise<void> {
  if (typeof folder !== 'string' || !path.isAbsolute(folder)) {
    throw new Error('openFolder needs the absolute path of a folder.');
  }
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) {
    throw new Error(`${folder} is not a folder (any more); it cannot be shown.`);
  }
  const failure = await shell.openPath(folder);
  if (failure) throw new Error(`The file manager could not open ${folder}: ${failure}`);
}

/** Registers the desktop channels; returns the function that removes them. */
export function bindDesktopExtras(deps: {
  strings: DesktopStrings;
  /** The window the dialog belongs to (modal to it), if any. */
  window: () => BrowserWindow | null;
  /** Injectable for tests; the system's drives by default. */
  listDrives?: () => Promise<RemovableDrive[]>;
}): () => void {
  const drivesNow = () => removableDrivesOrNone(deps.listDrives);
  ipcMain.handle(DESKTOP_CHANNELS.pickFolder, async (event, purpose: unknown) => {
    assertTrustedSender(event);
    if (!isFolderPurpose(purpose)) {
      throw new Error(`pickFolder needs one of: ${FOLDER_PURPOSES.join(', ')}.`);
    }
    // Importing starts where the SD card is, when there is exactly one obvious choice.
    const drives = purpose === 'import' ? await drivesNow() : [];
    const options = folderDialogOptions(purpose, deps.strings, drives[0]?.path);
    const owner = deps.window();
    const result = owner
      ? await dialog.showOpenDialog(owner, options)
      : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  });
  ipcMain.handle(DESKTOP_CHANNELS.removableDrives, (event) => {
    assertTrustedSender(event);
    return drivesNow();
  });
  ipcMain.handle(DESKTOP_CHANNELS.openFolder, (event, folder: unknown) => {
    assertTrustedSender(event);
    return openFolderInFileManager(folder);
  });
  return () => {
    for (const channel of Object.values(DESKTOP_CHANNELS)) ipcMain.removeHandler(channel);
  };
}
