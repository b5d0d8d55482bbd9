/**
 * Bundles in the UI: a bundle written by another laptop (a second real library) is
 * imported on the Import screen, the photo two people labeled differently shows under
 * "Reviewers disagree", and the Export screen writes a bundle the other laptop merges.
 */
import path from 'node:path';
import { existsSync, mkdirSync } from 'node:fs';
import { createCore } from '../../electron/core/app.js';
import { expect, openScreen, setSettings, test, TORCH_MODEL } from './desk.js';

test('imports a bundle from another laptop, shows the disagreement, writes one back', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza' });
  const { card, summary } = await desk.importCard({ photos: 8, width: 320, height: 240 });
  const a = desk.server.core;
  const [first, second] = card.photos.map((p) => p.sha256) as [string, string];
  const idIn = (core: typeof a, sha: string) =>
    core.context.db.prepare('SELECT id FROM images WHERE sha256 = ?').pluck().get(sha) as number;
  await a.invoke('review.setLabel', { imageIds: [idIn(a, first)], label: 'clear' });

  // Laptop B imported the same card and labeled the same photo differently, offline.
  const b = await createCore({
    libraryDir: path.join(desk.root, 'laptop-b'),
    defaultModelDirs: [TORCH_MODEL],
    defaultReviewer: 'Bruno Lima',
  });
  try {
    const started = await b.invoke('ingest.start', { source: card.root });
    await b.invoke('jobs.wait', { jobId: started.jobId, timeoutMs: 90_000 });
    await b.invoke('review.setLabel', { imageIds: [idIn(b, first)], label: 'clogged' });
    await b.invoke('review.setLabel', { imageIds: [idIn(b, second)], label: 'clogged' });
    const fromB = path.join(desk.root, 'usb', 'from-b.idbundle');
    mkdirSync(path.dirname(fromB), { recursive: true });
    await b.invoke('bundle.export', { importIds: [started.importId], file: fromB });

    await openScreen(page, desk, 'import');
    await page.getByTestId('bundle-import-file').fill(fromB);
    await page.getByTestId('bundle-import-start').click();
    const result = page.getByTestId('bundle-import-result');
    await expect(result).toContainText('2 decisões de rótulo novas');
    await expect(page.getByTestId('bundle-import-conflicts')).toContainText('duas pessoas: 1');
    await page.getByTestId('bundle-import').scrollIntoViewIfNeeded();
    await desk.screen(page, '20-bundle-import');

    // Importing the same bundle again changes nothing, and says so.
    await page.getByTestId('bundle-import-start').click();
    await expect(result).toContainText('Nada novo');

    await openScreen(page, desk, 'review');
    await page.getByTestId('filter-conflict').check();
    const thumbs = page.locator('[data-testid=thumb]');
    await expect(thumbs).toHaveCount(1);
    await expect(thumbs.first()).toHaveAttribute('data-image-id', String(idIn(a, first)));
    await desk.screen(page, '21-review-conflict');

    // Settings: this laptop's sync state, the disagreement counted.
    await openScreen(page, desk, 'settings');
    await expect(page.getByTestId('sync-conflicts')).toHaveText('1');
    await expect(page.getByTestId('sync-never')).toContainText('Nunca sincronizado');
    await page.getByTestId('sync-status').scrollIntoViewIfNeeded();
    await desk.screen(page, '23-settings-sync');

    // Export screen: a bundle of the inspection (picked by its name), which laptop B merges.
    await a.invoke('inspections.rename', { inspectionId: summary.importId, name: 'Reboiler A' });
    const toB = path.join(desk.root, 'usb', 'to-b.idbundle');
    await openScreen(page, desk, 'export');
    const picker = page.getByTestId('bundle-export-inspection');
    await expect(picker.locator('option')).toHaveText([/^#\d+ · Reboiler A · .* · 8 fotos$/]);
    await picker.selectOption(String(summary.importId));
    await page.getByTestId('bundle-export-file').fill(toB);
    await page.getByTestId('bundle-export-start').click();
    await expect(page.getByTestId('bundle-export-result')).toContainText('8 fotos');
    await page.getByTestId('bundle-export').scrollIntoViewIfNeeded();
    await desk.screen(page, '22-bundle-export');
    expect(existsSync(toB)).toBe(true);
    // The same picker in English.
    await setSettings(desk, { language: 'en' });
    await page.reload();
    await openScreen(page, desk, 'export');
    await expect(page.getByTestId('bundle-export-inspection').locator('option')).toHaveText([
      /^#\d+ · Reboiler A · .* · 8 photos$/,
    ]);
    await page.getByTestId('bundle-export').scrollIntoViewIfNeeded();
    await desk.screen(page, '22-bundle-export-en');
    const merged = await b.invoke('bundle.import', { file: toB });
    expect(merged).toMatchObject({ imagesAdded: 0, eventsAdded: 1, conflicts: 1 });
  } finally {
    await b.close();
  }
});
