/**
 * Two inspections of the same tubes, with changes between them: the real server, the
 * real browser, the real SQLite library and two generated SD cards (the second, six
 * months later, with tube R01C001 clogged, R01C002 cleaned and four more tubes).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { TubeLayout } from '../../electron/contract.js';
import type { TubeLabel } from '../fixtures/sd-card.js';
import { expect, openScreen, SCREENS_DIR, setSettings, test, type Desk } from './desk.js';

const firstLabel = (i: number): TubeLabel => (i % 3 === 1 ? 'clogged' : 'clear');
const secondLabel = (i: number): TubeLabel =>
  i === 0 ? 'clogged' : i === 1 ? 'clear' : firstLabel(i);

async function twoInspections(desk: Desk) {
  const march = await desk.importCard({ photos: 20, width: 320, height: 240, labelOf: firstLabel });
  const september = await desk.importCard({
    photos: 24,
    width: 320,
    height: 240,
    seed: 7,
    labelOf: secondLabel,
    runStart: new Date(2026, 8, 20, 9, 0, 0),
  });
  return { first: march.summary.importId, second: september.summary.importId };
}

async function pickInspection(page: Page, id: number) {
  await page.getByTestId('inspection-picker').selectOption(String(id));
  await expect(page.getByTestId('summary-tubes')).toBeVisible();
}

/** The page as PNGs: `page.pdf` is Chromium's print, what "Save as PDF" gives. */
async function reportPages(page: Page, file: string, name: string): Promise<string> {
  await page.goto(`file://${file}`);
  await expect(page.locator('h1')).toBeVisible();
  const pdf = path.join(SCREENS_DIR, `${name}.pdf`);
  mkdirSync(SCREENS_DIR, { recursive: true });
  await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  execFileSync('pdftoppm', ['-png', '-r', '70', pdf, path.join(SCREENS_DIR, name)]);
  return pdf;
}

