/**
 * The HTTP shell as a browser, a script or curl sees it: a real server on a free port
 * over a real library (SQLite), the real torch-style fixture model in onnxruntime and
 * real images decoded by sharp.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClassifyOutcome } from '../../electron/contract.js';
import { thumbPath } from '../../electron/core/library/database.js';
import { startServer, type RunningServer } from '../../electron/server/server.js';
import { CONTENT_SECURITY_POLICY } from '../../electron/shared/content-security.js';
import { makeSdCard } from '../fixtures/sd-card.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const TORCH_MODEL = path.resolve('test/fixtures/models/torch-style');
const tempDir = useTempDirs();
const running: RunningServer[] = [];
const logged: string[] = [];

afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
  // Client mistakes are answered, not logged; a logged failure is a server fault (a 500).
  expect(logged.filter((line) => line.includes(' failed: '))).toEqual([]);
  logged.length = 0;
});

async function serve(options: { rendererDir?: string; maxImageBytes?: number } = {}) {
  const server = await startServer({
    libraryDir: tempDir(),
    modelDirs: [TORCH_MODEL],
    port: 0,
    rendererDir: options.rendererDir ?? path.join(tempDir(), 'no-renderer'),
    maxImageBytes: options.maxImageBytes,
    log: (line) => logged.push(line),
  });
  running.push(server);
  return server;
}

/** What the API answers: `{result}`, `{error}`, or a classify outcome. */
interface ApiBody extends Partial<ClassifyOutcome> {
  result?: unknown;
  error?: {
    code: string;
    message: string;
    messageKey?: string;
    details?: { issues: { path: string[] }[] };
  };
}

