/**
 * Starts an inference thread (`ort-worker.ts`) and talks to it with typed requests.
 * Each model session gets its own thread; closing the session ends the thread.
 *
 * Where the thread's code comes from depends on how the core runs:
 * - the desktop app's bundle (dist-electron/main.cjs) loads dist-electron/ort-worker.cjs,
 *   built beside it by scripts/build-electron.mjs;
 * - from TypeScript sources (tsx for the CLI, server and scripts; Vitest) the thread
 *   registers tsx's loader first, then imports ort-worker.ts.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type {
  OrtWorkerKind,
  OrtWorkerMethods,
  OrtWorkerReply,
  OrtWorkerRequest,
} from './ort-worker-protocol.js';

export interface OrtThread {
  /** Sends one request; `transfer` lists buffers handed over without a copy. */
  call<K extends OrtWorkerKind>(
    kind: K,
    args: OrtWorkerMethods[K][0],
    transfer?: ArrayBuffer[],
  ): Promise<OrtWorkerMethods[K][1]>;
  /** Releases the session and ends the thread; pending requests fail. */
  close(): Promise<void>;
}

/** Worker code for a CommonJS `eval` worker: register tsx, then load the TypeScript entry. */
const TYPESCRIPT_BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.tsxApi)
  .then(({ register }) => { register(); return import(workerData.entry); })
  .catch((error) => { setImmediate(() => { throw error; }); });
`;

/** The worker script for how this module itself is running. */
function spawnWorker(): Worker {
  const here = import.meta.url;
  if (!here.endsWith('.ts')) {
    return new Worker(new URL('./ort-worker.cjs', here), { name: 'inference' });
  }
  const tsxDir = path.dirname(createRequire(here).resolve('tsx/package.json'));
  const tsxApi = path.join(tsxDir, 'dist', 'esm', 'api', 'index.mjs');
  if (!existsSync(tsxApi)) {
    throw new Error(`tsx's loader API is not at ${tsxApi}: run npm install again`);
  }
  return new Worker(TYPESCRIPT_BOOTSTRAP, {
    eval: true,
    name: 'inference',
    workerData: {
      tsxApi: pathToFileURL(tsxApi).href,
      entry: new URL('./ort-worker.ts', here).href,
    },
  });
}

/** Starts a thread; it is idle (no session) until an `open` request. */
export function startOrtThread(): OrtThread {
  const worker = spawnWorker();
  const pending = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>();
  let nextId = 1;
  let stopped: Error | null = null;

  function stop(error: Error): void {
    if (stopped) return;
    stopped = error;
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  }

  worker.on('message', (reply: OrtWorkerReply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(reply.message));
  });
  worker.on('error', (error) => {
    stop(new Error(`the inference thread failed: ${error.message}`, { cause: error }));
  });
  worker.on('exit', (code) => {
    stop(new Error(`the inference thread stopped (exit code ${code})`));
  });
  // An idle thread must not keep a CLI process alive; a request in flight does.
  worker.unref();

  function call<K extends OrtWorkerKind>(
    kind: K,
    args: OrtWorkerMethods[K][0],
    transfer: ArrayBuffer[] = [],
  ): Promise<OrtWorkerMethods[K][1]> {
    if (stopped) return Promise.reject(stopped);
    const id = nextId++;
    const request = { id, kind, args } as OrtWorkerRequest;
    return new Promise((resolve, reject) => {
      pending.set(id, {
        resolve: (value) => {
          if (pending.size === 0) worker.unref();
          resolve(value as OrtWorkerMethods[K][1]);
        },
        reject: (error) => {
          if (pending.size === 0) worker.unref();
          reject(error);
        },
      });
      worker.ref();
      worker.postMessage(request, transfer);
    });
  }

  return {
    call,
    async close() {
      if (!stopped) await call('release', {}).catch(() => undefined);
      stop(new Error('the inference thread was closed'));
      await worker.terminate();
    },
  };
}