test('compares two inspections of the same tubes, on the map and in the report', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza', language: 'pt-BR' });
  const { first, second } = await twoInspections(desk);

  await openScreen(page, desk, 'summary');
  await pickInspection(page, second);
  await expect(page.getByTestId('summary-heading')).toHaveText('Inspeção: sd-card-2');
  await expect(page.getByTestId('summary-tubes')).toHaveText('24');
  await expect(page.getByTestId('summary-total')).toHaveText('24');

  // Name it as the plant does.
  await page.getByTestId('inspection-rename').click();
  await page.getByTestId('inspection-name').fill('Refervedor 2, parada de setembro de 2026');
  await page.getByRole('button', { name: 'Salvar', exact: true }).click();
  await expect(page.getByTestId('summary-heading')).toHaveText(
    'Inspeção: Refervedor 2, parada de setembro de 2026',
  );

  // Changes against the previous inspection (picked by default), listed and on the map.
  const compare = page.getByTestId('compare-inspections');
  await expect(compare.getByTestId('compare-line')).toContainText(
    '6 tubos mudaram, 18 sem mudança',
  );
  const rows = compare.getByTestId('change-row');
  await expect(rows).toHaveCount(6);
  await expect(rows.nth(0)).toHaveAttribute('data-kind', 'worsened');
  await expect(rows.nth(0)).toContainText('R01C001');
  await expect(rows.nth(0)).toContainText('piorou');
  await expect(rows.nth(1)).toHaveAttribute('data-kind', 'cleared');
  const compareMap = compare.getByTestId('compare-map');
  await expect(compareMap.locator('[data-change=worsened]')).toHaveCount(1);
  await expect(compareMap.locator('[data-change=cleared]')).toHaveCount(1);
  await expect(compareMap.locator('[data-change=added]')).toHaveCount(4);
  await compare.scrollIntoViewIfNeeded();
  await desk.screen(page, '30-inspection-compare-pt-BR');

  // The tube map: every cell inside its card (nothing clipped), all reachable by keyboard.
  const map = page.getByTestId('tube-map');
  const cells = map.getByTestId('tube-cell');
  await expect(cells).toHaveCount(24);
  const card = await map.locator('..').boundingBox();
  const svg = await map.locator('svg').boundingBox();
  expect(svg && card && svg.x >= card.x && svg.x + svg.width <= card.x + card.width).toBe(true);
  for (const cell of await cells.all()) {
    const box = await cell.boundingBox();
    expect(box && svg && box.x >= svg.x - 1 && box.x + box.width <= svg.x + svg.width + 1).toBe(
      true,
    );
  }
  await map.scrollIntoViewIfNeeded();
  await desk.screen(page, '31-inspection-tube-map-pt-BR');
  await page.getByTestId('inspection-picker').focus();
  // Tab reaches the map on one cell; arrows walk it; Enter opens that tube's photo.
  await expect(cells.first()).toHaveAttribute('tabindex', '0');
  await cells.first().focus();
  await page.keyboard.press('ArrowRight');
  await expect(map.locator('[data-tube=R01C002]')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(map.locator('[data-tube=R02C002]')).toBeFocused();
  await page.keyboard.press('End');
  await expect(map.locator('[data-tube=R03C004]')).toBeFocused();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('photo-view')).toBeVisible();
  await expect(page.getByTestId('photo-name')).toContainText('R01C001');

  // The same tube in the earlier inspection, side by side.
  const history = page.getByTestId('tube-history');
  await expect(history.getByTestId('tube-history-item')).toHaveCount(2);
  await expect(history.getByTestId('tube-history-item').nth(0)).toContainText('sd-card-1');
  await expect(history.getByTestId('tube-history-item').nth(0)).toContainText('clear');
  await expect(history.getByTestId('tube-history-item').nth(1)).toHaveAttribute(
    'data-current',
    'true',
  );
  await expect(history.getByTestId('tube-history-item').nth(1)).toContainText('clogged');
  await desk.screen(page, '32-photo-tube-history-pt-BR');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('photo-view')).toHaveCount(0);
  await expect(map.locator('[data-tube=R01C001]')).toBeFocused();

  // The report, as the plant files it: downloaded HTML, printed by Chromium.
  const download = page.waitForEvent('download');
  await page.getByTestId('report-html').click();
  const file = path.join(desk.root, 'report-pt-BR.html');
  await (await download).saveAs(file);
  const html = readFileSync(file, 'utf8');
  expect(html).toContain('Relatório de inspeção: Refervedor 2, parada de setembro de 2026');
  expect(html).toContain('piorou');
  expect(html).toContain('20/09/2026');
  expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  // Server build: "Print" hands the same report to the browser's print (Save as PDF).
  await page.getByTestId('report-pdf').click();
  await expect(page.frameLocator('[data-testid=report-frame]').locator('h1')).toContainText(
    'Refervedor 2, parada de setembro de 2026',
  );
  await expect(page.getByTestId('report-pdf')).toBeEnabled();
  await reportPages(page, file, 'report-pt-BR');

  // The same in English.
  await setSettings(desk, { language: 'en' });
  await openScreen(page, desk, 'summary');
  await pickInspection(page, second);
  await expect(page.getByTestId('compare-line')).toContainText('6 tubes changed, 18 unchanged');
  await page.getByTestId('compare-inspections').scrollIntoViewIfNeeded();
  await desk.screen(page, '33-inspection-compare-en');
  const downloadEn = page.waitForEvent('download');
  await page.getByTestId('report-html').click();
  const fileEn = path.join(desk.root, 'report-en.html');
  await (await downloadEn).saveAs(fileEn);
  expect(readFileSync(fileEn, 'utf8')).toContain('got worse');
  await reportPages(page, fileEn, 'report-en');

  // The library-wide view stays: both cards together.
  await openScreen(page, desk, 'summary');
  await expect(page.getByTestId('summary-total')).toHaveText('44');
  expect(first).toBeLessThan(second);

  // Two cards of one stop: grouped into one inspection under a name.
  await pickInspection(page, second);
  await page.getByTestId('inspection-group').click();
  await page.getByTestId('group-with').selectOption(String(first));
  await page.getByTestId('group-name').fill('Reboiler 2, both cards');
  await page.getByRole('button', { name: 'Group', exact: true }).click();
  await expect(page.getByTestId('summary-heading')).toHaveText(
    'Inspection: Reboiler 2, both cards',
  );
  await expect(page.getByTestId('summary-total')).toHaveText('44');
  await expect(page.getByTestId('summary-tubes')).toHaveText('24');
  expect((await desk.server.core.invoke('inspections.list')).map((s) => s.importIds)).toEqual([
    [first, second],
  ]);
});

