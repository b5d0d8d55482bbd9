/**
 * Accessibility in the suite (issue 11, finding 11): axe-core (injected from the npm
 * package) on every screen, in both languages, with photos, a model and decisions in
 * the library. No critical and no serious violation is allowed.
 */
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';
import { expect, openScreen, setSettings, test, type Desk } from './desk.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// The app's CSP allows its own scripts only; the injected axe is the test's, not the app's.
test.use({ bypassCSP: true });

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** The critical and serious violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(globalThis as unknown, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'critical' || v.impact === 'serious')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(', ')}`,
    );
}

async function prepare(desk: Desk): Promise<void> {
  await setSettings(desk, { reviewer: 'Ana Souza' });
  await desk.importCard({ photos: 24 });
  const core = desk.server.core;
  const items = (await core.invoke('library.list', { limit: 50 })).items;
  await core.invoke('review.accept', { imageIds: items.slice(0, 8).map((i) => i.id) });
  await core.invoke('review.setLabel', {
    imageIds: items.slice(8, 12).map((i) => i.id),
    label: 'clogged',
  });
  // unsure answers and notes (issue 11): their chips and the note in the history.
  await core.invoke('review.markUnsure', { imageIds: [items[12]!.id, items[0]!.id] });
  await core.invoke('review.setNote', { imageId: items[0]!.id, text: 'Mancha escura, "óleo"?' });
}

for (const language of ['pt-BR', 'en'] as const) {
  test(`no critical or serious axe violation on any screen (${language})`, async ({
    page,
    desk,
  }) => {
    await prepare(desk);
    await setSettings(desk, { language });
    const found: Record<string, string[]> = {};
    for (const screen of ['review', 'import', 'summary', 'export', 'models', 'settings']) {
      await openScreen(page, desk, screen);
      if (screen === 'review') await expect(page.getByTestId('thumb').first()).toBeVisible();
      // The summary with its confusion matrix and tube map (their contrast is checked too).
      if (screen === 'summary') {
        await expect(page.getByTestId('confusion-matrix')).toBeVisible();
        await expect(page.getByTestId('tube-map')).toBeVisible();
      }
      // Settings with its hub sync section (addresses, credentials note, Sync now).
      if (screen === 'settings') await expect(page.getByTestId('hub-sync-now')).toBeVisible();
      await page.waitForLoadState('networkidle');
      await desk.screen(page, `50-${language}-${screen}`);
      found[screen] = await seriousViolations(page);
    }
    // The photo view and the shortcuts overlay.
    await openScreen(page, desk, 'review');
    await expect(page.getByTestId('thumb').first()).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('photo-original')).toHaveJSProperty('complete', true);
    found.photo = await seriousViolations(page);
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await expect(page.getByTestId('shortcuts')).toBeVisible();
    found.shortcuts = await seriousViolations(page);
    // This session's decisions: two made here on photos not reviewed yet (the last ones
    // in the grid), one of them undone.
    await page.keyboard.press('Escape');
    await page.getByTestId('review-grid').focus();
    await page.keyboard.press('End');
    await page.keyboard.press('1');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('2');
    await page.keyboard.press('z');
    await page.keyboard.press('h');
    await expect(page.getByTestId('decision-item')).toHaveCount(2);
    await expect(page.locator('[data-testid=decision-item][data-undone=true]')).toHaveCount(1);
    await page.waitForLoadState('networkidle');
    await desk.screen(page, `50-${language}-decisions`);
    found.decisions = await seriousViolations(page);
    expect(found).toEqual({
      review: [],
      import: [],
      summary: [],
      export: [],
      models: [],
      settings: [],
      photo: [],
      shortcuts: [],
      decisions: [],
    });
  });
}
