import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { isCoreError, type ErrorCode } from '../../electron/core/errors.js';
import { decodePhoto, type RawImage } from '../../electron/core/imaging/decode.js';
import { readManifest } from '../../electron/core/inference/manifest.js';
import { openModelSession, type ModelSession } from '../../electron/core/inference/session.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const FIXTURES = path.resolve(__dirname, '../fixtures/models');
const tempDir = useTempDirs();

async function open(folder: string): Promise<ModelSession> {
  const dir = path.join(FIXTURES, folder);
  return openModelSession(
    path.join(dir, 'model.onnx'),
    await readManifest(path.join(dir, 'model.json')),
  );
}

async function photo(color: string, width = 640, height = 480): Promise<RawImage> {
  const jpeg = await sharp({ create: { width, height, channels: 3, background: color } })
    .jpeg()
    .toBuffer();
  return (await decodePhoto(jpeg, `${color}.jpg`)).preview;
}

function sum(scores: Record<string, number>): number {
  return Object.values(scores).reduce((a, b) => a + b, 0);
}

/** A copy of a fixture model whose model.json is changed by `edit`. */
async function editedModel(
  folder: string,
  edit: (manifest: Record<string, unknown> & { input: Record<string, unknown> }) => void,
  onnx?: Buffer,
): Promise<{ onnxPath: string; manifestPath: string }> {
  const dir = path.join(tempDir(), folder);
  await mkdir(dir);
  const manifest = JSON.parse(await readFile(path.join(FIXTURES, folder, 'model.json'), 'utf8'));
  edit(manifest);
  const manifestPath = path.join(dir, 'model.json');
  await writeFile(manifestPath, JSON.stringify(manifest));
  const onnxPath = path.join(dir, 'model.onnx');
  if (onnx) await writeFile(onnxPath, onnx);
  else await copyFile(path.join(FIXTURES, folder, 'model.onnx'), onnxPath);
  return { onnxPath, manifestPath };
}

async function refusal(
  model: Promise<{ onnxPath: string; manifestPath: string }>,
): Promise<{ code: ErrorCode; message: string; pt: string }> {
  const { onnxPath, manifestPath } = await model;
  try {
    const session = await openModelSession(onnxPath, await readManifest(manifestPath));
    await session.release();
  } catch (error) {
    if (isCoreError(error)) {
      return { code: error.code, message: error.message, pt: error.messageIn('pt-BR') };
    }
    throw error;
  }
  throw new Error('expected the model to be refused');
}

