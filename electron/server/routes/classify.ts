/**
 * `POST /api/v1/classify`: the seeds' "send a photo, get label and confidence" API, on
 * the library's active model. Accepts `multipart/form-data` with a file field `image`
 * (what `curl -F image=@photo.jpg` sends) or the raw image bytes with an `image/*` type.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Core } from '../../core/app.js';
import type { CoreMessage } from '../../shared/core-messages/index.js';
import { HttpError, sendJson } from '../http-errors.js';
import { formatLimit, readBody } from '../read-body.js';
import type { ClassifyGate } from './classify-gate.js';

export const CLASSIFY_PATH = '/api/v1/classify';
export const IMAGE_FIELD = 'image';
/** Room for multipart boundaries and part headers on top of the image limit. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** The curl line that works, as a catalog message (its command stays as written). */
function howToSend(req: IncomingMessage): CoreMessage {
  const host = req.headers.host ?? '127.0.0.1';
  return {
    key: 'transport.classify.howToSend',
    values: {
      field: IMAGE_FIELD,
      curl: `curl -F ${IMAGE_FIELD}=@photo.jpg http://${host}${CLASSIFY_PATH}`,
    },
  };
}

export function imageTooLarge(limit: number): HttpError {
  return new HttpError('IMAGE_TOO_LARGE', {
    key: 'transport.classify.imageTooLarge',
    values: { limit: formatLimit(limit) },
  });
}

/** Whether a Content-Type carries raw image bytes. */
function isRawImageType(mediaType: string): boolean {
  return mediaType.startsWith('image/') || mediaType === 'application/octet-stream';
}

/** The largest body the route accepts for a request of this Content-Type. */
export function classifyBodyLimit(contentType: string | undefined, maxImageBytes: number): number {
  const mediaType = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return mediaType === 'multipart/form-data'
    ? maxImageBytes + MULTIPART_OVERHEAD_BYTES
    : maxImageBytes;
}

/** The image bytes of a multipart body, from its `image` field. */
async function imageFromMultipart(
  req: IncomingMessage,
  contentType: string,
  body: Buffer,
  maxImageBytes: number,
): Promise<Buffer> {
  let form: FormData;
  try {
    // Node's own fetch implementation parses multipart; no dependency needed.
    form = await new Request('http://localhost/', {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    }).formData();
  } catch (error) {
    throw new HttpError('INVALID_ARGUMENT', {
      key: 'transport.classify.badMultipart',
      values: { detail: (error as Error).message, hint: howToSend(req) },
    });
  }
  const field = form.get(IMAGE_FIELD);
  if (field === null) {
    const sent = [...new Set(form.keys())];
    throw new HttpError('MISSING_IMAGE', {
      key: 'transport.classify.noImageField',
      values: {
        field: IMAGE_FIELD,
        count: sent.length,
        sent: sent.join(', '),
        hint: howToSend(req),
      },
    });
  }
  if (typeof field === 'string') {
    throw new HttpError('MISSING_IMAGE', {
      key: 'transport.classify.imageIsText',
      values: { field: IMAGE_FIELD, hint: howToSend(req) },
    });
  }
  if (field.size > maxImageBytes) throw imageTooLarge(maxImageBytes);
  return Buffer.from(await field.arrayBuffer());
}

/** Seconds a client told "busy" waits before trying again. */
export const BUSY_RETRY_AFTER_SECONDS = 1;

export function serverBusy(): HttpError {
  return new HttpError(
    'SERVER_BUSY',
    { key: 'transport.classify.busy', values: { seconds: BUSY_RETRY_AFTER_SECONDS } },
    { headers: { 'Retry-After': String(BUSY_RETRY_AFTER_SECONDS) } },
  );
}

export interface ClassifyLimits {
  maxImageBytes: number;
  gate: ClassifyGate;
}

export async function handleClassify(
  core: Core,
  req: IncomingMessage,
  res: ServerResponse,
  { maxImageBytes, gate }: ClassifyLimits,
): Promise<void> {
  if (req.method !== 'POST') {
    throw new HttpError(
      'METHOD_NOT_ALLOWED',
      { key: 'transport.classify.usePost', values: { hint: howToSend(req) } },
      { headers: { Allow: 'POST' } },
    );
  }
  const contentType = req.headers['content-type'] ?? '';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  if (mediaType !== 'multipart/form-data' && !isRawImageType(mediaType)) {
    throw new HttpError('UNSUPPORTED_MEDIA_TYPE', {
      key: 'transport.classify.unsupportedType',
      values: { got: mediaType || { key: 'transport.noContentType' }, hint: howToSend(req) },
    });
  }
  // Before the body is read: a refused upload never reaches our memory.
  const entering = gate.enter(new Promise<void>((resolve) => res.once('close', resolve)));
  if (!entering) throw serverBusy();
  const leave = await entering;
  if (!leave) return; // The client went away while waiting.
  try {
    const limit = classifyBodyLimit(contentType, maxImageBytes);
    const body = await readBody(req, limit, () => imageTooLarge(maxImageBytes));
    const image =
      mediaType === 'multipart/form-data'
        ? await imageFromMultipart(req, contentType, body, maxImageBytes)
        : body;
    if (image.length === 0) {
      throw new HttpError('EMPTY_FILE', {
        key: 'transport.classify.emptyImage',
        values: { hint: howToSend(req) },
      });
    }
    sendJson(res, 200, await core.classifyImage(image));
  } finally {
    leave();
  }
}
