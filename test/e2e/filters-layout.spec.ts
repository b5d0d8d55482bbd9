/**
 * What the review grid shows after a click on the summary, and the tube sheet layout an
 * inspector loads from a file: the real server, browser, SQLite library, onnxruntime and
 * three generated SD cards (two of one stop, grouped into one inspection, and another).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { ImageFilter } from '../../electron/contract.js';
import { seriousAxeViolations } from './axe.js';
import { expect, openScreen, setSettings, test, type Desk } from './desk.js';

test.use({ bypassCSP: true });

/** Two cards of one stop grouped as one inspection, and an unrelated third card. */
async function groupedInspection(desk: Desk) {
  const a = await desk.importCard({ photos: 12, width: 320, height: 240 });
  const b = await desk.importCard({ photos: 10, width: 320, height: 240, seed: 5 });
  await desk.importCard({ photos: 9, width: 320, height: 240, seed: 9 });
  const grouped = await desk.server.core.invoke('inspections.group', {
    inspectionIds: [a.summary.importId, b.summary.importId],
    name: 'Refervedor 2, março',
  });
  return grouped;
}

async function pickInspection(page: Page, id: number) {
  await page.getByTestId('inspection-picker').selectOption(String(id));
  await expect(page.getByTestId('summary-tubes')).toBeVisible();
}

async function count(desk: Desk, filter: ImageFilter): Promise<number> {
  return (await desk.server.core.invoke('library.count', { filter })).total;
}

for (const language of ['pt-BR', 'en'] as const) {
  test(`a histogram bar of a grouped inspection: every card, and every filter part shown and removable (${language})`, async ({
    page,
    desk,
  }) => {
    await setSettings(desk, { reviewer: 'Ana Souza', language });
    const inspection = await groupedInspection(desk);
    const summary = await desk.server.core.invoke('inspections.summary', {
      inspectionId: inspection.id,
    });
    // The fullest bar of the inspection's histogram: what the summary says it holds.
    const bars = summary.confidenceHistogram.flatMap((series) =>
      series.bins.map((n, bin) => ({ label: series.label, bin, n })),
    );
    const bar = bars.sort((x, y) => y.n - x.n)[0]!;
    const pt = language === 'pt-BR';

    await openScreen(page, desk, 'summary');
    await pickInspection(page, inspection.id);
    const element = page.locator(
      `[data-testid=histogram-bar][data-label="${bar.label}"][data-bin="${bar.bin}"]`,
    );
    await element.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('screen-review')).toBeVisible();
    // Both cards of the inspection: as many photos as the bar said, not one card's share.
    const counts = page.getByTestId('review-counts');
    await expect(counts).toContainText(pt ? `${bar.n} fotos nesta vista` : `${bar.n} photos`);
    const inspectionChip = page.getByTestId('filter-chip-inspection');
    const modelChip = page.getByTestId('filter-chip-predicted');
    await expect(inspectionChip).toHaveText(
      pt
        ? /Inspeção: Refervedor 2, março \(2 cartões\)/
        : /Inspection: Refervedor 2, março \(2 cards\)/,
    );
    await expect(modelChip).toHaveText(
      pt ? `Modelo diz: ${bar.label}×` : `Model says: ${bar.label}×`,
    );
    await expect(page.getByTestId('filter-min-confidence')).not.toHaveValue('');
    await page.waitForLoadState('networkidle');
    await desk.screen(page, `60-filter-bar-plot-and-inspection-${language}`);
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Removing the model's label widens to every label in that confidence range.
    const range = {
      minConfidence: bar.bin / 10,
      maxConfidence: bar.bin === 9 ? 1 : (bar.bin + 1) / 10 - 1e-9,
    };
    await modelChip
      .getByRole('button', {
        name: pt ? /Remover o filtro “Modelo diz/ : /Remove the filter “Model says/,
      })
      .click();
    await expect(modelChip).toHaveCount(0);
    const inRange = await count(desk, { inspectionId: inspection.id, ...range });
    await expect(counts).toContainText(String(inRange));
    // Removing the inspection widens to the whole library (the third card too).
    await inspectionChip.getByRole('button').click();
    await expect(inspectionChip).toHaveCount(0);
    const library = await count(desk, range);
    expect(library).toBeGreaterThan(inRange);
    await expect(counts).toContainText(String(library));
    await page.getByTestId('filter-clear').click();
    await expect(counts).toContainText(pt ? '31 fotos' : '31 photos');
  });
}

test('loads a tube sheet layout file from the summary, and refuses a bad one in the user’s language', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza', language: 'pt-BR' });
  const inspection = await groupedInspection(desk);
  await openScreen(page, desk, 'summary');
  await pickInspection(page, inspection.id);
  const chooser = page.getByTestId('layout-chooser');
  await expect(chooser.getByTestId('layout-current')).toContainText(
    'linhas × colunas a partir das fotos',
  );
  const map = page.getByTestId('tube-map');
  await expect(map.locator('circle.tube-map__empty')).toHaveCount(0);

  // The shipped rings example: 61 positions, the photographed tubes among them.
  await chooser
    .getByTestId('layout-file')
    .setInputFiles(path.resolve('resources/tube-layouts/rings-example.json'));
  await expect(chooser.getByTestId('layout-current')).toContainText('61 posições de tubo');
  await expect(map.locator('circle.tube-map__empty').first()).toBeVisible();
  await chooser.scrollIntoViewIfNeeded();
  await desk.screen(page, '61-layout-chooser-pt-BR');

  // A file with mistakes: refused in Portuguese, naming each field; the rings stay.
  const bad = path.join(desk.root, 'espelho.json');
  writeFileSync(bad, JSON.stringify({ kind: 'grid', pitch: 'hexagonal', rows: 5 }));
  await chooser.getByTestId('layout-file').setInputFiles(bad);
  const banner = page.getByTestId('error-banner');
  await expect(banner).toContainText('espelho.json não é um layout de espelho de tubos');
  await expect(banner).toContainText(
    'pitch deve ser um destes: "square", "staggered" (recebido: "hexagonal")',
  );
  await expect(banner).toContainText('tem um campo desconhecido "rows"');
  await expect(banner).not.toContainText('Invalid');
  await expect(chooser.getByTestId('layout-current')).toContainText('61 posições de tubo');
  await desk.screen(page, '62-layout-refused-pt-BR');
  expect(await seriousAxeViolations(page)).toEqual([]);

  // Back to rows × columns; and the chooser in English.
  await chooser.getByTestId('layout-clear').click();
  await expect(chooser.getByTestId('layout-current')).toContainText('linhas × colunas');
  await setSettings(desk, { language: 'en' });
  await page.goto('about:blank'); // a new page load reads the language
  await openScreen(page, desk, 'summary');
  await pickInspection(page, inspection.id);
  await page
    .getByTestId('layout-chooser')
    .getByTestId('layout-file')
    .setInputFiles(path.resolve('resources/tube-layouts/staggered.json'));
  await expect(page.getByTestId('layout-current')).toContainText('grid, staggered pitch');
  await page.getByTestId('layout-chooser').scrollIntoViewIfNeeded();
  await desk.screen(page, '63-layout-chooser-en');
});
