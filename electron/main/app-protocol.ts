/**
 * The `app://desk/` protocol: the built renderer (`dist/renderer`) and the library's
 * photos (`/media/thumbs/<sha256>.webp`, `/media/originals/<sha256>.<ext>`), with the
 * same strict path rules as the HTTP server (both use electron/core/serving). Every
 * response carries the shared Content-Security-Policy (electron/shared/content-security).
 */
import { protocol } from 'electron';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { LibraryPaths } from '../core/library/database.js';
import { MEDIA_PREFIX, resolveMediaPath } from '../core/serving/media-paths.js';
import { resolveStaticPath, STATIC_CONTENT_TYPES } from '../core/serving/static-paths.js';
import { SECURITY_HEADERS } from '../shared/content-security.js';
import { APP_HOST, APP_SCHEME } from './app-origin.js';

/** Content-addressed photos and Vite's hashed assets never change under their URL. */
const FOREVER = 'public, max-age=31536000, immutable';

/**
 * Must run before the app is ready. `standard` gives the scheme real origins and relative
 * URLs, `secure` lets it use APIs reserved to secure contexts, `supportFetchAPI` lets the
 * renderer `fetch()` its own resources.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    },
  ]);
}

export interface AppProtocolSources {
  /** The built renderer: `dist/renderer`. */
  rendererDir: string;
  library: LibraryPaths;
}

export type AppResource =
  { kind: 'file'; file: string; contentType: string; cacheControl: string } | { kind: 'not-found' };

/**
 * Which file an `app://` URL names, before the file system is touched: a photo (exact
 * hash and known extension only), a renderer file (never outside `rendererDir`), or the
 * renderer's index.html for client routes like `/review`.
 */
export function resolveAppResource(url: string, sources: AppProtocolSources): AppResource {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'not-found' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST)
    return { kind: 'not-found' };
  const pathname = parsed.pathname;
  if (pathname.startsWith(MEDIA_PREFIX)) {
    const media = resolveMediaPath(sources.library, pathname);
    return media
      ? { kind: 'file', file: media.file, contentType: media.contentType, cacheControl: FOREVER }
      : { kind: 'not-found' };
  }
  const index = path.join(sources.rendererDir, 'index.html');
  // A path without an extension is a client-side route the single-page app resolves.
  if (pathname === '/' || path.posix.extname(pathname) === '') {
    return {
      kind: 'file',
      file: index,
      contentType: STATIC_CONTENT_TYPES['.html']!,
      cacheControl: 'no-cache',
    };
  }
  const file = resolveStaticPath(sources.rendererDir, pathname);
  if (file === null) return { kind: 'not-found' };
  return {
    kind: 'file',
    file,
    contentType:
      STATIC_CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    cacheControl: pathname.startsWith('/assets/') ? FOREVER : 'no-cache',
  };
}

async function fileSize(file: string): Promise<number | null> {
  try {
    const info = await stat(file);
    return info.isFile() ? info.size : null;
  } catch {
    return null;
  }
}

function textResponse(status: number, text: string, extra: Record<string, string> = {}): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...extra },
  });
}

/** The `protocol.handle` handler; exported apart from its registration for tests. */
export function createAppProtocolHandler(
  sources: AppProtocolSources,
): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return textResponse(405, 'Inspection Desk serves its pages and photos with GET.', {
        Allow: 'GET, HEAD',
      });
    }
    const resource = resolveAppResource(request.url, sources);
    if (resource.kind === 'not-found') {
      return textResponse(
        404,
        'Nothing here. Photo URLs come from the API (thumbUrl, originalUrl).',
      );
    }
    const size = await fileSize(resource.file);
    if (size === null) {
      const missingUi = resource.file === path.join(sources.rendererDir, 'index.html');
      return textResponse(
        404,
        missingUi
          ? `The interface is not built: ${sources.rendererDir} has no index.html. Run "npm run build" and start again.`
          : 'This photo is not in the library (any more). Reload the list.',
      );
    }
    const headers = {
      ...SECURITY_HEADERS,
      'Content-Type': resource.contentType,
      'Content-Length': String(size),
      'Cache-Control': resource.cacheControl,
    };
    if (request.method === 'HEAD') return new Response(null, { status: 200, headers });
    // Streamed: an original can be a large TIFF; the window should not wait for all of it.
    const body = Readable.toWeb(createReadStream(resource.file)) as ReadableStream<Uint8Array>;
    return new Response(body, { status: 200, headers });
  };
}

/** Serves `app://desk/` for the default session. Call once the app is ready. */
export function serveAppProtocol(sources: AppProtocolSources): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(sources));
}
