import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { libraryPaths, originalPath, thumbPath } from '../../electron/core/library/database.js';
import { useTempDirs } from '../helpers/temp-dir.js';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);

const { protocol } = await import('./electron-fake.js');
const { CONTENT_SECURITY_POLICY } = await import('../../electron/shared/content-security.js');
const { createAppProtocolHandler, registerAppScheme, resolveAppResource, serveAppProtocol } =
  await import('../../electron/main/app-protocol.js');

const SHA = 'ab'.repeat(32);
const OTHER_SHA = 'cd'.repeat(32);

describe('app:// protocol', () => {
  const tempDir = useTempDirs();
  let rendererDir: string;
  let library: ReturnType<typeof libraryPaths>;
  let fetchApp: (url: string, init?: RequestInit) => Promise<Response>;

  beforeEach(() => {
    const root = tempDir();
    rendererDir = path.join(root, 'dist', 'renderer');
    mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Desk</title>');
    writeFileSync(path.join(rendererDir, 'assets', 'index-1a2b.js'), 'console.log(1)');
    writeFileSync(path.join(rendererDir, 'favicon.svg'), '<svg/>');
    library = libraryPaths(path.join(root, 'library'));
    for (const file of [thumbPath(library, SHA), originalPath(library, SHA, 'jpg')]) {
      mkdirSync(path.dirname(file), { recursive: true });
    }
    writeFileSync(thumbPath(library, SHA), Buffer.from('RIFF-thumb-bytes'));
    writeFileSync(originalPath(library, SHA, 'jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]));
    writeFileSync(library.database, 'SQLite format 3\0 secret');
    const handler = createAppProtocolHandler({ rendererDir, library });
    fetchApp = (url, init) => handler(new Request(url, init));
  });

  it('registers app:// as a standard, secure scheme the fetch API may use', () => {
    registerAppScheme();
    expect(protocol.privileged).toContainEqual({
      scheme: 'app',
      privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }),
    });
  });

  it('serves the renderer at app://desk/ with the content security policy', async () => {
    for (const url of ['app://desk/', 'app://desk/index.html']) {
      const response = await fetchApp(url);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await response.text()).toContain('<title>Desk</title>');
    }
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("img-src 'self' data: blob:");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('serves hashed assets cached forever and client routes as the app page', async () => {
    const asset = await fetchApp('app://desk/assets/index-1a2b.js');
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect(await asset.text()).toBe('console.log(1)');
    const route = await fetchApp('app://desk/review');
    expect(await route.text()).toContain('<title>Desk</title>');
    expect((await fetchApp('app://desk/missing.js')).status).toBe(404);
  });

  it('serves thumbnails and originals from the library by content hash', async () => {
    const thumb = await fetchApp(`app://desk/media/thumbs/${SHA}.webp`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect(thumb.headers.get('cache-control')).toContain('immutable');
    expect(await thumb.text()).toBe('RIFF-thumb-bytes');
    const original = await fetchApp(`app://desk/media/originals/${SHA}.jpg`);
    expect(original.headers.get('content-type')).toBe('image/jpeg');
    expect(new Uint8Array(await original.arrayBuffer())).toEqual(
      new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2]),
    );
    const head = await fetchApp(`app://desk/media/thumbs/${SHA}.webp`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe(String('RIFF-thumb-bytes'.length));
  });

  it('answers 404 for a photo the library does not have', async () => {
    const response = await fetchApp(`app://desk/media/thumbs/${OTHER_SHA}.webp`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('not in the library');
  });

  it.each([
    ['an upper-case hash', `app://desk/media/thumbs/${SHA.toUpperCase()}.webp`],
    ['a short hash', `app://desk/media/thumbs/${SHA.slice(1)}.webp`],
    ['an unknown extension', `app://desk/media/originals/${SHA}.exe`],
    ['a thumbnail that is not webp', `app://desk/media/thumbs/${SHA}.jpg`],
    ['dot segments', `app://desk/media/thumbs/../../library.sqlite`],
    ['encoded dot segments', `app://desk/media/thumbs/%2e%2e/%2e%2e/library.sqlite`],
    ['encoded slashes', `app://desk/assets/..%2f..%2f..%2flibrary%2flibrary.sqlite`],
    ['encoded backslashes', `app://desk/assets/..%5c..%5clibrary%5clibrary.sqlite`],
    ['another host', `app://elsewhere/media/thumbs/${SHA}.webp`],
    ['another scheme', 'file:///etc/passwd'],
  ])('never reaches a file for %s', async (_what, url) => {
    const response = await fetchApp(url);
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('secret');
  });

  it('resolves only validated paths, before touching the disk', () => {
    expect(
      resolveAppResource(`app://desk/media/thumbs/${SHA}.webp`, { rendererDir, library }),
    ).toEqual(expect.objectContaining({ kind: 'file', file: thumbPath(library, SHA) }));
    expect(
      resolveAppResource(`app://desk/media/originals/${SHA}.tif`, { rendererDir, library }),
    ).toEqual(expect.objectContaining({ kind: 'file', contentType: 'image/tiff' }));
    expect(resolveAppResource('app://desk/media/', { rendererDir, library })).toEqual({
      kind: 'not-found',
    });
  });

  it('refuses anything but GET and HEAD', async () => {
    const response = await fetchApp('app://desk/index.html', { method: 'POST', body: 'x' });
    expect(response.status).toBe(405);
  });

  it('explains how to build the interface when dist/renderer is missing', async () => {
    const handler = createAppProtocolHandler({
      rendererDir: path.join(tempDir(), 'nothing'),
      library,
    });
    const response = await handler(new Request('app://desk/'));
    expect(response.status).toBe(404);
    expect(await response.text()).toContain('npm run build');
  });

  it('is installed as the app scheme handler', async () => {
    serveAppProtocol({ rendererDir, library });
    const response = await protocol.fetch(`app://desk/media/thumbs/${SHA}.webp`);
    expect(response.status).toBe(200);
  });
});
