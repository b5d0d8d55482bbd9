/** Models you can trust, on the Models screen: refusals in the UI language, per-photo failures, display names. */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { expect, openScreen, setSettings, test } from './desk.js';

const FIXTURES = path.resolve('test/fixtures/models');

async function png(color: string): Promise<Buffer> {
  return sharp({ create: { width: 200, height: 150, channels: 3, background: color } })
    .png()
    .toBuffer();
}

test('refuses a Keras model described with a second sigmoid, naming the node, in Portuguese', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza', language: 'pt-BR' });
  const dir = path.join(desk.root, 'bottle');
  await cp(path.join(FIXTURES, 'keras-sigmoid'), dir, { recursive: true });
  const manifest = JSON.parse(await readFile(path.join(dir, 'model.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  await writeFile(
    path.join(dir, 'model.json'),
    JSON.stringify({
      ...manifest,
      schemaVersion: 1,
      output: { name: 'dense', activation: 'sigmoid' },
    }),
  );
  await openScreen(page, desk, 'models');
  await page.getByTestId('model-path').fill(dir);
  await page.getByRole('button', { name: 'Adicionar modelo' }).click();
  const banner = page.getByTestId('error-banner');
  await expect(banner).toContainText('vem do nó "dense/Sigmoid" (Sigmoid)');
  await expect(banner).toContainText('"schemaVersion": 2');
  await expect(page.getByTestId('model-row')).toHaveCount(1);
  await desk.screen(page, '40-models-refused-second-sigmoid');
});

test('lists the photos a model could not classify, and shows label display names', async ({
  page,
  desk,
}) => {
  await setSettings(desk, { reviewer: 'Ana Souza', language: 'pt-BR' });
  const core = desk.server.core;
  await core.invoke('models.add', { path: path.join(FIXTURES, 'ultralytics-style') });
  // Accepted (no probe image is green enough), but it answers NaN for green photos.
  await core.invoke('models.add', { path: path.join(FIXTURES, 'broken/nan-band') });
  const source = path.join(desk.root, 'card', 'DCIM');
  await mkdir(source, { recursive: true });
  await writeFile(path.join(source, 'IMG_0001.png'), await png('#00b300'));
  await writeFile(path.join(source, 'IMG_0002.png'), await png('#ffffff'));
  const { jobId } = await core.invoke('ingest.start', { source });
  await core.invoke('jobs.wait', { jobId, timeoutMs: 120_000 });

  await openScreen(page, desk, 'models');
  const ultralytics = page.locator(
    '[data-testid=model-row][data-model-id="ultralytics-fixture@1.0.0"]',
  );
  await expect(ultralytics).toContainText('entupido');
  const band = page.locator('[data-testid=model-row][data-model-id="broken-nan-band@1.0.0"]');
  await band.getByRole('button', { name: 'Classificar a biblioteca' }).click();
  await expect(page.getByTestId('job-progress')).toHaveAttribute('data-status', 'done', {
    timeout: 60_000,
  });
  const failures = page.getByTestId('classify-failures');
  await expect(failures).toContainText('Fotos não classificadas: 1.');
  await expect(failures).toContainText('IMG_0001.png');
  await expect(failures).toContainText('O modelo respondeu [NaN]');
  await desk.screen(page, '41-models-classify-failures');
});
