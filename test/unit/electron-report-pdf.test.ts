/**
 * The desktop's "Save report as PDF" handler (electron/main/report-pdf.ts) against the
 * Electron fake: it prints the core's report (never the page's HTML) in a hidden
 * script-less window and writes the PDF where the save dialog says.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REPORT_PDF_CHANNEL } from '../../electron/shared/desktop-channels.js';
import { useTempDirs } from '../helpers/temp-dir.js';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);

const { FakeBrowserWindow, FakeWebContents, fakeDialog, ipcMain } =
  await import('./electron-fake.js');
const { bindReportPdf } = await import('../../electron/main/report-pdf.js');

const PAGE = 'app://desk/index.html';

// What this handler needs of Electron beyond what the shared fake records.
const saveCalls: unknown[][] = [];
let nextSave: { canceled: boolean; filePath?: string } = { canceled: true };
const printedFiles: string[] = [];
Object.assign(fakeDialog, {
  showSaveDialog(...args: unknown[]) {
    saveCalls.push(args);
    return Promise.resolve(nextSave);
  },
});
Object.assign(FakeBrowserWindow.prototype, {
  loadFile(this: InstanceType<typeof FakeBrowserWindow>, file: string) {
    this.loadedUrl = file;
    printedFiles.push(readFileSync(file, 'utf8'));
    return Promise.resolve();
  },
  destroy(this: InstanceType<typeof FakeBrowserWindow>) {
    this.webContents.destroyed = true;
  },
});
Object.assign(FakeWebContents.prototype, {
  printToPDF: () => Promise.resolve(Buffer.from('%PDF-1.4 fake')),
});

describe('save report as PDF (desktop)', () => {
  const tempDir = useTempDirs();
  const asked: unknown[][] = [];
  let unbind: () => void;

  beforeEach(() => {
    saveCalls.length = 0;
    printedFiles.length = 0;
    asked.length = 0;
    const core = {
      invoke(method: string, args: unknown) {
        asked.push([method, args]);
        return Promise.resolve({ html: '<h1>Relatório</h1>', fileName: 'inspection-3-reboiler-2' });
      },
    };
    unbind = bindReportPdf({ core: core as never, window: () => null });
  });
  afterEach(() => unbind());

  it('prints the core’s report of the inspection and saves it where the user picked', async () => {
    const file = path.join(tempDir(), 'march.pdf');
    nextSave = { canceled: false, filePath: file };
    const request = { inspectionId: 3, language: 'pt-BR', timeZone: 'America/Sao_Paulo' };
    expect(await ipcMain.invokeFrom(PAGE, REPORT_PDF_CHANNEL, request)).toBe(file);
    expect(asked).toEqual([['inspections.report', request]]);
    expect(printedFiles).toEqual(['<h1>Relatório</h1>']);
    const printer = FakeBrowserWindow.instances.at(-1);
    expect(printer?.options).toMatchObject({ show: false, webPreferences: { javascript: false } });
    expect(printer?.isDestroyed()).toBe(true);
    expect((saveCalls[0]?.[0] as { defaultPath: string }).defaultPath).toBe(
      'inspection-3-reboiler-2.pdf',
    );
    expect(readFileSync(file, 'utf8')).toBe('%PDF-1.4 fake');
  });

  it('writes nothing when the user cancels the save dialog', async () => {
    nextSave = { canceled: true };
    const request = { inspectionId: 3, language: 'en', timeZone: 'UTC' };
    expect(await ipcMain.invokeFrom(PAGE, REPORT_PDF_CHANNEL, request)).toBeNull();
    expect(existsSync(path.join(tempDir(), 'march.pdf'))).toBe(false);
  });

  it('refuses a malformed request and a frame that is not the app', async () => {
    await expect(
      ipcMain.invokeFrom(PAGE, REPORT_PDF_CHANNEL, { inspectionId: '3; rm', language: 'en' }),
    ).rejects.toThrow(/inspectionId/);
    await expect(
      ipcMain.invokeFrom('https://evil.example', REPORT_PDF_CHANNEL, {
        inspectionId: 3,
        language: 'en',
        timeZone: 'UTC',
      }),
    ).rejects.toThrow(/Refused/);
    expect(asked).toEqual([]);
  });
});
