/**
 * The HTTP shell over the core: the contract over `POST /api/rpc/<method>`, events over
 * SSE, the REST classify endpoint, photos from the library and the built renderer. Node's
 * `http` module only; every route is generic over the contract.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCore, type Core } from '../core/app.js';
import { shippedModelDirs } from '../core/models/shipped.js';
import { appVersion } from '../core/app-version.js';
import { HttpError, isServerFault, sendError, sendJson } from './http-errors.js';
import { declaredLength } from './read-body.js';
import {
  CLASSIFY_PATH,
  classifyBodyLimit,
  handleClassify,
  imageTooLarge,
} from './routes/classify.js';
import {
  createClassifyGate,
  defaultClassifyGateOptions,
  type ClassifyGate,
  type ClassifyGateOptions,
} from './routes/classify-gate.js';
import { createEventStreams } from './routes/events.js';
import { handleMedia, MEDIA_PREFIX } from './routes/media.js';
import { handleRpc, RPC_PREFIX, rpcTooLarge } from './routes/rpc.js';
import { handleStatic } from './routes/static.js';
import { allowedHosts, refusalReason, SECURITY_HEADERS } from './security.js';

export const DEFAULT_PORT = 5175;
export const DEFAULT_HOST = '127.0.0.1';
/** RPC arguments are small: ids, filters, a label. */
export const DEFAULT_MAX_RPC_BYTES = 1024 * 1024;
export const DEFAULT_MAX_IMAGE_BYTES = 50 * 1024 * 1024;
/** Requests slower than this are logged (only those: a busy grid makes many requests). */
export const SLOW_REQUEST_MS = 200;

export interface ServerOptions {
  /** An open core; the caller keeps ownership and closes it. */
  core?: Core;
  /** Opens a core on this library instead (closed with the server). */
  libraryDir?: string;
  /** With `libraryDir`: model folders for a new library (default: the shipped model). */
  modelDirs?: string[];
  /** 0 picks a free port. Default 5175. */
  port?: number;
  /** Default 127.0.0.1: the server is for this machine only. */
  host?: string;
  /** The built renderer; default `<repo>/dist/renderer`. */
  rendererDir?: string;
  maxRpcBytes?: number;
  maxImageBytes?: number;
  /** Classify requests served at once and waiting; the rest get 503 (see classify-gate.ts). */
  classifyGate?: ClassifyGateOptions;
  heartbeatMs?: number;
  /** Receives one line per slow request and per server fault. Default: stderr. */
  log?: (line: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  core: Core;
  /** The classify route's admission gate (how many requests it serves and queues now). */
  classify: { gate: Pick<ClassifyGate, 'active' | 'waiting'> };
  close(): Promise<void>;
}

/** `<repo>/dist/renderer`, where `npm run build:renderer` writes the UI. */
export function defaultRendererDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/renderer');
}

