/**
 * Typed core errors. The core throws these; each shell turns any error into a
 * `{code, message, details}` once, through `serializeError`.
 */
import type { SerializedError } from '../contract.js';
import {
  coreMessageFromWire,
  renderCoreMessage,
  type CoreMessage,
} from '../shared/core-messages/index.js';
import type { Language } from '../shared/language.js';
// A cycle by design: fs-errors builds CoreErrors, and only functions cross it at call time.
import { isDiskFull } from './fs-errors.js';

export type ErrorCode =
  | 'INVALID_ARGUMENT'
  | 'UNKNOWN_METHOD'
  | 'NOT_FOUND'
  | 'SOURCE_NOT_FOUND'
  | 'SOURCE_UNREADABLE'
  | 'NOT_AN_IMAGE'
  | 'UNREADABLE_IMAGE'
  | 'IMAGE_TOO_LARGE'
  | 'EMPTY_FILE'
  | 'UNSUPPORTED_FORMAT'
  | 'MODEL_INVALID'
  | 'MODEL_MISMATCH'
  | 'NO_ACTIVE_MODEL'
  | 'LABEL_UNKNOWN'
  | 'NOTHING_TO_UNDO'
  | 'DISK_FULL'
  | 'DEST_NOT_EMPTY'
  | 'DEST_INSIDE_SOURCE'
  | 'DEST_NOT_WRITABLE'
  | 'JOB_RUNNING'
  | 'CANCELLED'
  | 'LIBRARY_LOCKED'
  | 'LIBRARY_INVALID'
  | 'BUNDLE_INVALID'
  | 'HUB_UNREACHABLE'
  | 'HUB_INVALID'
  | 'INTERNAL';

/**
 * An error a user can act on: the message says what happened and what to do. Give it a
 * `CoreMessage` (a key of `electron/shared/core-messages` and its values) so every shell
 * can show it in the user's language; `message` is then its English text, for logs.
 */
export class CoreError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  /** The catalog message, when the error was raised with one. */
  readonly localized: CoreMessage | null;

  constructor(
    code: ErrorCode,
    message: string | CoreMessage,
    details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(typeof message === 'string' ? message : renderCoreMessage('en', message), options);
    this.name = 'CoreError';
    this.code = code;
    this.details = details;
    this.localized = typeof message === 'string' ? null : message;
  }

  /** The message in `language` (English when the error has no catalog message). */
  messageIn(language: Language): string {
    return this.localized ? renderCoreMessage(language, this.localized) : this.message;
  }
}

export function isCoreError(error: unknown, code?: ErrorCode): error is CoreError {
  return error instanceof CoreError && (code === undefined || error.code === code);
}

/**
 * The one place any thrown value becomes what crosses a transport. `message` is written
 * in `language`; a catalog message also travels as its key and values, so a receiver
 * with another language (the renderer after a switch) can render it again.
 */
export function serializeError(error: unknown, language: Language = 'en'): SerializedError {
  if (error instanceof CoreError) {
    const serialized: SerializedError = { code: error.code, message: error.messageIn(language) };
    if (error.details !== undefined) serialized.details = error.details;
    if (error.localized) {
      serialized.messageKey = error.localized.key;
      if (error.localized.values) serialized.messageValues = { ...error.localized.values };
    }
    return serialized;
  }
  if (isDiskFull(error)) {
    // A write no domain mapped (a label on a full disk fails inside SQLite): still 507.
    return serializeError(
      new CoreError('DISK_FULL', { key: 'error.diskFull' }, undefined, { cause: error }),
      language,
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return {
    code: 'INTERNAL',
    message: renderCoreMessage(language, { key: 'error.internal', values: { detail } }),
    messageKey: 'error.internal',
    messageValues: { detail },
  };
}

/**
 * A serialized error back as a CoreError (a job's failure re-thrown by a shell), keeping
 * its code and catalog message so the shell still maps it to the right exit code.
 */
export function deserializeError(error: SerializedError): CoreError {
  const message = coreMessageFromWire(error.messageKey, error.messageValues) ?? error.message;
  return new CoreError(error.code as ErrorCode, message, error.details);
}

/** Makes a switch exhaustive: TypeScript fails the build when a case is missing. */
export function missingCase(value: never): never {
  throw new CoreError('INTERNAL', `Unhandled case: ${JSON.stringify(value)}`);
}
