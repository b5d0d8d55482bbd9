/**
 * Child process of desktop-startup.test.ts, run under the stand-in runtime: runs the
 * bundled desktop start-up (dist-electron/main.cjs, built by the test) with only the
 * `electron` module faked at its edges (app, BrowserWindow, protocol, ipcMain, ...), on
 * a real app layout: the built renderer, a model, and native/node-abi<N>. Prints one
 * JSON line with what a user would see: the page served, the contract's answer, which
 * SQLite binary was mapped, and whether quitting closed the library.
 *
 *   start-desktop.ts MAIN_CJS APP_PATH APP_DATA
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { IPC_INVOKE_CHANNEL } from '../../electron/contract.js';
import {
  FakeBrowserWindow,
  app,
  electronModule,
  fakeDialog,
  ipcMain,
  protocol,
} from '../unit/electron-fake.js';

const PAGE = 'app://desk/index.html';

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const [mainFile, appPath, appData] = process.argv.slice(2) as [string, string, string];
app.setPath('appData', appData);
app.appPath = appPath;
delete process.env.INSPECTION_DESK_LIBRARY;

const realRequire = createRequire(mainFile);
const bundleRequire = (id: string): unknown =>
  id === 'electron' ? electronModule : realRequire(id);
const module = { exports: {} };
const run = new Function(
  'exports',
  'require',
  'module',
  '__filename',
  '__dirname',
  readFileSync(mainFile, 'utf8'),
);
run(module.exports, bundleRequire, module, mainFile, path.dirname(mainFile));

await until(
  () => FakeBrowserWindow.instances.length === 1 || fakeDialog.errorBoxes.length > 0,
  'the window',
);
const page = await protocol.fetch('app://desk/');
const html = await page.text();
const summary = await ipcMain.invokeFrom(PAGE, IPC_INVOKE_CHANNEL, 'library.summary', {});
const report = process.report.getReport() as { sharedObjects?: string[] };
const loaded = (report.sharedObjects ?? []).filter(
  (file) => path.basename(file) === 'better_sqlite3.node',
);
const wal = path.join(appData, 'Inspection Desk', 'library', 'library.sqlite-wal');
const walWhileOpen = existsSync(wal);
app.quit();
await until(() => app.quitted, 'the library to close');
console.log(
  JSON.stringify({
    abi: process.versions.modules,
    errorBoxes: fakeDialog.errorBoxes,
    windowUrl: FakeBrowserWindow.instances[0]?.loadedUrl ?? null,
    page: {
      status: page.status,
      csp: page.headers.get('content-security-policy'),
      isTheApp: html.includes('<div id="root"'),
    },
    summary,
    loaded,
    walWhileOpen,
    walAfterQuit: existsSync(wal),
  }),
);
