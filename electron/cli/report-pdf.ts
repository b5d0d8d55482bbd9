/**
 * Prints an inspection report's HTML to PDF with Playwright's `page.pdf` on the
 * machine's Chromium (Debian's /usr/bin/chromium; Playwright never downloads one).
 */
import { existsSync } from 'node:fs';
import { PDF_FOOTER } from '../core/inspections/report.js';

/** Where Chromium usually is; `INSPECTION_DESK_CHROMIUM` replaces the list ("" = none). */
export function chromiumCandidates(env: NodeJS.ProcessEnv = process.env): string[] {
  const override = env.INSPECTION_DESK_CHROMIUM;
  if (override !== undefined) return override.trim() ? [override.trim()] : [];
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  ];
}

export function findChromium(candidates: string[] = chromiumCandidates()): string | null {
  return candidates.find((file) => existsSync(file)) ?? null;
}

/** Writes `html` as an A4 PDF to `out` (the report's own @page margins apply). */
export async function printHtmlToPdf(html: string, out: string, chromium: string): Promise<void> {
  // Loaded only when a PDF is asked for, and kept out of the CLI bundle (a name, not a
  // literal: esbuild leaves it to node_modules, as playwright-core must stay whole).
  const moduleName = 'playwright-core';
  const { chromium: launcher } = (await import(moduleName)) as typeof import('playwright-core');
  const browser = await launcher.launch({
    executablePath: chromium,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  try {
    const page = await browser.newPage();
    await page.setContent(html, { waitUntil: 'load' });
    await page.pdf({
      path: out,
      preferCSSPageSize: true,
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: '<div></div>',
      footerTemplate: PDF_FOOTER,
    });
  } finally {
    await browser.close();
  }
}
