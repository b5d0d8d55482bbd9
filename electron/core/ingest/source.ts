/**
 * The import source: checked before a job starts (so a wrong path is an immediate,
 * clear error), and probed during the import to tell "this one file is unreadable"
 * from "the SD card was pulled out".
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { CoreError } from '../errors.js';
import { fromFsError } from '../fs-errors.js';

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
      { key: 'ingest.source.isFile', values: { source: given } },
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
      { key: 'ingest.source.insideLibrary', values: { source: given, library } },
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
      { key: 'ingest.source.notFound', values: { source } },
      { source },
      { cause: error },
    );
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new CoreError(
      'SOURCE_UNREADABLE',
      { key: 'ingest.source.denied', values: { source } },
      { source, errno: code },
      { cause: error },
    );
  }
  return fromFsError(error, { role: 'source', path: source });
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
 * renamed or deleted) rather than one bad file: the folder itself no longer lists, or it
 * is empty now (a card unmounted under a mount folder that stays), or the folder that
 * held `file` is gone (its whole DCIM tree went, not one photo).
 */
export async function isSourceGone(root: string, error: unknown, file?: string): Promise<boolean> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === undefined || !DEVICE_ERRORS.has(code)) return false;
  let names: string[];
  try {
    names = await fs.readdir(root);
  } catch {
    return true;
  }
  if (names.length === 0) return true;
  if (file === undefined || path.dirname(file) === root) return false;
  try {
    await fs.access(path.dirname(file));
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
  return new CoreError(
    code === 'ENOENT' || code === 'ENOTDIR' ? 'SOURCE_NOT_FOUND' : 'SOURCE_UNREADABLE',
    { key: 'ingest.sourceGone', values: { source: root, finished } },
    { source: root, errno: code, finished },
    { cause: error },
  );
}
