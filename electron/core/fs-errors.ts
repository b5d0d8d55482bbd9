/**
 * The one mapping from file-system and storage failures (Node errno codes, SQLite result
 * codes) to the errors a user can act on. Every domain that reads or writes files names
 * WHAT it was touching (the library, the card, one file of the card, an export folder,
 * a model); the same errno then reads differently: EACCES on a card file is "could not
 * be read", on an export folder "you may not write here".
 */
import { CoreError, type ErrorCode } from './errors.js';
import type { CoreMessage, CoreMessageKey } from '../shared/core-messages/index.js';

/** What was being read or written when the failure happened. */
export type FsRole =
  /** The library folder (originals, thumbnails, the database). */
  | 'library'
  /** The folder being imported (the card) as a whole. */
  | 'source'
  /** One file of the card. */
  | 'sourceFile'
  /** An export's destination folder. */
  | 'exportDest'
  /** A model folder being added. */
  | 'model';

export interface FsPlace {
  role: FsRole;
  /** The path shown to the user. */
  path: string;
}

/** Errno codes that mean "no space left" (a quota counts too). */
const DISK_FULL_ERRNOS: ReadonlySet<string> = new Set(['ENOSPC', 'EDQUOT']);
/** SQLite result codes (better-sqlite3's `error.code`) for a full disk. */
const DISK_FULL_SQLITE: ReadonlySet<string> = new Set(['SQLITE_FULL']);
const DEVICE_ERRNOS: ReadonlySet<string> = new Set(['EIO', 'ENXIO', 'ENODEV']);
const DENIED_ERRNOS: ReadonlySet<string> = new Set(['EACCES', 'EPERM']);

/** The errno (or SQLite code) of a thrown value, if it has one. */
export function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Whether a failure means the disk is full, whoever raised it (Node fs or SQLite). */
export function isDiskFull(error: unknown): boolean {
  const code = errorCodeOf(error);
  return code !== undefined && (DISK_FULL_ERRNOS.has(code) || DISK_FULL_SQLITE.has(code));
}

function detailOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The code and catalog message for a failure at `place`. */
export function describeFsError(
  error: unknown,
  place: FsPlace,
): { code: ErrorCode; message: CoreMessage } {
  const errno = errorCodeOf(error);
  const values = { path: place.path };
  const as = (code: ErrorCode, key: CoreMessageKey, extra: Record<string, string> = {}) => ({
    code,
    message: { key, values: { ...values, ...extra } },
  });
  if (isDiskFull(error)) return as('DISK_FULL', 'fs.diskFull');
  const writesHere = place.role === 'library' || place.role === 'exportDest';
  if (errno === 'EROFS' || errno === 'SQLITE_READONLY') {
    return place.role === 'exportDest'
      ? as('DEST_NOT_WRITABLE', 'fs.export.readOnly')
      : as(writesHere ? 'LIBRARY_INVALID' : 'SOURCE_UNREADABLE', 'fs.readOnly');
  }
  if (errno !== undefined && DENIED_ERRNOS.has(errno)) {
    if (place.role === 'exportDest') return as('DEST_NOT_WRITABLE', 'fs.export.denied');
    if (place.role === 'library') return as('LIBRARY_INVALID', 'fs.library.denied');
    if (place.role === 'sourceFile') return as('SOURCE_UNREADABLE', 'fs.file.denied');
    return as('SOURCE_UNREADABLE', 'fs.denied');
  }
  if (errno === 'ENOENT' || errno === 'ENOTDIR') {
    if (place.role === 'sourceFile') return as('NOT_FOUND', 'fs.file.disappeared');
    return as('NOT_FOUND', 'fs.missing');
  }
  if (errno === 'EILSEQ') return as('SOURCE_UNREADABLE', 'fs.file.badName');
  // A card file that kept growing while it was read (see source-reader.ts).
  if (errno === 'EFBIG') return as('IMAGE_TOO_LARGE', 'fs.file.tooLarge');
  if (errno !== undefined && DEVICE_ERRNOS.has(errno)) {
    if (place.role === 'sourceFile') return as('SOURCE_UNREADABLE', 'fs.file.ioError');
    return as('SOURCE_UNREADABLE', 'fs.deviceGone');
  }
  const detail = detailOf(error);
  if (place.role === 'sourceFile') return as('SOURCE_UNREADABLE', 'fs.file.unreadable', { detail });
  if (place.role === 'source') return as('SOURCE_UNREADABLE', 'fs.unexpected', { detail });
  return as('INTERNAL', 'fs.unexpected', { detail });
}

/** A CoreError for a failure at `place` (a CoreError passes through unchanged). */
export function fromFsError(error: unknown, place: FsPlace): CoreError {
  if (error instanceof CoreError) return error;
  const { code, message } = describeFsError(error, place);
  return new CoreError(
    code,
    message,
    { path: place.path, errno: errorCodeOf(error) },
    {
      cause: error,
    },
  );
}

/**
 * For failures that reach a transport without a domain having mapped them (a label
 * written on a full disk fails inside SQLite): a full disk still becomes DISK_FULL, and
 * anything else is left as it is.
 */
export function fromStorageError(error: unknown, libraryRoot: string): unknown {
  if (error instanceof CoreError || !isDiskFull(error)) return error;
  return fromFsError(error, { role: 'library', path: libraryRoot });
}
