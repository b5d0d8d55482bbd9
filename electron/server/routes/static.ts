/**
 * The built renderer (`dist/renderer`) and its client-side routes. Vite names assets by
 * content hash under `assets/`, so those are cached forever; `index.html` never is, so
 * a rebuilt UI shows up on the next reload.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { resolveStaticPath, STATIC_CONTENT_TYPES } from '../../core/serving/static-paths.js';
import { HttpError } from '../http-errors.js';

/** The page served while `dist/renderer` has not been built. */
export function notBuiltPage(rendererDir: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Inspection Desk: interface not built</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>The interface has not been built yet</h1>
<p>The server is running, but <code>${escapeHtml(rendererDir)}</code> has no <code>index.html</code>.</p>
<p>Run <code>npm run build:renderer</code> (or start the server with <code>npm run serve</code>, which builds it first), then reload this page.</p>
<p>The API works meanwhile: <a href="/api/health">/api/health</a>.</p>
</body></html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function fileSize(file: string): Promise<number | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

function sendFile(
  req: IncomingMessage,
  res: ServerResponse,
  file: string,
  size: number,
  cacheControl: string,
): Promise<void> {
  res.writeHead(200, {
    'Content-Type':
      STATIC_CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': size,
    'Cache-Control': cacheControl,
  });
  if (req.method === 'HEAD') {
    res.end();
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const stream = createReadStream(file);
    stream.on('error', () => res.destroy());
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
}

export async function handleStatic(
  rendererDir: string,
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    throw new HttpError(
      'METHOD_NOT_ALLOWED',
      { key: 'transport.static.useGet' },
      {
        headers: { Allow: 'GET, HEAD' },
      },
    );
  }
  const index = path.join(rendererDir, 'index.html');
  const indexSize = await fileSize(index);
  if (indexSize === null) {
    const page = notBuiltPage(rendererDir);
    res.writeHead(503, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(page),
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : page);
    return;
  }
  const file = resolveStaticPath(rendererDir, pathname);
  if (file === null) {
    throw new HttpError('ROUTE_NOT_FOUND', {
      key: 'transport.static.notFound',
      values: { path: pathname },
    });
  }
  const size = file === path.resolve(rendererDir) ? null : await fileSize(file);
  if (size !== null && file !== path.resolve(index)) {
    const hashed = pathname.startsWith('/assets/');
    await sendFile(
      req,
      res,
      file,
      size,
      hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    return;
  }
  // A path with an extension names a file that is missing; anything else is a client
  // route (e.g. /review) that the single-page app resolves itself.
  if (size === null && path.extname(pathname) !== '') {
    throw new HttpError('ROUTE_NOT_FOUND', {
      key: 'transport.static.notFound',
      values: { path: pathname },
    });
  }
  await sendFile(req, res, index, indexSize, 'no-cache');
}
