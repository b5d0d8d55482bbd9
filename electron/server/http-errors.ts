/**
 * How errors cross HTTP: every failure becomes `{error: {code, message, details?}}` with
 * one status per code, decided in one table. Core errors keep their code and message
 * (which already says what to do); the server adds its own few for transport problems.
 * Both are written in the library's language and carry their catalog key and values
 * (`messageKey`, `messageValues`), so the renderer shows them in the UI's language.
 */
import type { ServerResponse } from 'node:http';
import type { SerializedError } from '../contract.js';
import { CoreError, serializeError, type ErrorCode } from '../core/errors.js';
import { renderCoreMessage, type CoreMessage } from '../shared/core-messages/index.js';
import type { Language } from '../shared/language.js';

/** Failures of the HTTP layer itself, before any core method runs. */
export type TransportErrorCode =
  | 'INVALID_JSON'
  | 'PAYLOAD_TOO_LARGE'
  | 'METHOD_NOT_ALLOWED'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'MISSING_IMAGE'
  | 'FORBIDDEN'
  | 'ROUTE_NOT_FOUND'
  | 'SERVER_BUSY';

/** HTTP status for every error code. `Record` makes a new core code a compile error here. */
const STATUS_BY_CODE: Record<ErrorCode | TransportErrorCode, number> = {
  INVALID_ARGUMENT: 400,
  NOT_AN_IMAGE: 400,
  UNREADABLE_IMAGE: 400,
  EMPTY_FILE: 400,
  UNSUPPORTED_FORMAT: 415,
  MODEL_INVALID: 400,
  MODEL_MISMATCH: 400,
  LABEL_UNKNOWN: 400,
  DEST_INSIDE_SOURCE: 400,
  BUNDLE_INVALID: 400,
  HUB_INVALID: 400,
  SOURCE_UNREADABLE: 400,
  INVALID_JSON: 400,
  MISSING_IMAGE: 400,
  FORBIDDEN: 403,
  UNKNOWN_METHOD: 404,
  NOT_FOUND: 404,
  SOURCE_NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  JOB_RUNNING: 409,
  DEST_NOT_EMPTY: 409,
  // The folder exists but cannot take the export (read-only disk, no permission).
  DEST_NOT_WRITABLE: 409,
  NOTHING_TO_UNDO: 409,
  CANCELLED: 409,
  LIBRARY_LOCKED: 409,
  IMAGE_TOO_LARGE: 413,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  // The request is fine; the server cannot serve it until a model is activated.
  NO_ACTIVE_MODEL: 503,
  // Too many classify requests at once: try again after Retry-After.
  SERVER_BUSY: 503,
  DISK_FULL: 507,
  // The hub (PostgreSQL, object storage) did not answer: a gateway's failure.
  HUB_UNREACHABLE: 502,
  LIBRARY_INVALID: 500,
  INTERNAL: 500,
};

/** HTTP status for an error code; 500 for codes this table does not know. */
export function httpStatusFor(code: string): number {
  return Object.prototype.hasOwnProperty.call(STATUS_BY_CODE, code)
    ? STATUS_BY_CODE[code as keyof typeof STATUS_BY_CODE]
    : 500;
}

/**
 * A transport-level failure with the code and message the client receives. The message
 * is a catalog message; `message` is its English text, for logs.
 */
export class HttpError extends Error {
  readonly code: TransportErrorCode | ErrorCode;
  readonly status: number;
  readonly details: unknown;
  /** Extra response headers (Allow on 405, say). */
  readonly headers: Record<string, string>;
  readonly localized: CoreMessage;

  constructor(
    code: TransportErrorCode | ErrorCode,
    message: CoreMessage,
    options: { details?: unknown; headers?: Record<string, string> } = {},
  ) {
    super(renderCoreMessage('en', message));
    this.name = 'HttpError';
    this.code = code;
    this.status = httpStatusFor(code);
    this.details = options.details;
    this.headers = options.headers ?? {};
    this.localized = message;
  }

  messageIn(language: Language): string {
    return renderCoreMessage(language, this.localized);
  }
}

/** The body and status any thrown value becomes; messages are written in `language`. */
export function errorResponse(
  error: unknown,
  language: Language = 'en',
): {
  status: number;
  body: { error: SerializedError };
} {
  if (error instanceof HttpError) {
    const serialized: SerializedError = {
      code: error.code,
      message: error.messageIn(language),
      messageKey: error.localized.key,
    };
    if (error.localized.values) serialized.messageValues = { ...error.localized.values };
    if (error.details !== undefined) serialized.details = error.details;
    return { status: error.status, body: { error: serialized } };
  }
  const serialized = serializeError(error, language);
  return { status: httpStatusFor(serialized.code), body: { error: serialized } };
}

/** Whether an error is a bug or an outage rather than a caller's mistake (worth logging). */
export function isServerFault(error: unknown): boolean {
  if (error instanceof HttpError) return error.status >= 500;
  if (error instanceof CoreError) return httpStatusFor(error.code) >= 500;
  return true;
}

/** Writes a JSON body with the headers every API answer carries. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Sends any thrown value as the JSON error answer. */
export function sendError(res: ServerResponse, error: unknown, language: Language = 'en'): void {
  const { status, body } = errorResponse(error, language);
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status, body, error instanceof HttpError ? error.headers : {});
}