test('a confusion-matrix cell and a histogram bar show their photos in the review grid', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza', language: 'en' });
  const { second } = await twoInspections(desk);
  const core = desk.server.core;
  const summary = await core.invoke('inspections.summary', { inspectionId: second });
  // The reviewer overrules the model on three tubes of the second inspection.
  const overruled = summary.tubeStates.slice(0, 3);
  for (const tube of overruled) {
    await core.invoke('review.setLabel', {
      imageIds: [tube.imageId],
      label: tube.predicted === 'clear' ? 'clogged' : 'clear',
    });
  }
  const after = await core.invoke('inspections.summary', { inspectionId: second });
  const matrix = after.activeModel!.confusion;
  const truth = 'clogged';
  const predicted = 'clear';
  const cellCount = matrix.counts[matrix.labels.indexOf(truth)]![matrix.labels.indexOf(predicted)]!;
  expect(cellCount).toBeGreaterThan(0);

  await openScreen(page, desk, 'summary');
  await pickInspection(page, second);
  await page
    .getByRole('button', {
      name: `Show the ${cellCount} photos the reviewer called ${truth} and the model ${predicted}`,
    })
    .click();
  await expect(page.getByTestId('screen-review')).toBeVisible();
  await expect(page.getByTestId('review-counts')).toContainText(`${cellCount} photo`);
  await expect(page.getByTestId('thumb')).toHaveCount(cellCount);

  await openScreen(page, desk, 'summary');
  await pickInspection(page, second);
  const series = after.confidenceHistogram[0]!;
  const bin = series.bins.findIndex((n) => n > 0);
  const bar = page.locator(
    `[data-testid=histogram-bar][data-label="${series.label}"][data-bin="${bin}"]`,
  );
  await bar.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('screen-review')).toBeVisible();
  await expect(page.getByTestId('review-counts')).toContainText(`${series.bins[bin]} photo`);
  await desk.screen(page, '34-review-from-histogram-bar');

  // A real tube sheet: rings from a layout JSON. Every photographed tube is still drawn
  // (those the layout does not know, on a row below it), inside the card, and clickable.
  const rings = JSON.parse(
    readFileSync('resources/tube-layouts/rings-example.json', 'utf8'),
  ) as TubeLayout;
  await core.invoke('inspections.setLayout', { layout: rings });
  await openScreen(page, desk, 'summary');
  await pickInspection(page, second);
  const map = page.getByTestId('tube-map');
  await expect(map.getByTestId('tube-cell')).toHaveCount(24);
  await expect(map.locator('circle.tube-map__empty')).toHaveCount(61 - 1 - 6 - 4);
  const svg = await map.locator('svg').boundingBox();
  for (const cell of await map.getByTestId('tube-cell').all()) {
    const box = await cell.boundingBox();
    expect(box && svg && box.y + box.height <= svg.y + svg.height + 1).toBe(true);
  }
  await map.scrollIntoViewIfNeeded();
  await desk.screen(page, '35-tube-map-rings-layout');
  await map.locator('[data-tube=R02C003]').click();
  await expect(page.getByTestId('photo-name')).toContainText('R02C003');
});