describe('classifying with real onnxruntime sessions', () => {
  it('a PyTorch-style model (NCHW, mean/std, softmax logits) calls red photos clogged and blue clear', async () => {
    const session = await open('torch-style');
    expect(session.dynamicBatch).toBe(true);
    const images = await Promise.all(
      ['#d01010', '#1010d0', '#c02020', '#2020c0'].map((c) => photo(c)),
    );
    const outputs = await session.classify(images);
    expect(outputs.map((o) => o.label)).toEqual(['clogged', 'clear', 'clogged', 'clear']);
    for (const out of outputs) {
      expect(out.confidence).toBeGreaterThan(0.9);
      expect(sum(out.scores)).toBeCloseTo(1, 5);
      expect(out.confidence).toBe(out.scores[out.label]);
      expect(out.embedding).toHaveLength(3);
    }
    await session.release();
  });

  it('gives the same answer for a photo alone as in a batch', async () => {
    const session = await open('torch-style');
    const images = await Promise.all(['#a03050', '#5030a0', '#707070'].map((c) => photo(c)));
    const batched = await session.classify(images);
    const single = await Promise.all(
      images.map(async (img) => (await session.classify([img]))[0]!),
    );
    batched.forEach((out, i) => expect(out.confidence).toBeCloseTo(single[i]!.confidence, 5));
    await session.release();
  });

  it('keeps every photo with its own answer across many batches queued on the inference thread', async () => {
    const session = await open('torch-style');
    // 29 photos = several full batches and a short last one, all sent ahead of answers.
    const red = await photo('#d01010');
    const blue = await photo('#1010d0');
    const pattern = Array.from({ length: 29 }, (_, i) => (i % 3 === 0 || i % 7 === 0 ? 'r' : 'b'));
    const outputs = await session.classify(pattern.map((p) => (p === 'r' ? red : blue)));
    expect(outputs.map((o) => o.label)).toEqual(
      pattern.map((p) => (p === 'r' ? 'clogged' : 'clear')),
    );
    await session.release();
  });

  it('a Keras-style model (NHWC, /255, one sigmoid, fixed batch) calls bright photos closed and dark open', async () => {
    const session = await open('keras-style');
    expect(session.dynamicBatch).toBe(false);
    const outputs = await session.classify([
      await photo('#f0f0f0'),
      await photo('#101010', 300, 500),
    ]);
    expect(outputs.map((o) => o.label)).toEqual(['closed', 'open']);
    for (const out of outputs) {
      expect(out.confidence).toBeGreaterThan(0.9);
      expect(sum(out.scores)).toBeCloseTo(1, 5);
      expect(out.embedding).toBeNull();
    }
    await session.release();
  });

  it('refuses a model.json whose input size disagrees with model.onnx, naming the field', async () => {
    const error = await refusal(editedModel('keras-style', (m) => (m.input.width = 224)));
    expect(error.code).toBe('MODEL_MISMATCH');
    expect(error.message).toContain('model.json says input.width 224 but model.onnx expects 32');
  });

  it('refuses a wrong layout, input name, output name or label count', async () => {
    const layout = await refusal(editedModel('keras-style', (m) => (m.input.layout = 'NCHW')));
    expect(layout.message).toContain(
      'model.json says input.layout "NCHW" but model.onnx expects NHWC',
    );
    const input = await refusal(editedModel('torch-style', (m) => (m.input.name = 'pixel_values')));
    expect(input.message).toContain(
      'model.json says input.name "pixel_values" but model.onnx\'s input is "input"',
    );
    const output = await refusal(
      editedModel(
        'torch-style',
        (m) => (m.output = { name: 'probabilities', activation: 'softmax' }),
      ),
    );
    expect(output.message).toContain('output.name "probabilities"');
    expect(output.message).toContain('"logits", "embedding"');
    const labels = await refusal(
      editedModel('torch-style', (m) => (m.labels = ['clear', 'clogged', 'broken'])),
    );
    expect(labels.code).toBe('MODEL_MISMATCH');
    expect(labels.message).toContain('gives 2 values per image');
    const sigmoid = await refusal(
      editedModel('torch-style', (m) => (m.output = { name: 'logits', activation: 'sigmoid' })),
    );
    expect(sigmoid.message).toContain('a sigmoid output gives 1 value');
    const embedding = await refusal(
      editedModel('keras-style', (m) => (m.embedding = { name: 'features' })),
    );
    expect(embedding.message).toContain('embedding.name "features"');
  });

  it('says each mismatch in Portuguese to a pt-BR user, with the same fields and numbers', async () => {
    const width = await refusal(editedModel('keras-style', (m) => (m.input.width = 224)));
    expect(width.pt).toContain('o model.json diz input.width 224, mas o model.onnx espera 32');
    expect(width.pt).toContain('Corrija o model.json');
    expect(width.pt).not.toContain('Fix model.json');
    const labels = await refusal(
      editedModel('torch-style', (m) => (m.labels = ['clear', 'clogged', 'broken'])),
    );
    expect(labels.pt).toContain('lista 3 rótulos ["clear","clogged","broken"]');
    expect(labels.pt).toContain('mas dá 2 valores por imagem');
    const input = await refusal(editedModel('torch-style', (m) => (m.input.name = 'pixel_values')));
    expect(input.pt).toContain('mas a entrada do model.onnx é "input"');
  });

  it('refuses a broken model.onnx with what to do', async () => {
    const error = await refusal(
      editedModel('torch-style', () => undefined, Buffer.from('this is not an onnx file at all')),
    );
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toMatch(
      /^model\.onnx cannot be loaded \(.+\): re-export it or choose another model/,
    );
  });
});
