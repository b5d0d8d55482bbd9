/**
 * The errors the transports raise themselves (the core's come over the wire). Each
 * carries a catalog key, so the UI shows it in its own language; `message` stays English
 * for logs. DOM-free, so Node tests build them exactly as the browser does.
 */
import { ContractError, SERVER_UNREACHABLE } from './contract-error.js';

/** The server did not answer at all (stopped, or the network is gone). */
export function serverUnreachable(reason: unknown): ContractError {
  // `message` keeps the browser's reason for logs; the UI shows the catalog text.
  return new ContractError({
    code: SERVER_UNREACHABLE,
    message: `The Inspection Desk server does not answer (${String(reason)}). Check that it is still running, then try again.`,
    messageKey: 'transport.serverUnreachable',
  });
}

/** Something answered, but not with JSON (a proxy's error page, say). */
export function unreadableAnswer(method: string, status: number): ContractError {
  return new ContractError({
    code: 'INTERNAL',
    message: `The server answered ${method} with HTTP ${status} and no readable body.`,
    messageKey: 'transport.unreadableBody',
    messageValues: { method, status },
  });
}

/** A failed HTTP status with JSON that holds no error. */
export function failedStatus(method: string, status: number): ContractError {
  return new ContractError({
    code: 'INTERNAL',
    message: `The server answered ${method} with HTTP ${status}.`,
    messageKey: 'transport.httpStatus',
    messageValues: { method, status },
  });
}

/** A desktop call failed with something that is not an error the core serialized. */
export function callFailed(method: string): ContractError {
  return new ContractError({
    code: 'INTERNAL',
    message: `${method} failed`,
    messageKey: 'transport.callFailed',
    messageValues: { method },
  });
}
