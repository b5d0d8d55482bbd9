/**
 * `GET /media/thumbs/<sha256>.webp` and `GET /media/originals/<sha256>.<ext>`: photos
 * straight from the library. The URL is the content hash, so answers never change:
 * cached forever, ETag = hash. Anything but an exact hash and a known extension is a 404
 * before the file system is touched, which also rules out path traversal.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LibraryPaths } from '../../core/library/database.js';
import { resolveMediaPath } from '../../core/serving/media-paths.js';
import { HttpError } from '../http-errors.js';

export { MEDIA_PREFIX } from '../../core/serving/media-paths.js';

function notFound(): HttpError {
  return new HttpError('ROUTE_NOT_FOUND', { key: 'transport.media.notFound' });
}

export async function handleMedia(
  paths: LibraryPaths,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new HttpError(
      'METHOD_NOT_ALLOWED',
      { key: 'transport.media.useGet' },
      {
        headers: { Allow: 'GET, HEAD' },
      },
    );
  }
  const media = resolveMediaPath(paths, pathname);
  if (!media) throw notFound();
  let size: number;
  try {
    const info = await stat(media.file);
    if (!info.isFile()) throw notFound();
    size = info.size;
  } catch {
    throw notFound();
  }
  const etag = `"${media.sha256}"`;
  const headers = {
    'Content-Type': media.contentType,
    'Cache-Control': 'public, max-age=31536000, immutable',
    ETag: etag,
  };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  res.writeHead(200, { ...headers, 'Content-Length': size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await new Promise<void>((resolve) => {
    const stream = createReadStream(media.file);
    stream.on('error', () => res.destroy());
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}
