/**
 * "Models you can trust": model.json is checked against the ONNX graph and the model is
 * run on probe images before `models.add` accepts it. Real onnxruntime sessions on the
 * tiny fixture models (test/fixtures/models), real files, the real core.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { ClassifyResult } from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import { isCoreError, type CoreError } from '../../electron/core/errors.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const FIXTURES = path.resolve(__dirname, '../fixtures/models');
const tempDir = useTempDirs();
const cores: Core[] = [];

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function openLibrary(): Promise<Core> {
  const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [] });
  cores.push(core);
  return core;
}

/** A copy of a fixture model folder with model.json edited. */
async function modelCopy(
  fixture: string,
  change: (manifest: Record<string, unknown>) => void = () => undefined,
): Promise<string> {
  const dir = path.join(tempDir(), fixture.replace('/', '-'));
  await cp(path.join(FIXTURES, fixture), dir, { recursive: true });
  const file = path.join(dir, 'model.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  change(manifest);
  await writeFile(file, JSON.stringify(manifest, null, 2));
  return dir;
}

async function refusal(promise: Promise<unknown>): Promise<CoreError> {
  try {
    await promise;
  } catch (error) {
    if (isCoreError(error)) return error;
    throw error;
  }
  throw new Error('expected the model to be refused');
}

async function png(color: string): Promise<Buffer> {
  return sharp({ create: { width: 200, height: 150, channels: 3, background: color } })
    .png()
    .toBuffer();
}

/** The Keras bottle model as a data scientist might describe it, format 1 or 2. */
function kerasOutput(output: Record<string, unknown>, schemaVersion = 1) {
  return (m: Record<string, unknown>) => {
    m.schemaVersion = schemaVersion;
    m.output = { name: 'dense', ...output };
  };
}

describe('the Keras sigmoid model: every plausible manifest gives the right labels or a clear refusal', () => {
  it('format 2 "probabilities" (and format 1 "none") read one value as P(labels[1])', async () => {
    for (const variant of [
      kerasOutput({ type: 'probabilities' }, 2),
      kerasOutput({ activation: 'none' }, 1),
    ]) {
      const core = await openLibrary();
      const model = await core.invoke('models.add', {
        path: await modelCopy('keras-sigmoid', variant),
      });
      await core.invoke('models.activate', { modelId: model.id });
      const white = await core.classifyImage(await png('#f8f8f8'));
      const black = await core.classifyImage(await png('#050505'));
      expect(white.label).toBe('closed');
      expect(black.label).toBe('open');
      expect(white.confidence).toBeGreaterThan(0.99);
      expect(black.confidence).toBeGreaterThan(0.99);
    }
  });

  it('refuses format 1 "sigmoid" (a second sigmoid), naming the final node and what to write', async () => {
    const core = await openLibrary();
    const error = await refusal(
      core.invoke('models.add', {
        path: await modelCopy('keras-sigmoid', kerasOutput({ activation: 'sigmoid' })),
      }),
    );
    expect(error.code).toBe('MODEL_MISMATCH');
    expect(error.message).toContain('output.activation "sigmoid"');
    expect(error.message).toContain('node "dense/Sigmoid" (Sigmoid)');
    expect(error.message).toContain(
      'Write "schemaVersion": 2 and "output": {"name":"dense","type":"probabilities"}',
    );
    expect(error.messageIn('pt-BR')).toContain('vem do nó "dense/Sigmoid" (Sigmoid)');
    expect((await core.invoke('models.list', {})).length).toBe(0);
  });

  it('refuses format 1 "softmax" and format 2 "logits" on a graph that ends in a sigmoid', async () => {
    const core = await openLibrary();
    const softmax = await refusal(
      core.invoke('models.add', {
        path: await modelCopy('keras-sigmoid', kerasOutput({ activation: 'softmax' })),
      }),
    );
    expect(softmax.message).toContain('"type":"probabilities"');
    const logits = await refusal(
      core.invoke('models.add', {
        path: await modelCopy('keras-sigmoid', kerasOutput({ type: 'logits' }, 2)),
      }),
    );
    expect(logits.message).toContain(
      'model.json says output.type "logits", but model.onnx\'s output "dense" comes from node "dense/Sigmoid" (Sigmoid)',
    );
  });

  it('refuses a graph ending in a linear layer described as probabilities', async () => {
    const core = await openLibrary();
    const error = await refusal(
      core.invoke('models.add', {
        path: await modelCopy('torch-style', (m) => {
          m.schemaVersion = 2;
          m.output = { name: 'logits', type: 'probabilities' };
        }),
      }),
    );
    expect(error.code).toBe('MODEL_MISMATCH');
    expect(error.message).toContain('(MatMul), which gives logits');
    expect(error.message).toContain('"output": {"name":"logits","type":"logits"}');
  });

  it('accepts an Ultralytics-classify export (softmax "output0") with its display names', async () => {
    const core = await openLibrary();
    const model = await core.invoke('models.add', {
      path: path.join(FIXTURES, 'ultralytics-style'),
    });
    await core.invoke('models.activate', { modelId: model.id });
    expect((await core.classifyImage(await png('#ff2010'))).label).toBe('clogged');
    expect((await core.classifyImage(await png('#1020ff'))).label).toBe('clear');
  });
});

describe('probing a model before it is accepted', () => {
  it('refuses NaN, out-of-range probabilities and a constant output, adding nothing', async () => {
    const core = await openLibrary();
    const nan = await refusal(
      core.invoke('models.add', { path: path.join(FIXTURES, 'broken/nan') }),
    );
    expect(nan.code).toBe('MODEL_INVALID');
    expect(nan.message).toMatch(/The model answered NaN on the probe image "black"/);
    const range = await refusal(
      core.invoke('models.add', { path: path.join(FIXTURES, 'broken/out-of-range') }),
    );
    expect(range.message).toContain('answered 10 for "closed", outside 0..1');
    expect(range.message).toContain('write "type": "logits"');
    const constant = await refusal(
      core.invoke('models.add', { path: path.join(FIXTURES, 'broken/constant') }),
    );
    expect(constant.message).toContain(
      'the same answer (open 0.5, closed 0.5) for all 8 probe images',
    );
    expect(constant.messageIn('pt-BR')).toContain('a mesma resposta');
    expect(await core.invoke('models.list', {})).toEqual([]);
  });

  it('refuses probabilities that do not sum to 1', async () => {
    const core = await openLibrary();
    // A sigmoid per label (a multi-label head): each value in 0..1, but no sum of 1.
    const dir = path.join(FIXTURES, 'broken/multi-label');
    const error = await refusal(core.invoke('models.add', { path: dir }));
    expect(error.message).toMatch(/the 2 values add up to [\d.]+, not 1/);
  });
});

describe('model files are read only when they are regular files of a sane size', () => {
  it('refuses model.onnx linked to /dev/zero without hanging', async () => {
    const core = await openLibrary();
    const dir = await modelCopy('keras-sigmoid');
    await rm(path.join(dir, 'model.onnx'));
    await symlink('/dev/zero', path.join(dir, 'model.onnx'));
    const error = await refusal(core.invoke('models.add', { path: dir }));
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toContain('model.onnx is not a regular file (a device)');
    expect(error.messageIn('pt-BR')).toContain('não é um arquivo comum');
  });

  it('refuses model.json linked to /dev/zero and a FIFO model.onnx', async () => {
    const core = await openLibrary();
    const dir = await modelCopy('keras-sigmoid');
    await rm(path.join(dir, 'model.json'));
    await symlink('/dev/zero', path.join(dir, 'model.json'));
    const json = await refusal(core.invoke('models.add', { path: dir }));
    expect(json.message).toContain('model.json is not a regular file (a device)');

    const fifoDir = await modelCopy('keras-sigmoid');
    await rm(path.join(fifoDir, 'model.onnx'));
    execFileSync('mkfifo', [path.join(fifoDir, 'model.onnx')]);
    const fifo = await refusal(core.invoke('models.add', { path: fifoDir }));
    expect(fifo.message).toContain('is not a regular file (a pipe (FIFO))');
  });

  it('refuses a model.json over 1 MB', async () => {
    const core = await openLibrary();
    const dir = await modelCopy('keras-sigmoid', (m) => {
      m.description = 'x'.repeat(1_100_000);
    });
    const error = await refusal(core.invoke('models.add', { path: dir }));
    expect(error.message).toMatch(/model\.json is 1(\.\d)? MB; Inspection Desk reads at most 1 MB/);
  });
});

describe('a photo the model cannot classify fails alone, with its reason', () => {
  it('lists it in the classify job result and never answers a null confidence', async () => {
    const core = await openLibrary();
    // Accepted: no probe image has a mean green in the (0.6, 0.8) band where it gives NaN.
    const model = await core.invoke('models.add', {
      path: path.join(FIXTURES, 'broken/nan-band'),
      activate: true,
    });
    const source = path.join(tempDir(), 'card', 'DCIM');
    await mkdir(source, { recursive: true });
    const green = await png('#00b300');
    await writeFile(path.join(source, 'green.png'), green);
    await writeFile(path.join(source, 'white.png'), await png('#ffffff'));
    await writeFile(path.join(source, 'black.png'), await png('#000000'));
    const { jobId: importJob } = await core.invoke('ingest.start', { source });
    await core.invoke('jobs.wait', { jobId: importJob, timeoutMs: 120_000 });

    const { jobId } = await core.invoke('models.classify', { modelId: model.id, all: true });
    const done = await core.invoke('jobs.wait', { jobId, timeoutMs: 120_000 });
    const result = done.result as ClassifyResult;
    expect(result).toMatchObject({ classified: 2, failed: 1 });
    expect(result.failures).toHaveLength(1);
    expect(result.failures![0]).toMatchObject({
      name: 'green.png',
      error: { code: 'MODEL_INVALID', messageKey: 'models.classify.badOutput' },
    });
    expect(result.failures![0]!.error.message).toContain('The model answered [NaN]');

    const error = await refusal(core.classifyImage(green));
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toContain('must be finite probabilities');
  });
});

describe('models init: model.json from the graph', () => {
  async function onnxOnly(fixture: string, extra: Record<string, string> = {}): Promise<string> {
    const dir = path.join(tempDir(), `${fixture}-init`);
    await mkdir(dir, { recursive: true });
    await cp(path.join(FIXTURES, fixture, 'model.onnx'), path.join(dir, 'model.onnx'));
    for (const [name, text] of Object.entries(extra)) await writeFile(path.join(dir, name), text);
    return dir;
  }

  it('gives a Keras user a correct model in one command (class_indices.json beside it)', async () => {
    const core = await openLibrary();
    const dir = await onnxOnly('keras-sigmoid', {
      'class_indices.json': JSON.stringify({ closed: 1, open: 0 }),
    });
    const result = await core.invoke('models.init', { dir });
    expect(result).toMatchObject({ labelsFrom: 'class_indices.json', outputType: 'probabilities' });
    expect(result.manifest).toMatchObject({
      labels: ['open', 'closed'],
      input: { name: 'input_1', layout: 'NHWC', width: 32, height: 32, scaling: { kind: 'unit' } },
      output: { name: 'dense', type: 'probabilities' },
    });
    const model = await core.invoke('models.add', { path: dir, activate: true });
    expect(model.labels).toEqual(['open', 'closed']);
    expect((await core.classifyImage(await png('#fafafa'))).label).toBe('closed');
    expect((await core.classifyImage(await png('#060606'))).label).toBe('open');
  });

  it('reads a PyTorch graph (NCHW, logits, embedding) with labels.txt', async () => {
    const core = await openLibrary();
    const dir = await onnxOnly('torch-style', { 'labels.txt': 'clear\nclogged\n' });
    const result = await core.invoke('models.init', { dir });
    expect(result.manifest).toMatchObject({
      input: { name: 'input', layout: 'NCHW', scaling: { kind: 'meanStd' } },
      output: { name: 'logits', type: 'logits' },
      embedding: { name: 'embedding' },
    });
    expect(result.notes.join(' ')).toContain('ImageNet mean/std');
  });

  it('asks for labels when there is no label file, and never overwrites model.json silently', async () => {
    const core = await openLibrary();
    const dir = await onnxOnly('ultralytics-style');
    const missing = await refusal(core.invoke('models.init', { dir }));
    expect(missing.message).toContain('No labels for the model');
    expect(missing.messageIn('pt-BR')).toContain('Não há rótulos');
    await core.invoke('models.init', { dir, labels: ['clear', 'clogged'] });
    const again = await refusal(core.invoke('models.init', { dir, labels: ['clear', 'clogged'] }));
    expect(again.message).toContain('already exists');
  });
});
