/**
 * `POST /api/rpc/<method>`: the whole contract, generically. The JSON body is the
 * method's arguments; the core validates them, so this route has no per-method code.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../../core/app.js';
import { HttpError, sendJson } from '../http-errors.js';
import { formatLimit, readBody } from '../read-body.js';

export const RPC_PREFIX = '/api/rpc/';

/** Parses a JSON request body; an empty body means "no arguments". */
export function parseJsonBody(body: Buffer): unknown {
  const text = body.toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new HttpError(
      'INVALID_JSON',
      `The request body is not valid JSON (${(error as Error).message}). Send the method's arguments as a JSON object, e.g. {"limit": 50}, or an empty body for none.`,
    );
  }
}

/**
 * Cross-site request forgery guard. A page on another site can POST text/plain or a form
 * to 127.0.0.1 without preflight, and some requests carry no Origin. Browsers always
 * say where a request comes from in Sec-Fetch-Site, and a JSON body cannot be sent
 * cross-site without a CORS preflight (which this server never grants): requiring both
 * keeps every command to the app's own page, curl and scripts.
 */
function refuseCrossSite(req: IncomingMessage, method: string): void {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') {
    throw new HttpError(
      'FORBIDDEN',
      'Requests from other websites are not allowed: Inspection Desk accepts commands only from its own page.',
    );
  }
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new HttpError(
      'UNSUPPORTED_MEDIA_TYPE',
      `Send the arguments of ${method} as JSON with Content-Type: application/json (got ${mediaType || 'no Content-Type'}), e.g. curl -H 'content-type: application/json' -d '{}' ...${RPC_PREFIX}${method}`,
    );
  }
}

export async function handleRpc(
  core: Core,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
  maxBodyBytes: number,
): Promise<void> {
  if (req.method !== 'POST') {
    throw new HttpError(
      'METHOD_NOT_ALLOWED',
      `Call ${RPC_PREFIX}${method} with POST and the arguments as a JSON body.`,
      { headers: { Allow: 'POST' } },
    );
  }
  refuseCrossSite(req, method);
  const body = await readBody(
    req,
    maxBodyBytes,
    () =>
      new HttpError(
        'PAYLOAD_TOO_LARGE',
        `The arguments are larger than ${formatLimit(maxBodyBytes)}. Send fewer items per call (page through them).`,
      ),
  );
  const result = await core.invokeUnknown(method, parseJsonBody(body));
  // `undefined` would vanish from the JSON; clients always find a `result` key.
  sendJson(res, 200, { result: result ?? null });
}