/** Starts listening; resolves once the port is bound. */
/** How long in-flight requests may take to finish when the server closes. */
const CLOSE_GRACE_MS = 1_000;

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  if (!options.core && !options.libraryDir) {
    throw new Error('startServer needs a core or a libraryDir');
  }
  const ownsCore = !options.core;
  const core =
    options.core ??
    (await createCore({
      libraryDir: options.libraryDir!,
      defaultModelDirs: options.modelDirs ?? shippedModelDirs(),
    }));
  const host = options.host ?? DEFAULT_HOST;
  const rendererDir = options.rendererDir ?? defaultRendererDir();
  const maxRpcBytes = options.maxRpcBytes ?? DEFAULT_MAX_RPC_BYTES;
  const maxImageBytes = options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES;
  const classifyGate = createClassifyGate(options.classifyGate ?? defaultClassifyGateOptions());
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const streams = createEventStreams(core, options.heartbeatMs ?? 15_000);
  // Filled in once the port is known (it may be 0 = any free port until then).
  let allowed = new Set<string>();

  async function route(req: IncomingMessage, res: ServerResponse, pathname: string) {
    if (pathname.startsWith(RPC_PREFIX)) {
      const method = pathname.slice(RPC_PREFIX.length);
      return handleRpc(core, req, res, method, maxRpcBytes);
    }
    if (pathname === '/api/events') {
      if (req.method !== 'GET') {
        throw new HttpError(
          'METHOD_NOT_ALLOWED',
          { key: 'transport.events.useGet' },
          {
            headers: { Allow: 'GET' },
          },
        );
      }
      return streams.open(req, res);
    }
    if (pathname === CLASSIFY_PATH)
      return handleClassify(core, req, res, { maxImageBytes, gate: classifyGate });
    if (pathname === '/api/health') return health(res);
    if (pathname.startsWith('/api/')) {
      throw new HttpError('ROUTE_NOT_FOUND', {
        key: 'transport.api.noRoute',
        values: { path: pathname, prefix: RPC_PREFIX },
      });
    }
    if (pathname.startsWith(MEDIA_PREFIX))
      return handleMedia(core.context.paths, req, res, pathname);
    return handleStatic(rendererDir, req, res, pathname);
  }

  async function health(res: ServerResponse) {
    let model: string | null = null;
    try {
      model = (await core.invoke('library.info')).activeModelId;
    } catch {
      // Health answers even when the library cannot say which model is active.
    }
    sendJson(res, 200, {
      ok: true,
      version: appVersion(),
      library: core.context.paths.root,
      model,
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const started = performance.now();
    const pathname = (req.url ?? '/').split('?')[0]!;
    // An event stream is slow by design; everything else that is gets one log line.
    if (pathname !== '/api/events') {
      res.on('finish', () => {
        const ms = performance.now() - started;
        if (ms > SLOW_REQUEST_MS) {
          log(`slow request: ${req.method} ${pathname} ${res.statusCode} ${Math.round(ms)} ms`);
        }
      });
    }
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      if (value !== undefined) res.setHeader(name, value);
    }
    try {
      const refusal = refusalReason(req, allowed);
      if (refusal) throw new HttpError('FORBIDDEN', refusal);
      await route(req, res, pathname);
    } catch (error) {
      if (isServerFault(error)) {
        const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
        log(`${req.method} ${pathname} failed: ${detail}`);
      }
      sendError(res, error, core.language());
    }
  }

  const server = http.createServer((req, res) => void handle(req, res));

  // `curl -F` of a large photo asks first (Expect: 100-continue): refuse an oversized
  // upload before it is sent instead of reading it only to throw it away.
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    const pathname = (req.url ?? '/').split('?')[0]!;
    const length = declaredLength(req);
    const limit =
      pathname === CLASSIFY_PATH
        ? classifyBodyLimit(req.headers['content-type'], maxImageBytes)
        : maxRpcBytes;
    if (length !== null && length > limit && refusalReason(req, allowed) === null) {
      for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
        if (value !== undefined) res.setHeader(name, value);
      }
      const error =
        pathname === CLASSIFY_PATH ? imageTooLarge(maxImageBytes) : rpcTooLarge(maxRpcBytes);
      error.headers['Connection'] = 'close';
      sendError(res, error, core.language());
      return;
    }
    res.writeContinue();
    void handle(req, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => {
      server.off('error', reject);
      resolve();
    });
  }).catch(async (error: unknown) => {
    if (ownsCore) await core.close();
    throw error;
  });

  const port = (server.address() as AddressInfo).port;
  allowed = allowedHosts(host, port);
  const urlHost =
    host === '0.0.0.0' || host === '::' ? DEFAULT_HOST : host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    core,
    classify: { gate: classifyGate },
    close() {
      closing ??= (async () => {
        streams.closeAll();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          // Requests still in flight get a moment to finish; then any connection left
          // (a browser keeping a socket alive) is cut so shutdown never hangs.
          setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
        });
        if (ownsCore) await core.close();
      })();
      return closing;
    },
  };
}
