/** The HTTP shell's pure parts: status per error code, host/origin guard, path checks, SSE frames. */
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { libraryPaths } from '../../electron/core/library/database.js';
import { CoreError } from '../../electron/core/errors.js';
import { errorResponse, httpStatusFor, HttpError } from '../../electron/server/http-errors.js';
import { resolveMediaPath } from '../../electron/core/serving/media-paths.js';
import { serverBusy } from '../../electron/server/routes/classify.js';
import { parseJsonBody } from '../../electron/server/routes/rpc.js';
import { sseFrame } from '../../electron/server/routes/events.js';
import { resolveStaticPath } from '../../electron/core/serving/static-paths.js';
import { allowedHosts, refusalReason } from '../../electron/server/security.js';

function request(headers: Record<string, string>): IncomingMessage {
  return { headers } as unknown as IncomingMessage;
}

describe('error statuses', () => {
  it('maps core error codes to the HTTP statuses clients expect', () => {
    expect(httpStatusFor('INVALID_ARGUMENT')).toBe(400);
    expect(httpStatusFor('UNKNOWN_METHOD')).toBe(404);
    expect(httpStatusFor('NOT_FOUND')).toBe(404);
    expect(httpStatusFor('JOB_RUNNING')).toBe(409);
    expect(httpStatusFor('DEST_NOT_EMPTY')).toBe(409);
    expect(httpStatusFor('NO_ACTIVE_MODEL')).toBe(503);
    expect(httpStatusFor('DISK_FULL')).toBe(507);
    expect(httpStatusFor('INTERNAL')).toBe(500);
    expect(httpStatusFor('SOMETHING_NEW')).toBe(500);
  });

  it('keeps the core message and details, and hides nothing a client needs', () => {
    const error = new CoreError('DEST_NOT_EMPTY', 'Choose an empty folder.', { files: 3 });
    expect(errorResponse(error)).toEqual({
      status: 409,
      body: {
        error: {
          code: 'DEST_NOT_EMPTY',
          message: 'Choose an empty folder.',
          details: { files: 3 },
        },
      },
    });
    expect(
      errorResponse(
        new HttpError('PAYLOAD_TOO_LARGE', {
          key: 'transport.rpc.tooLarge',
          values: { limit: '1 MB' },
        }),
      ).status,
    ).toBe(413);
    expect(errorResponse(new TypeError('boom'))).toEqual({
      status: 500,
      body: {
        error: expect.objectContaining({
          code: 'INTERNAL',
          message: expect.stringMatching(/^Unexpected error: boom\./),
        }),
      },
    });
  });
});

describe('transport errors in two languages', () => {
  it('writes the message in the asked language and sends its key, values, code and status', () => {
    const busy = serverBusy();
    expect(busy.headers).toEqual({ 'Retry-After': '1' });
    expect(errorResponse(busy, 'pt-BR')).toEqual({
      status: 503,
      body: {
        error: {
          code: 'SERVER_BUSY',
          message:
            'O servidor está classificando o máximo de fotos que consegue agora. Envie esta de novo em 1 s (veja Retry-After) ou envie menos fotos de uma vez.',
          messageKey: 'transport.classify.busy',
          messageValues: { seconds: 1 },
        },
      },
    });
    expect(errorResponse(busy, 'en').body.error.message).toBe(
      'The server is classifying as many photos as it can right now. Send this one again in 1 s (see Retry-After), or send fewer at once.',
    );
    // Logs read English whatever the library speaks.
    expect(busy.message).toMatch(/^The server is classifying/);
  });
});

describe('host and origin guard', () => {
  const allowed = allowedHosts('127.0.0.1', 5175);

  it('answers the local names with the right port only', () => {
    expect(refusalReason(request({ host: '127.0.0.1:5175' }), allowed)).toBeNull();
    expect(refusalReason(request({ host: 'localhost:5175' }), allowed)).toBeNull();
    expect(refusalReason(request({ host: 'LOCALHOST:5175' }), allowed)).toBeNull();
    expect(refusalReason(request({ host: 'localhost:8080' }), allowed)).toEqual({
      key: 'transport.forbidden.host',
      values: { host: 'localhost:8080' },
    });
    expect(refusalReason(request({ host: 'attacker.example:5175' }), allowed)?.key).toBe(
      'transport.forbidden.host',
    );
    expect(refusalReason(request({}), allowed)?.key).toBe('transport.forbidden.host');
  });

  it('accepts requests from its own page and from tools without an Origin', () => {
    expect(
      refusalReason(request({ host: 'localhost:5175', origin: 'http://localhost:5175' }), allowed),
    ).toBeNull();
    expect(
      refusalReason(request({ host: 'localhost:5175', origin: 'https://evil.example' }), allowed),
    ).toEqual({ key: 'transport.forbidden.origin', values: { origin: 'https://evil.example' } });
    expect(refusalReason(request({ host: 'localhost:5175', origin: 'null' }), allowed)?.key).toBe(
      'transport.forbidden.origin',
    );
    expect(
      refusalReason(request({ host: 'localhost:5175', origin: 'http://localhost:5176' }), allowed),
    ).not.toBeNull();
  });
});

describe('paths', () => {
  const paths = libraryPaths('/lib');
  const sha = 'ab' + 'c'.repeat(62);

  it('maps media URLs to the content-addressed library files', () => {
    expect(resolveMediaPath(paths, `/media/thumbs/${sha}.webp`)?.file).toBe(
      `/lib/thumbs/ab/${sha}.webp`,
    );
    expect(resolveMediaPath(paths, `/media/originals/${sha}.jpg`)).toMatchObject({
      file: `/lib/originals/ab/${sha}.jpg`,
      contentType: 'image/jpeg',
    });
  });

  it('refuses anything that is not a hash with a known extension', () => {
    for (const p of [
      `/media/thumbs/${sha}.jpg`,
      `/media/originals/${sha}.exe`,
      `/media/thumbs/../${sha}.webp`,
      `/media/thumbs/${sha.slice(1)}.webp`,
      `/media/originals/${sha}.jpg/../../library.sqlite`,
    ]) {
      expect(resolveMediaPath(paths, p), p).toBeNull();
    }
  });

  it('keeps static files inside the renderer folder', () => {
    expect(resolveStaticPath('/dist/renderer', '/assets/app.js')).toBe(
      '/dist/renderer/assets/app.js',
    );
    expect(resolveStaticPath('/dist/renderer', '/../package.json')).toBeNull();
    expect(resolveStaticPath('/dist/renderer', '/assets/%2e%2e/%2e%2e/package.json')).toBeNull();
    expect(resolveStaticPath('/dist/renderer', '/.env')).toBeNull();
    expect(resolveStaticPath('/dist/renderer', '/%E0%A4%A')).toBeNull();
  });
});

describe('bodies and frames', () => {
  it('reads an empty body as no arguments and explains bad JSON', () => {
    expect(parseJsonBody(Buffer.from(''))).toBeUndefined();
    expect(parseJsonBody(Buffer.from('{"limit": 5}'))).toEqual({ limit: 5 });
    expect(() => parseJsonBody(Buffer.from('{limit: 5}'))).toThrow(/not valid JSON/);
  });

  it('writes one SSE frame per event with the payload on one data line', () => {
    expect(sseFrame('library.changed', { imageIds: [1], reason: 'review', note: 'a\nb' })).toBe(
      'event: library.changed\ndata: {"imageIds":[1],"reason":"review","note":"a\\nb"}\n\n',
    );
  });
});
