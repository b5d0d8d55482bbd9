/**
 * What happened to one file of an import (an Outcome), and the rows it becomes. Pure
 * functions: the import's steps (store-file, commit-batch, plan-import) share them.
 */
import path from 'node:path';
import { CoreError, isCoreError } from '../errors.js';
import { describeFsError } from '../fs-errors.js';
import { renderCoreMessage, type CoreMessage } from '../../shared/core-messages/index.js';
import type { DecodedPhoto } from '../imaging/decode.js';
import {
  FORMAT_EXTENSION,
  SNIFF_BYTES,
  sniffImageFormat,
  sniffUnsupportedFormat,
  type ImageFormat,
} from '../imaging/sniff.js';
import type { ImportFileRow } from './import-record.js';
import type { SourceFile } from './scan.js';
import { parseTubePosition } from './tube-position.js';

/** A photo accepted by one worker; files with the same bytes wait for it (see prepare). */
export interface Claim {
  index: number;
  /** Resolves true once the photo is safely in the library folder, false if it failed. */
  ready: Promise<boolean>;
  settle(ok: boolean): void;
  /** Set when its row is inserted. */
  imageId: number | null;
}

export type Outcome =
  | {
      kind: 'imported';
      file: SourceFile;
      sha256: string;
      format: ImageFormat;
      size: number;
      decoded: DecodedPhoto;
      claim: Claim;
    }
  | { kind: 'duplicate'; file: SourceFile; imageId: number }
  | { kind: 'sameAsPending'; file: SourceFile; claim: Claim }
  | { kind: 'error'; file: SourceFile; code: string; message: CoreMessage };

export function createClaim(index: number): Claim {
  let settle!: (ok: boolean) => void;
  const ready = new Promise<boolean>((resolve) => {
    settle = resolve;
  });
  return { index, ready, settle, imageId: null };
}

export function notAnImage(file: SourceFile): CoreMessage {
  return { key: 'ingest.file.notAnImage', values: { path: file.relPath } };
}

/**
 * What a file's first bytes already say: not a photo at all, or a photo in a format we
 * do not import (an animated GIF, a HEIC from a phone). Null when it may be a photo.
 */
export function refuseByContent(file: SourceFile, head: Uint8Array): Outcome | null {
  if (head.length === 0) return null; // EMPTY_FILE, said once the read is done.
  if (sniffImageFormat(head.subarray(0, SNIFF_BYTES)) !== null) return null;
  const unsupported = sniffUnsupportedFormat(head);
  if (unsupported !== null) {
    return failure(file, 'UNSUPPORTED_FORMAT', {
      key: 'ingest.file.unsupportedFormat',
      values: { path: file.relPath, format: unsupported },
    });
  }
  return failure(file, 'NOT_AN_IMAGE', notAnImage(file));
}

export function failure(file: SourceFile, code: string, message: CoreMessage): Outcome {
  return { kind: 'error', file, code, message };
}

export function unknownFile(relPath: string): SourceFile {
  return { relPath, absPath: relPath, size: 0, mtimeMs: 0 };
}

/** A card file that could not be read: the one fs-error mapping names the reason. */
export function readFailure(file: SourceFile, error: unknown): Outcome {
  const { code, message } = describeFsError(error, { role: 'sourceFile', path: file.relPath });
  return failure(file, code, message);
}

export function decodeFailure(file: SourceFile, error: unknown): Outcome {
  if (isCoreError(error)) {
    return failure(
      file,
      error.code,
      error.localized ?? {
        key: 'ingest.file.unreadableImage',
        values: { path: file.relPath, detail: error.message },
      },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return failure(file, 'UNREADABLE_IMAGE', {
    key: 'ingest.file.unreadableImage',
    values: { path: file.relPath, detail },
  });
}

const NO_ERROR = { errorCode: null, errorMessage: null, errorKey: null, errorValues: null };

export function fileRow(outcome: Outcome): Omit<ImportFileRow, 'importId'> {
  const base = {
    relPath: outcome.file.relPath,
    size: outcome.file.size,
    mtimeMs: outcome.file.mtimeMs,
  };
  switch (outcome.kind) {
    case 'imported':
      return { ...base, status: 'imported', imageId: null, ...NO_ERROR };
    case 'duplicate':
      return {
        ...base,
        status: 'duplicate',
        imageId: outcome.imageId,
        ...NO_ERROR,
      };
    case 'sameAsPending':
      return {
        ...base,
        status: 'duplicate',
        imageId: outcome.claim.imageId,
        ...NO_ERROR,
      };
    case 'error':
      return {
        ...base,
        status: 'error',
        imageId: null,
        errorCode: outcome.code,
        // English for older readers and logs; the key lets the UI show the user's language.
        errorMessage: renderCoreMessage('en', outcome.message),
        errorKey: outcome.message.key,
        errorValues: outcome.message.values ? JSON.stringify(outcome.message.values) : null,
      };
  }
}

export function imageRow(
  outcome: Extract<Outcome, { kind: 'imported' }>,
  importId: number,
  importedAt: string,
) {
  const { file, decoded } = outcome;
  const tube = parseTubePosition(file.relPath);
  return {
    sha256: outcome.sha256,
    ext: FORMAT_EXTENSION[outcome.format],
    format: outcome.format,
    originalName: path.posix.basename(file.relPath),
    sourcePath: file.relPath,
    importId,
    sizeBytes: outcome.size,
    width: decoded.width,
    height: decoded.height,
    capturedAt: (decoded.capturedAt ?? new Date(file.mtimeMs)).toISOString(),
    capturedFrom: decoded.capturedAt ? ('exif' as const) : ('file' as const),
    tubeRow: tube?.row ?? null,
    tubeCol: tube?.col ?? null,
    importedAt,
  };
}

/** SQLite failures a user can act on; the rest stay internal errors. */
export function fromDatabaseError(error: unknown): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'SQLITE_FULL') {
    return new CoreError(
      'DISK_FULL',
      { key: 'ingest.diskFull' },
      { errno: code },
      { cause: error },
    );
  }
  return error;
}

export function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GB`
    : `${Math.round(bytes / 1024 ** 2)} MB`;
}
