import type { SerializedError } from '../../electron/contract.js';
import type { WireMessageValues } from '../../electron/shared/core-messages/index.js';

/**
 * An error the core (or the transport) reported. `message` already says what happened
 * and what to do; the UI shows it as it is.
 */
export class ContractError extends Error {
  readonly code: string;
  readonly details: unknown;
  /** The core's catalog key and values, so the UI can show the message in its language. */
  readonly messageKey: string | undefined;
  readonly messageValues: WireMessageValues | undefined;

  constructor(error: SerializedError) {
    super(error.message);
    this.name = 'ContractError';
    this.code = error.code;
    this.details = error.details;
    this.messageKey = error.messageKey;
    this.messageValues = error.messageValues;
  }
}

/** Code of the error raised when the HTTP server does not answer at all. */
export const SERVER_UNREACHABLE = 'SERVER_UNREACHABLE';

/** Turns anything thrown into a ContractError so banners always have a code and a message. */
export function toContractError(error: unknown): ContractError {
  if (error instanceof ContractError) return error;
  if (error instanceof Error)
    return new ContractError({ code: 'INTERNAL', message: error.message });
  return new ContractError({ code: 'INTERNAL', message: String(error) });
}

/** Validates the shape of a serialized error that came over a wire. */
export function isSerializedError(value: unknown): value is SerializedError {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.code === 'string' && typeof candidate.message === 'string';
}
