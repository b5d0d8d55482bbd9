/** Export: choose what to write, see the plan before anything is written, write it, check the disk. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect, openScreen, setSettings, test } from './desk.js';

function imageFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...imageFiles(full));
    else if (/\.(jpe?g|png|webp|tiff?)$/i.test(entry.name)) found.push(full);
  }
  return found;
}

test('previews and writes the reviewed photos as a dataset, then the files are on disk', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza' });
  await desk.importCard({ photos: 16 });
  const core = desk.server.core;
  const { items } = await core.invoke('library.list', { sort: 'captured', limit: 100 });
  const reviewed = items.slice(0, 6);
  await core.invoke('review.setLabel', {
    imageIds: reviewed.slice(0, 2).map((i) => i.id),
    label: 'clogged',
  });
  await core.invoke('review.setLabel', {
    imageIds: reviewed.slice(2).map((i) => i.id),
    label: 'clear',
  });
  const dest = path.join(desk.root, 'export', 'reboiler-a');

  await openScreen(page, desk, 'export');
  await expect(page.getByTestId('export-reviewed-only')).toBeChecked();
  await expect(page.getByTestId('export-write')).toBeDisabled();
  await page.getByTestId('export-dest').fill(dest);
  await page.getByTestId('export-preview').click();

  const plan = page.getByTestId('export-plan');
  await expect(plan).toContainText('6 fotos serão gravadas');
  await expect(page.getByTestId('export-counts')).toContainText('clogged');
  const files = await page.getByTestId('export-files').locator('li').allTextContents();
  expect(files).toContain('labels.csv');
  expect(files).toContain('metadata.csv');
  // Nothing is written by a preview.
  expect(existsSync(dest) && readdirSync(dest).length > 0).toBe(false);
  await desk.screen(page, '10-export-preview');

  // Changing an option invalidates the preview until it is made again.
  await page.getByTestId('export-all').check();
  await expect(page.getByTestId('export-write')).toBeDisabled();
  await page.getByTestId('export-reviewed-only').check();
  await expect(page.getByTestId('export-write')).toBeEnabled();
  await page.getByTestId('export-write').click();

  const done = page.getByTestId('export-done');
  await expect(done).toBeVisible({ timeout: 60_000 });
  await expect(done).toContainText('6 fotos gravadas');
  await expect(done).toContainText(dest);
  await desk.screen(page, '11-export-done');

  for (const file of files) expect(existsSync(path.join(dest, file)), file).toBe(true);
  expect(imageFiles(dest)).toHaveLength(6);
  const labelsCsv = readFileSync(path.join(dest, 'labels.csv'), 'utf8');
  for (const item of reviewed) expect(labelsCsv).toContain(item.sha256);
  expect(labelsCsv).toContain('Ana Souza');
  expect(labelsCsv).not.toContain(items[10]!.sha256);
  const clogged = imageFiles(dest).filter((file) => file.split(path.sep).includes('clogged'));
  expect(clogged).toHaveLength(2);
  expect(statSync(clogged[0]!).size).toBeGreaterThan(0);

  // A second export, split for training: the plan shows each part per label.
  await page.getByTestId('export-dest').fill(path.join(desk.root, 'export', 'split'));
  await page.getByTestId('export-split').check();
  await page.getByTestId('export-preview').click();
  const header = page.getByTestId('export-counts').locator('thead th');
  await expect(header).toHaveText(['Rótulo', 'train', 'val', 'test'], { ignoreCase: true });
  await expect(page.getByTestId('export-plan')).toContainText('6 fotos serão gravadas');
});
