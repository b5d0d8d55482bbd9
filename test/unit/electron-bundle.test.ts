/**
 * The bundles `npm run build:electron` produces, loaded the way Electron would load them
 * (with the `electron` module faked): the preload in a bare context like the sandbox,
 * where `require` knows nothing but 'electron'; the main bundle in Node, where it must
 * open a real library and answer the contract.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNEL, type DesktopBridge } from '../../electron/contract.js';
import type {
  OrtWorkerReply,
  OrtWorkerRequest,
} from '../../electron/core/inference/ort-worker-protocol.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import {
  FakeBrowserWindow,
  FakeIpcRenderer,
  app,
  electronModule,
  ipcMain,
  resetFakeElectron,
} from './electron-fake.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const buildScript = path.join(repoRoot, 'scripts', 'build-electron.mjs');

interface BuildModule {
  buildElectron(options: { outDir: string }): Promise<unknown>;
}

describe('Electron bundles', () => {
  const tempDir = useTempDirs();
  let outDir: string;
  let mainCode: string;
  let workerCode: string;
  let preloadCode: string;

  beforeAll(async () => {
    // Inside the checkout, so the bundles' require() finds node_modules as in the app.
    const cacheDir = path.join(repoRoot, 'node_modules', '.cache');
    mkdirSync(cacheDir, { recursive: true });
    outDir = mkdtempSync(path.join(cacheDir, 'inspection-desk-bundle-'));
    const { buildElectron } = (await import(buildScript)) as BuildModule;
    await buildElectron({ outDir });
    mainCode = readFileSync(path.join(outDir, 'main.cjs'), 'utf8');
    workerCode = readFileSync(path.join(outDir, 'ort-worker.cjs'), 'utf8');
    preloadCode = readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
  });

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  function requiredModules(code: string): string[] {
    return [...new Set([...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]!))].sort();
  }

  it('keeps the preload to one file that requires only electron (no zod, no Node)', () => {
    expect(requiredModules(preloadCode)).toEqual(['electron']);
    expect(preloadCode).not.toMatch(/zod/i);
  });

  it('runs the preload in a bare sandbox-like context and exposes the bridge', async () => {
    const exposed = new Map<string, unknown>();
    const ipcRenderer = new FakeIpcRenderer();
    ipcRenderer.reply = { ok: true, result: { reviewer: 'Ana', language: 'en' } };
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
      ipcRenderer,
    };
    const sandboxRequire = (id: string): unknown => {
      if (id === 'electron') return electron;
      throw new Error(`module not found: ${id} (sandboxed preloads cannot require it)`);
    };
    const module = { exports: {} };
    vm.runInNewContext(preloadCode, { require: sandboxRequire, module, exports: module.exports });
    const bridge = exposed.get('inspectionDesk') as DesktopBridge;
    expect(Object.keys(bridge).sort()).toEqual([
      'invoke',
      'on',
      'openFolder',
      'pickFolder',
      'removableDrives',
      'saveReportPdf',
    ]);
    expect(await bridge.invoke('settings.get', {})).toEqual({
      ok: true,
      result: { reviewer: 'Ana', language: 'en' },
    });
    expect(ipcRenderer.invocations).toEqual([[IPC_INVOKE_CHANNEL, 'settings.get', {}]]);
  });

  it('leaves native modules and Electron to node_modules, and no bare import.meta', () => {
    const required = requiredModules(mainCode);
    // Everything else of ours and zod is inside the bundle; onnxruntime is loaded only by
    // the inference thread (next test).
    // pg and the S3 SDK (Settings' "Sync now") come from node_modules too.
    expect(required.filter((m) => !m.startsWith('node:'))).toEqual(
      [
        '@aws-sdk/client-s3',
        '@aws-sdk/lib-storage',
        'better-sqlite3',
        'electron',
        'exifr',
        'pg',
        'sharp',
      ].sort(),
    );
    expect(mainCode).not.toContain('import.meta');
  });

  it('runs a model on the bundled inference thread (ort-worker.cjs beside main.cjs)', async () => {
    expect(requiredModules(workerCode).filter((m) => !m.startsWith('node:'))).toEqual([
      'onnxruntime-node',
    ]);
    const worker = new Worker(path.join(outDir, 'ort-worker.cjs'));
    const replies = new Map<number, OrtWorkerReply>();
    worker.on('message', (reply: OrtWorkerReply) => replies.set(reply.id, reply));
    const ask = async (request: OrtWorkerRequest): Promise<OrtWorkerReply> => {
      worker.postMessage(request);
      await vi.waitFor(() => expect(replies.has(request.id)).toBe(true), { timeout: 20_000 });
      return replies.get(request.id)!;
    };
    try {
      const fixture = path.join(repoRoot, 'test/fixtures/models/torch-style/model.onnx');
      const opened = await ask({
        id: 1,
        kind: 'open',
        args: { onnxPath: fixture, intraOpNumThreads: 1 },
      });
      expect(opened).toMatchObject({ ok: true, result: { inputNames: ['input'] } });
      const ran = await ask({
        id: 2,
        kind: 'run',
        args: {
          inputName: 'input',
          data: new Float32Array(2 * 3 * 32 * 32),
          dims: [2, 3, 32, 32],
          fetches: ['logits'],
        },
      });
      expect(ran).toMatchObject({ ok: true, result: { logits: { dims: [2, 2] } } });
      const broken = await ask({
        id: 3,
        kind: 'run',
        args: { inputName: 'input', data: new Float32Array(5), dims: [5], fetches: ['logits'] },
      });
      // A bad request is answered with onnxruntime's reason; the thread keeps serving.
      expect(broken).toMatchObject({ ok: false, message: expect.stringMatching(/\S/) });
    } finally {
      await worker.terminate();
    }
  });

  it('starts from the bundle: opens the library and answers the contract over IPC', async () => {
    resetFakeElectron();
    const appData = tempDir();
    app.setPath('appData', appData);
    app.appPath = tempDir();
    vi.stubEnv('INSPECTION_DESK_LIBRARY', '');
    // Native modules resolve from the checkout's node_modules, as from the packaged app's.
    const realRequire = createRequire(path.join(repoRoot, 'dist-electron', 'main.cjs'));
    const bundleRequire = (id: string): unknown =>
      id === 'electron' ? electronModule : realRequire(id);
    const mainFile = path.join(outDir, 'main.cjs');
    const module = { exports: {} };
    const run = new Function('exports', 'require', 'module', '__filename', '__dirname', mainCode);
    run(module.exports, bundleRequire, module, mainFile, path.dirname(mainFile));

    await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1), {
      timeout: 20_000,
    });
    expect(FakeBrowserWindow.instances[0]!.loadedUrl).toBe('app://desk/index.html');
    expect(
      await ipcMain.invokeFrom('app://desk/index.html', IPC_INVOKE_CHANNEL, 'settings.get', {}),
    ).toEqual({ ok: true, result: { reviewer: '', language: 'pt-BR' } });
    const reply = await ipcMain.invokeFrom(
      'app://desk/index.html',
      IPC_INVOKE_CHANNEL,
      'review.setLabel',
      { imageIds: [], label: 'clear' },
    );
    expect(reply).toEqual({
      ok: false,
      error: expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    });

    app.quit();
    await vi.waitFor(() => expect(app.quitted).toBe(true));
    vi.unstubAllEnvs();
  });
});
