/**
 * The bundled desktop start-up path under the stand-in runtime (node@22 for Electron,
 * see desktop-abi.test.ts): dist-electron/main.cjs starts with the `electron` module
 * faked only at its edges, on a real layout (built renderer, a model, native/node-abi<N>
 * made by scripts/natives.mjs). The real core, SQLite and onnxruntime run; app:// serves
 * index.html; the IPC contract answers library.summary; quitting closes the library.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

interface Target {
  runtime: string;
  version: string;
  abi: string;
}
interface NativesModule {
  nodeTarget(nodeExec: string): Target;
  prepareNative(
    target: Target,
    options: { nodeExec: string; nodedir: string; quiet?: boolean },
  ): string;
  nativeOutDir(target: Target): string;
}

interface Started {
  abi: string;
  errorBoxes: unknown[];
  windowUrl: string | null;
  page: { status: number; csp: string | null; isTheApp: boolean };
  summary: { ok: boolean; result?: { total: number } };
  loaded: string[];
  walWhileOpen: boolean;
  walAfterQuit: boolean;
}

describe('the bundled desktop start-up under the stand-in runtime', () => {
  let work: string;
  let started: Started;
  let binding: string;

  beforeAll(async () => {
    const natives = (await import(path.join(repoRoot, 'scripts/natives.mjs'))) as NativesModule;
    const { ensureStandInNode } = (await import(
      path.join(repoRoot, 'scripts/stand-in-node.mjs')
    )) as {
      ensureStandInNode(): { nodeExec: string; nodedir: string };
    };
    const standIn = ensureStandInNode();
    const target = natives.nodeTarget(standIn.nodeExec);
    natives.prepareNative(target, { ...standIn, quiet: true });

    // Bundles inside the checkout, so their require() finds node_modules as in the app.
    const cacheDir = path.join(repoRoot, 'node_modules', '.cache');
    mkdirSync(cacheDir, { recursive: true });
    work = mkdtempSync(path.join(cacheDir, 'inspection-desk-startup-'));
    const { buildElectron } = (await import(path.join(repoRoot, 'scripts/build-electron.mjs'))) as {
      buildElectron(options: { outDir: string }): Promise<unknown>;
    };
    const bundleDir = path.join(work, 'dist-electron');
    await buildElectron({ outDir: bundleDir });

    // The app's layout: what `npm start` finds under the checkout.
    const appPath = path.join(work, 'app');
    const built = spawnSync(
      process.execPath,
      [
        path.join(repoRoot, 'node_modules/vite/bin/vite.js'),
        'build',
        '--outDir',
        path.join(appPath, 'dist', 'renderer'),
        '--emptyOutDir',
        '--logLevel',
        'error',
      ],
      { cwd: repoRoot, encoding: 'utf8' },
    );
    if (built.status !== 0) throw new Error(`vite build failed: ${built.stderr}`);
    cpSync(
      path.join(repoRoot, 'test/fixtures/models/torch-style'),
      path.join(appPath, 'models', 'pipe-obstruction'),
      {
        recursive: true,
      },
    );
    const nativeDir = path.join(appPath, 'native', path.basename(natives.nativeOutDir(target)));
    mkdirSync(nativeDir, { recursive: true });
    binding = path.join(nativeDir, 'better_sqlite3.node');
    copyFileSync(path.join(natives.nativeOutDir(target), 'better_sqlite3.node'), binding);

    const appData = mkdtempSync(path.join(os.tmpdir(), 'inspection-desk-appdata-'));
    const child = spawnSync(
      standIn.nodeExec,
      [
        '--import',
        'tsx',
        path.join(repoRoot, 'test/desktop-abi/start-desktop.ts'),
        path.join(bundleDir, 'main.cjs'),
        appPath,
        appData,
      ],
      { cwd: repoRoot, encoding: 'utf8', timeout: 180_000 },
    );
    rmSync(appData, { recursive: true, force: true });
    const line = child.stdout.trim().split('\n').at(-1) ?? '';
    if (child.status !== 0 || !line.startsWith('{')) {
      throw new Error(`the desktop start-up failed (${child.status}): ${child.stderr}`);
    }
    started = JSON.parse(line) as Started;
  }, 900_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('opens the window on app:// and serves the built interface there, with the CSP', () => {
    expect(started.errorBoxes).toEqual([]);
    expect(started.windowUrl).toBe('app://desk/index.html');
    expect(started.page.status).toBe(200);
    expect(started.page.isTheApp).toBe(true);
    expect(started.page.csp).toContain("default-src 'self'");
  });

  it("answers library.summary over IPC from the real core on the runtime's own SQLite build", () => {
    expect(started.abi).not.toBe(process.versions.modules);
    expect(started.summary).toMatchObject({ ok: true, result: { total: 0 } });
    expect(started.loaded.map((file) => realpathSync(file))).toEqual([realpathSync(binding)]);
  });

  it('closes the library when the app quits (the WAL is checkpointed and removed)', () => {
    expect(started.walWhileOpen).toBe(true);
    expect(started.walAfterQuit).toBe(false);
  });
});
