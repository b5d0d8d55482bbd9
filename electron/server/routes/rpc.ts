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
    throw new HttpError('INVALID_JSON', {
      key: 'transport.rpc.invalidJson',
      values: { detail: (error as Error).message, example: '{"limit": 50}' },
    });
  }
}

/** Arguments over the size limit: the same answer before (100-continue) and after reading. */
export function rpcTooLarge(limit: number): HttpError {
  return new HttpError('PAYLOAD_TOO_LARGE', {
    key: 'transport.rpc.tooLarge',
    values: { limit: formatLimit(limit) },
  });
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
    throw new HttpError('FORBIDDEN', { key: 'transport.forbidden.crossSite' });
  }
  const mediaType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'application/json') {
    throw new HttpError('UNSUPPORTED_MEDIA_TYPE', {
      key: 'transport.rpc.notJson',
      values: {
        method,
        got: mediaType || { key: 'transport.noContentType' },
        curl: `curl -H 'content-type: application/json' -d '{}' ...${RPC_PREFIX}${method}`,
      },
    });
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
      { key: 'transport.rpc.usePost', values: { path: `${RPC_PREFIX}${method}` } },
      { headers: { Allow: 'POST' } },
    );
  }
  refuseCrossSite(req, method);
  const body = await readBody(req, maxBodyBytes, () => rpcTooLarge(maxBodyBytes));
  const result = await core.invokeUnknown(method, parseJsonBody(body));
  // `undefined` would vanish from the JSON; clients always find a `result` key.
  sendJson(res, 200, { result: result ?? null });
}
