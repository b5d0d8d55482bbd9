import { cp, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { createCore } from '../../electron/core/app.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const TORCH = path.resolve(__dirname, '../fixtures/models/torch-style');
const tempDir = useTempDirs();

async function redPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: '#d01010' } })
    .jpeg()
    .toBuffer();
}

describe('opening the active model ahead of the first import', () => {
  it('classifies with the preloaded model', async () => {
    const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [TORCH] });
    await core.preloadActiveModel();
    const outcome = await core.classifyImage(await redPhoto());
    expect(outcome).toMatchObject({ label: 'clogged' });
    await core.close();
  });

  it('closes cleanly while the model is still opening, and the library opens again', async () => {
    const libraryDir = tempDir();
    const core = await createCore({ libraryDir, defaultModelDirs: [TORCH] });
    void core.preloadActiveModel();
    await core.close();
    const again = await createCore({ libraryDir, defaultModelDirs: [TORCH] });
    expect((await again.invoke('library.info')).activeModelId).toBe('tube-fixture@1.0.0');
    await again.close();
  });

  it('does not stop the app when the active model cannot load: classifying says why', async () => {
    const modelDir = path.join(tempDir(), 'model');
    await cp(TORCH, modelDir, { recursive: true });
    const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [modelDir] });
    // The model file breaks after it was registered (a bad copy, a full disk...).
    const root = core.context.paths.root;
    const files = await readdir(root, { recursive: true });
    const models = files.filter((f) => path.basename(f) === 'model.onnx');
    expect(models).not.toHaveLength(0);
    for (const file of models) await writeFile(path.join(root, file), 'not an onnx model');
    await expect(core.preloadActiveModel()).resolves.toBeUndefined();
    await expect(core.classifyImage(await redPhoto())).rejects.toMatchObject({
      code: 'MODEL_INVALID',
    });
    await core.close();
  });
});