async function rpc(server: RunningServer, method: string, body: unknown) {
  const response = await fetch(`${server.url}/api/rpc/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

/** A request exactly as written (fetch would normalize `..` and set its own Host). */
function rawRequest(
  server: RunningServer,
  options: { path: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: server.port,
        method: options.method ?? 'GET',
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

interface Frame {
  event: string;
  data: Record<string, unknown> & { id?: string; jobId?: string; kind?: string; result?: unknown };
}

/** Subscribes to /api/events and reads frames as they come. */
async function openEvents(server: RunningServer) {
  const controller = new AbortController();
  const response = await fetch(`${server.url}/api/events`, { signal: controller.signal });
  expect(response.headers.get('content-type')).toContain('text/event-stream');
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  const read = async () => {
    const { value, done } = await reader.read();
    if (done) throw new Error('The event stream ended early');
    text += decoder.decode(value, { stream: true });
  };
  const frames = () =>
    text
      .split('\n\n')
      .filter((f) => f.startsWith('event: '))
      .map((f): Frame => {
        const [eventLine, dataLine] = f.split('\n') as [string, string];
        return { event: eventLine.slice(7), data: JSON.parse(dataLine.slice(6)) as Frame['data'] };
      });
  await read(); // the "connected" comment: subscribed from here on
  return {
    async until(done: (frame: Frame) => boolean): Promise<Frame[]> {
      while (!frames().some(done)) await read();
      const all = frames();
      return all.slice(0, all.findIndex(done) + 1);
    },
    async untilText(fragment: string): Promise<void> {
      while (!text.includes(fragment)) await read();
    },
    close: () => controller.abort(),
  };
}

function solidJpeg(rgb: { r: number; g: number; b: number }): Promise<Buffer> {
  return sharp({ create: { width: 96, height: 64, channels: 3, background: rgb } })
    .jpeg({ quality: 90 })
    .toBuffer();
}

function imageForm(bytes: Buffer, field = 'image', type = 'image/jpeg', name = 'photo.jpg') {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), name);
  return form;
}

async function classify(server: RunningServer, init: RequestInit) {
  const response = await fetch(`${server.url}/api/v1/classify`, { method: 'POST', ...init });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

describe('RPC over HTTP', () => {
  it('round-trips a method: settings saved by one call are read by the next', async () => {
    const server = await serve();
    const set = await rpc(server, 'settings.set', { reviewer: 'Ana Souza', language: 'en' });
    expect(set).toEqual({
      status: 200,
      body: { result: { reviewer: 'Ana Souza', language: 'en' } },
    });
    const get = await rpc(server, 'settings.get', '');
    expect(get.body.result).toEqual({ reviewer: 'Ana Souza', language: 'en' });
  });

  it('answers bad arguments with 400 and the name of the field', async () => {
    const server = await serve();
    const { status, body } = await rpc(server, 'settings.set', { language: 'fr' });
    expect(status).toBe(400);
    expect(body.error?.code).toBe('INVALID_ARGUMENT');
    expect(body.error?.message).toContain('language');
    expect(body.error?.details?.issues[0]?.path).toEqual(['language']);
  });

  it('a pt-BR user reads a bad model.json and bad arguments in Portuguese, field by field', async () => {
    const server = await serve();
    await rpc(server, 'settings.set', { language: 'pt-BR' });
    // A model folder as a data scientist might write it: one wrong field, one misspelt.
    const dir = path.join(tempDir(), 'bad-model');
    mkdirSync(dir);
    const manifest = JSON.parse(readFileSync(path.join(TORCH_MODEL, 'model.json'), 'utf8'));
    manifest.input.width = 0;
    manifest.input.colourOrder = 'RGB';
    writeFileSync(path.join(dir, 'model.json'), JSON.stringify(manifest));
    writeFileSync(path.join(dir, 'model.onnx'), readFileSync(path.join(TORCH_MODEL, 'model.onnx')));
    const added = await rpc(server, 'models.add', { path: dir });
    expect(added.status).toBe(400);
    expect(added.body.error?.code).toBe('MODEL_INVALID');
    const message = added.body.error?.message ?? '';
    expect(message).toContain('model.json tem campos a corrigir:');
    expect(message).toContain('input.width deve ser um número inteiro de pixels, de 1 a 4096');
    expect(message).toContain('(recebido: 0)');
    expect(message).toContain('input tem um campo desconhecido "colourOrder"');
    expect(message).not.toMatch(/must be|unknown field|got /);
    const models = await rpc(server, 'models.list', {});
    expect(JSON.stringify(models.body.result)).not.toContain('bad-model');

    const args = await rpc(server, 'library.list', { limit: 0 });
    expect(args.status).toBe(400);
    expect(args.body.error?.message).toBe(
      'Argumentos inválidos para library.list: limit deve ser no mínimo 1 (recebido: 0)',
    );
  });

  it('answers an unknown method with 404', async () => {
    const server = await serve();
    const { status, body } = await rpc(server, 'files.delete', {});
    expect(status).toBe(404);
    expect(body.error?.code).toBe('UNKNOWN_METHOD');
    expect(body.error?.message).toContain('files.delete');
  });

  it('answers a body that is not JSON with 400 and says what to send (pt-BR, the default)', async () => {
    const server = await serve();
    const { status, body } = await rpc(server, 'settings.set', '{"reviewer": ');
    expect(status).toBe(400);
    expect(body.error?.code).toBe('INVALID_JSON');
    expect(body.error?.message).toMatch(/não é um JSON válido/);
    expect(body.error?.message).toContain('{"limit": 50}');
  });

  it('refuses a body over 1 MB with 413', async () => {
    const server = await serve();
    const huge = JSON.stringify({ reviewer: 'x'.repeat(1024 * 1024 + 10) });
    const { status, body } = await rpc(server, 'settings.set', huge);
    expect(status).toBe(413);
    expect(body.error?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(body.error?.message).toContain('1 MB');
  });

  it('accepts only POST on methods (405 with Allow)', async () => {
    const server = await serve();
    const response = await fetch(`${server.url}/api/rpc/settings.get`);
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'METHOD_NOT_ALLOWED',
    );
  });

  it('reports version, library folder and active model on /api/health', async () => {
    const server = await serve();
    const response = await fetch(`${server.url}/api/health`);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ ok: true, library: server.core.context.paths.root });
    expect(typeof body.version).toBe('string');
  });

  it("sends the desktop's Content-Security-Policy: one policy for both shells", async () => {
    const server = await serve();
    const response = await fetch(`${server.url}/api/health`);
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).toContain("form-action 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
  });
});

describe('events over SSE', () => {
  it('streams job.progress and job.finished of a job started over RPC', async () => {
    const server = await serve();
    const events = await openEvents(server);
    const started = await rpc(server, 'models.classify', {});
    expect(started.status).toBe(200);
    const { jobId } = started.body.result as { jobId: string };
    const frames = await events.until((f) => f.event === 'job.finished');
    expect(frames.some((f) => f.event === 'job.progress' && f.data.jobId === jobId)).toBe(true);
    expect(frames.at(-1)!.data).toMatchObject({ id: jobId, kind: 'classify', status: 'done' });
  });

  it('sends heartbeats to idle clients and lets them go when they disconnect', async () => {
    const server = await startServer({
      libraryDir: tempDir(),
      modelDirs: [],
      port: 0,
      heartbeatMs: 50,
      log: (line) => logged.push(line),
    });
    running.push(server);
    const events = await openEvents(server);
    await events.untilText(': heartbeat');
    events.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
    // Events after the disconnect go nowhere (no write to a closed socket), and a new
    // client still receives them.
    server.core.events.emit('library.changed', { imageIds: [], reason: 'review' });
    const again = await openEvents(server);
    server.core.events.emit('library.changed', { imageIds: [7], reason: 'review' });
    const [frame] = await again.until((f) => f.event === 'library.changed');
    expect(frame!.data).toEqual({ imageIds: [7], reason: 'review' });
    again.close();
    // The server closes promptly: no stream is left holding it open.
    await server.close();
  });

  it('shuts down even while a browser keeps an event stream and a socket open', async () => {
    const server = await serve();
    const events = await openEvents(server);
    // A kept-alive socket, as a browser tab holds one between requests.
    const agent = new http.Agent({ keepAlive: true });
    await new Promise<void>((resolve, reject) => {
      http
        .get(`${server.url}/api/health`, { agent }, (res) => {
          res.resume();
          res.on('end', resolve);
        })
        .on('error', reject);
    });
    const closed = server.close().then(() => 'closed');
    const timeout = new Promise((resolve) => setTimeout(() => resolve('hung'), 10_000));
    expect(await Promise.race([closed, timeout])).toBe('closed');
    events.close();
    agent.destroy();
  });
});

describe('REST classify (/api/v1/classify)', () => {
  it('classifies a red photo sent as multipart as clogged, with scores summing to 1', async () => {
    const server = await serve();
    const { status, body } = await classify(server, {
      body: imageForm(await solidJpeg({ r: 220, g: 30, b: 20 })),
    });
    expect(status).toBe(200);
    expect(body.label).toBe('clogged');
    expect(body.confidence).toBeGreaterThan(0.9);
    expect(Object.keys(body.scores ?? {}).sort()).toEqual(['clear', 'clogged']);
    expect(body.scores!.clear! + body.scores!.clogged!).toBeCloseTo(1, 5);
    expect(body.model).toMatchObject({ id: 'tube-fixture@1.0.0', version: '1.0.0' });
  });

  it('accepts the raw image bytes as an image/* body', async () => {
    const server = await serve();
    const { status, body } = await classify(server, {
      headers: { 'content-type': 'image/jpeg' },
      body: new Uint8Array(await solidJpeg({ r: 20, g: 40, b: 230 })),
    });
    expect(status).toBe(200);
    expect(body.label).toBe('clear');
  });

  it('explains how to send the photo when the form has no image field', async () => {
    const server = await serve();
    const form = new FormData();
    form.append('photo', 'not a file');
    const { status, body } = await classify(server, { body: form });
    expect(status).toBe(400);
    expect(body.error?.code).toBe('MISSING_IMAGE');
    expect(body.error?.message).toContain('curl -F image=@photo.jpg');
    expect(body.error?.message).toContain('photo');
  });

  it('refuses a text file sent as the image with a 4xx naming the problem', async () => {
    const server = await serve();
    const { status, body } = await classify(server, {
      body: imageForm(Buffer.from('tube 12 looks clogged\n'), 'image', 'text/plain', 'notes.txt'),
    });
    expect(status).toBe(400);
    expect(body.error?.code).toBe('NOT_AN_IMAGE');
    expect(body.error?.message.length).toBeGreaterThan(20);
  });

  it('refuses a truncated JPEG instead of classifying grey bands', async () => {
    const server = await serve();
    const jpeg = await solidJpeg({ r: 220, g: 30, b: 20 });
    const { status, body } = await classify(server, {
      body: imageForm(jpeg.subarray(0, Math.floor(jpeg.length / 2))),
    });
    expect(status).toBe(400);
    expect(body.error?.code).toBe('UNREADABLE_IMAGE');
  });

  it('refuses an image over the size limit with 413', async () => {
    const server = await serve({ maxImageBytes: 1024 });
    const { status, body } = await classify(server, {
      body: imageForm(Buffer.alloc(200 * 1024, 0xff)),
    });
    expect(status).toBe(413);
    expect(body.error?.code).toBe('IMAGE_TOO_LARGE');
    expect(body.error?.message).toContain('1 KB');
  });

  it('refuses an oversized upload before it is sent when the client asks first (curl -F does)', async () => {
    const server = await serve({ maxImageBytes: 1024 });
    const answer = await new Promise<{ status: number; body: string; sentBody: boolean }>(
      (resolve, reject) => {
        let sentBody = false;
        const req = http.request({
          host: '127.0.0.1',
          port: server.port,
          method: 'POST',
          path: '/api/v1/classify',
          headers: {
            'content-type': 'image/jpeg',
            'content-length': String(10 * 1024 * 1024),
            expect: '100-continue',
          },
        });
        req.on('continue', () => {
          sentBody = true;
          req.end(Buffer.alloc(10 * 1024 * 1024));
        });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body, sentBody }));
        });
        req.on('error', reject);
        req.flushHeaders();
      },
    );
    expect(answer.status).toBe(413);
    expect(answer.sentBody).toBe(false);
    // A new library speaks pt-BR (the default language).
    expect(answer.body).toContain('A imagem passa de 1 KB');
  });

  it('refuses a JSON body with 415 and the curl line to use', async () => {
    const server = await serve();
    const { status, body } = await classify(server, {
      headers: { 'content-type': 'application/json' },
      body: '{"image": "photo.jpg"}',
    });
    expect(status).toBe(415);
    expect(body.error?.message).toContain('curl -F image=@photo.jpg');
  });
});

describe('an import over HTTP', () => {
  it('streams the import job over SSE, then serves its thumbnails and originals', async () => {
    const server = await serve();
    const card = await makeSdCard(path.join(tempDir(), 'SD_CARD'), {
      photos: 12,
      width: 320,
      height: 240,
    });
    const events = await openEvents(server);
    const started = await rpc(server, 'ingest.start', { source: card.root });
    expect(started.status).toBe(200);
    const { jobId } = started.body.result as { jobId: string };
    const frames = await events.until((f) => f.event === 'job.finished' && f.data.id === jobId);

    const progress = frames.filter((f) => f.event === 'job.progress' && f.data.jobId === jobId);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((f) => f.data.kind === 'import')).toBe(true);
    const finished = frames.at(-1)!.data;
    expect(finished).toMatchObject({ kind: 'import', status: 'done' });
    expect(finished.result).toMatchObject({ imported: card.expected.imported });

    const photo = card.photos.find((p) => p.format === 'jpeg')!;
    const thumb = await fetch(`${server.url}/media/thumbs/${photo.sha256}.webp`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
    expect(thumb.headers.get('cache-control')).toContain('immutable');
    expect(thumb.headers.get('etag')).toBe(`"${photo.sha256}"`);
    const meta = await sharp(Buffer.from(await thumb.arrayBuffer())).metadata();
    expect(meta.format).toBe('webp');

    const original = await fetch(`${server.url}/media/originals/${photo.sha256}.jpg`);
    expect(original.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await original.arrayBuffer());
    expect(bytes.equals(readFileSync(path.join(card.root, photo.relPath)))).toBe(true);

    const revalidated = await fetch(`${server.url}/media/thumbs/${photo.sha256}.webp`, {
      headers: { 'if-none-match': `"${photo.sha256}"` },
    });
    expect(revalidated.status).toBe(304);
  });
});

describe('photos from the library (/media)', () => {
  it('refuses traversal, bad hashes and unknown extensions with 404', async () => {
    const server = await serve();
    const sha = 'ab'.padEnd(64, '0');
    const file = thumbPath(server.core.context.paths, sha);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'RIFF....WEBP');
    const ok = await rawRequest(server, {
      path: `/media/thumbs/${sha}.webp`,
      headers: { host: `127.0.0.1:${server.port}` },
    });
    expect(ok.status).toBe(200);
    for (const p of [
      '/media/thumbs/../library.sqlite',
      '/media/thumbs/%2e%2e/%2e%2e/library.sqlite',
      `/media/thumbs/ab/${sha}.webp`,
      `/media/thumbs/${sha.slice(0, 63)}.webp`,
      `/media/thumbs/${sha.toUpperCase()}.webp`,
      `/media/originals/${sha}.sqlite`,
      '/media/originals/../../library.sqlite',
      `/media/originals/${'cd'.padEnd(64, '0')}.jpg`,
    ]) {
      const response = await rawRequest(server, {
        path: p,
        headers: { host: `127.0.0.1:${server.port}` },
      });
      expect(response.status, p).toBe(404);
      expect(response.body).not.toContain('SQLite format');
    }
  });
});

describe('local-only guards', () => {
  it('refuses a request addressed to another host name (DNS rebinding)', async () => {
    const server = await serve();
    const refused = await rawRequest(server, {
      path: '/api/health',
      headers: { host: `evil.example:${server.port}` },
    });
    expect(refused.status).toBe(403);
    const allowed = await rawRequest(server, {
      path: '/api/health',
      headers: { host: `localhost:${server.port}` },
    });
    expect(allowed.status).toBe(200);
  });

  it('refuses a cross-site POST but accepts one from its own page', async () => {
    const server = await serve();
    const post = (origin: string) =>
      rawRequest(server, {
        path: '/api/rpc/settings.set',
        method: 'POST',
        headers: { host: `127.0.0.1:${server.port}`, origin, 'content-type': 'text/plain' },
        body: '{"reviewer":"attacker"}',
      });
    expect((await post('https://evil.example')).status).toBe(403);
    expect((await post('null')).status).toBe(403);
    // Without Origin (issue 14 L8): a form or text/plain POST is refused, and so is
    // anything the browser marks as coming from another site.
    const bare = (headers: Record<string, string>) =>
      rawRequest(server, {
        path: '/api/rpc/settings.set',
        method: 'POST',
        headers: { host: `127.0.0.1:${server.port}`, ...headers },
        body: '{"reviewer":"attacker"}',
      });
    expect((await bare({ 'content-type': 'text/plain' })).status).toBe(415);
    expect((await bare({ 'content-type': 'application/x-www-form-urlencoded' })).status).toBe(415);
    expect(
      (await bare({ 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' })).status,
    ).toBe(403);
    expect(server.core.context.reviewer()).not.toBe('attacker');
    const own = await rawRequest(server, {
      path: '/api/rpc/settings.set',
      method: 'POST',
      headers: {
        host: `127.0.0.1:${server.port}`,
        origin: server.url,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/json',
      },
      body: '{"reviewer":"Ana"}',
    });
    expect(own.status).toBe(200);
    expect(server.core.context.reviewer()).toBe('Ana');
  });
});

describe('the renderer (static files)', () => {
  it('says how to build the interface when dist/renderer is missing', async () => {
    const server = await serve();
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('npm run build:renderer');
  });

  it('serves index.html (also for client routes) and assets, with a strict CSP', async () => {
    const rendererDir = tempDir();
    mkdirSync(path.join(rendererDir, 'assets'));
    writeFileSync(
      path.join(rendererDir, 'index.html'),
      '<!doctype html><title>Inspection Desk</title>',
    );
    writeFileSync(path.join(rendererDir, 'assets', 'app-1a2b.js'), 'console.log("ok")');
    const server = await serve({ rendererDir });

    const index = await fetch(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>Inspection Desk</title>');
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');

    const clientRoute = await fetch(`${server.url}/review`);
    expect(await clientRoute.text()).toContain('<title>Inspection Desk</title>');

    const asset = await fetch(`${server.url}/assets/app-1a2b.js`);
    expect(asset.headers.get('content-type')).toContain('text/javascript');
    expect(asset.headers.get('cache-control')).toContain('immutable');

    expect((await fetch(`${server.url}/assets/missing.js`)).status).toBe(404);
    const traversal = await rawRequest(server, {
      path: '/../package.json',
      headers: { host: `127.0.0.1:${server.port}` },
    });
    expect(traversal.body).not.toContain('"name"');
  });
});

/** Asks first (Expect: 100-continue) to send `bytes` bytes; resolves with the answer. */
function askToSend(server: RunningServer, urlPath: string, contentType: string, bytes: number) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
    (resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port: server.port,
        method: 'POST',
        path: urlPath,
        headers: {
          'content-type': contentType,
          'content-length': String(bytes),
          expect: '100-continue',
        },
      });
      req.on('continue', () => req.end(Buffer.alloc(bytes)));
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.flushHeaders();
    },
  );
}

describe("the server's own refusals in the library's language", () => {
  /** The same four mistakes a script or a browser can make, with what stays the same. */
  async function mistakes(server: RunningServer) {
    const invalidJson = await rpc(server, 'settings.get', '{"reviewer": ');
    expect(invalidJson.status).toBe(400);
    expect(invalidJson.body.error?.code).toBe('INVALID_JSON');
    expect(invalidJson.body.error?.messageKey).toBe('transport.rpc.invalidJson');

    const get = await fetch(`${server.url}/api/rpc/settings.get`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    const usePost = ((await get.json()) as ApiBody).error;
    expect(usePost?.code).toBe('METHOD_NOT_ALLOWED');

    const form = new FormData();
    form.append('photo', 'not a file');
    const missing = await classify(server, { body: form });
    expect(missing.status).toBe(400);
    expect(missing.body.error?.code).toBe('MISSING_IMAGE');

    // Refused before the body is sent: this answer used to ignore the library's language.
    const huge = await askToSend(server, '/api/rpc/settings.set', 'application/json', 2 << 20);
    expect(huge.status).toBe(413);
    expect(huge.headers.connection).toBe('close');
    const tooLarge = (JSON.parse(huge.body) as ApiBody).error;
    expect(tooLarge?.code).toBe('PAYLOAD_TOO_LARGE');

    return {
      invalidJson: invalidJson.body.error!.message,
      usePost: usePost!.message,
      missing: missing.body.error!.message,
      tooLarge: tooLarge!.message,
    };
  }

  it('a pt-BR library (the default) answers bad requests in Portuguese, with the same codes', async () => {
    const server = await serve();
    const curl = `curl -F image=@photo.jpg http://127.0.0.1:${server.port}/api/v1/classify`;
    const said = await mistakes(server);
    expect(said.invalidJson).toMatch(
      /^O corpo da requisição não é um JSON válido \(.+\)\. Envie os argumentos do método como um objeto JSON, por exemplo \{"limit": 50\}, ou um corpo vazio se não houver argumentos\.$/,
    );
    expect(said.usePost).toBe(
      'Chame /api/rpc/settings.get com POST e os argumentos num corpo JSON.',
    );
    expect(said.missing).toBe(
      `O formulário não tem o campo "image" (recebidos: photo). Envie a foto num campo de formulário chamado "image": ${curl}`,
    );
    expect(said.tooLarge).toBe(
      'Os argumentos passam de 1 MB. Envie menos itens por chamada (pagine os resultados).',
    );
  });

  it('an en library answers the same bad requests in English', async () => {
    const server = await serve();
    expect((await rpc(server, 'settings.set', { language: 'en' })).status).toBe(200);
    const curl = `curl -F image=@photo.jpg http://127.0.0.1:${server.port}/api/v1/classify`;
    const said = await mistakes(server);
    expect(said.invalidJson).toMatch(
      /^The request body is not valid JSON \(.+\)\. Send the method's arguments as a JSON object, e\.g\. \{"limit": 50\}, or an empty body for none\.$/,
    );
    expect(said.usePost).toBe(
      'Call /api/rpc/settings.get with POST and the arguments as a JSON body.',
    );
    expect(said.missing).toBe(
      `No "image" field in the form (got: photo). Send the photo as a form field named "image": ${curl}`,
    );
    expect(said.tooLarge).toBe(
      'The arguments are larger than 1 MB. Send fewer items per call (page through them).',
    );
  });
});
