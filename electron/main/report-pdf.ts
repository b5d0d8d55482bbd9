/**
 * The desktop's "Save report as PDF": the main process asks the core for the report of
 * an inspection (never HTML the page sends: a compromised page must not choose what gets
 * printed or written), prints it in a hidden, script-less window with
 * `webContents.printToPDF`, and writes it where the user picks in the save dialog.
 */
import { BrowserWindow, dialog, ipcMain } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Core } from '../core/app.js';
import { PDF_FOOTER } from '../core/inspections/report.js';
import { REPORT_PDF_CHANNEL } from '../shared/desktop-channels.js';
import { assertTrustedSender } from './contract-ipc.js';

export interface ReportPdfRequest {
  inspectionId: number;
  language: 'pt-BR' | 'en';
  timeZone: string;
}

export function parseReportPdfRequest(value: unknown): ReportPdfRequest {
  const v = (value ?? {}) as Record<string, unknown>;
  if (
    typeof v.inspectionId !== 'number' ||
    !Number.isInteger(v.inspectionId) ||
    v.inspectionId < 1 ||
    (v.language !== 'pt-BR' && v.language !== 'en') ||
    typeof v.timeZone !== 'string' ||
    v.timeZone.length > 100
  ) {
    throw new Error('saveReportPdf needs {inspectionId, language: "pt-BR"|"en", timeZone}.');
  }
  return { inspectionId: v.inspectionId, language: v.language, timeZone: v.timeZone };
}

/** Chromium's print of a self-contained HTML page, from a temporary file (no size limit). */
export async function printHtmlToPdf(html: string): Promise<Buffer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'inspection-report-'));
  const file = path.join(dir, 'report.html');
  const window = new BrowserWindow({
    show: false,
    webPreferences: { javascript: false, sandbox: true, contextIsolation: true },
  });
  try {
    await writeFile(file, html);
    await window.loadFile(file);
    return await window.webContents.printToPDF({
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: PDF_FOOTER,
    });
  } finally {
    window.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}

/** Registers the channel; returns the function that removes it. */
export function bindReportPdf(deps: {
  core: Pick<Core, 'invoke'>;
  window: () => BrowserWindow | null;
  print?: (html: string) => Promise<Buffer>;
}): () => void {
  const print = deps.print ?? printHtmlToPdf;
  ipcMain.handle(REPORT_PDF_CHANNEL, async (event, raw: unknown) => {
    assertTrustedSender(event);
    const request = parseReportPdfRequest(raw);
    const { html, fileName } = await deps.core.invoke('inspections.report', request);
    const options = {
      defaultPath: `${fileName}.pdf`,
      filters: [{ name: 'PDF', extensions: ['pdf'] }],
    };
    const owner = deps.window();
    const choice = owner
      ? await dialog.showSaveDialog(owner, options)
      : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return null;
    await writeFile(choice.filePath, await print(html));
    return choice.filePath;
  });
  return () => ipcMain.removeHandler(REPORT_PDF_CHANNEL);
}
