/**
 * The import source: checked before a job starts (so a wrong path is an immediate,
 * clear error), and probed during the import to tell "this one file is unreadable"
 * from "the SD card was pulled out".
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { CoreError, fromFsError } from '../errors.js';

/**
 * The absolute, real path of the folder to import (symlinks resolved, so the same card
 * reached two ways is the same source for resume). Throws SOURCE_NOT_FOUND,
 * SOURCE_UNREADABLE, or INVALID_ARGUMENT for a folder inside the library.
 */
export async function resolveSource(raw: string, libraryRoot: string): Promise<string> {
  const given = path.resolve(raw);
  let real: string;
  try {
    real = await fs.realpath(given);
  } catch (error) {
    throw sourceError(error, given);
  }
  let isDirectory: boolean;
  try {
    isDirectory = (await fs.stat(real)).isDirectory();
  } catch (error) {
    throw sourceError(error, given);
  }
  if (!isDirectory) {
    throw new CoreError(
      'SOURCE_UNREADABLE',
      `${given} is a file, not a folder. Choose the folder that holds the photos (the SD card itself or its DCIM folder).`,
      { source: given },
    );
  }
  try {
    // Listing is the real test: access() says yes to root whatever the permissions.
    const dir = await fs.opendir(real);
    await dir.close();
  } catch (error) {
    throw sourceError(error, given);
  }
  const library = await fs.realpath(libraryRoot).catch(() => path.resolve(libraryRoot));
  if (isInside(real, library)) {
    throw new CoreError(
      'INVALID_ARGUMENT',
      `${given} is inside the library folder ${library}. Import from the SD card or a folder outside the library.`,
      { source: given, library },
    );
  }
  return real;
}

/** Whether `child` is `parent` or lies below it. */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function sourceError(error: unknown, source: string): CoreError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new CoreError(
      'SOURCE_NOT_FOUND',
      `The folder ${source} does not exist. Check the SD card is inserted and the path is right.`,
      { source },
      { cause: error },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new CoreError(
      'SOURCE_UNREADABLE',
      `The folder ${source} cannot be read (permission denied). Check that your user may open it, or copy the card to a folder you own and import that.`,
      { source, errno: code },
      { cause: error },
    );
  }
  const mapped = fromFsError(error, `the folder ${source}`);
  return mapped.code === 'INTERNAL'
    ? new CoreError('SOURCE_UNREADABLE', mapped.message, mapped.details, { cause: error })
    : mapped;
}

const DEVICE_ERRORS: ReadonlySet<string> = new Set([
  'ENOENT',
  'ENOTDIR',
  'EIO',
  'ENXIO',
  'ENODEV',
  'ESTALE',
  'ENOTCONN',
]);

/**
 * Whether a read failure means the whole source went away (card pulled out, folder
 * renamed or deleted) rather than one bad file: the folder itself no longer lists.
 */
export async function isSourceGone(root: string, error: unknown): Promise<boolean> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined || !DEVICE_ERRORS.has(code)) return false;
  try {
    const dir = await fs.opendir(root);
    await dir.close();
    return false;
  } catch {
    return true;
  }
}

/**
 * The job's error when the source vanished mid-way. `finished` = photos of this import
 * already safe in the library.
 */
export function sourceGoneError(root: string, error: unknown, finished: number): CoreError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const kept =
    finished === 1
      ? 'The photo finished so far is kept'
      : `The ${finished} photos finished so far are kept`;
  return new CoreError(
    code === 'ENOENT' || code === 'ENOTDIR' ? 'SOURCE_NOT_FOUND' : 'SOURCE_UNREADABLE',
    `The folder ${root} disappeared during the import (was the SD card removed?). ${kept}; reinsert the card and import it again to finish the rest.`,
    { source: root, errno: code, finished },
    { cause: error },
  );
}
