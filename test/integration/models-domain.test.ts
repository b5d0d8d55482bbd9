import { createHash } from 'node:crypto';
import { cp, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ClassifyResult, Events, JobSnapshot } from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import { serializeError } from '../../electron/core/errors.js';
import { originalPath } from '../../electron/core/library/database.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const FIXTURES = path.resolve(__dirname, '../fixtures/models');
const TORCH = path.join(FIXTURES, 'torch-style');
const KERAS = path.join(FIXTURES, 'keras-style');
const tempDir = useTempDirs();
const cores: Core[] = [];

afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function openLibrary(dir = tempDir(), defaultModelDirs: string[] = []): Promise<Core> {
  const core = await createCore({ libraryDir: dir, defaultModelDirs });
  cores.push(core);
  return core;
}

async function jpeg(color: string): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 240, channels: 3, background: color } })
    .jpeg()
    .toBuffer();
}

/** Puts photos in the library the way an import leaves them: a row plus the stored original. */
async function insertPhotos(
  core: Core,
  photos: { name: string; bytes: Buffer }[],
): Promise<number[]> {
  const { db, paths } = core.context;
  const now = new Date().toISOString();
  const importId = Number(
    db
      .prepare("INSERT INTO imports (source, status, started_at) VALUES ('/media/sd', 'done', ?)")
      .run(now).lastInsertRowid,
  );
  const insert = db.prepare(
    `INSERT INTO images (sha256, ext, format, original_name, source_path, import_id, size_bytes,
       width, height, captured_at, captured_from, imported_at)
     VALUES (?, 'jpg', 'jpeg', ?, ?, ?, ?, 320, 240, ?, 'file', ?)`,
  );
  const ids: number[] = [];
  for (const { name, bytes } of photos) {
    const sha = createHash('sha256').update(bytes).update(name).digest('hex');
    const file = originalPath(paths, sha, 'jpg');
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, bytes);
    ids.push(
      Number(
        insert.run(sha, name, `DCIM/${name}`, importId, bytes.length, now, now).lastInsertRowid,
      ),
    );
  }
  return ids;
}

function predictionsOf(
  core: Core,
  modelId: string,
): Map<number, { label: string; confidence: number }> {
  const rows = core.context.db
    .prepare('SELECT image_id, label, confidence FROM predictions WHERE model_id = ?')
    .all(modelId) as { image_id: number; label: string; confidence: number }[];
  return new Map(rows.map((r) => [r.image_id, { label: r.label, confidence: r.confidence }]));
}

async function runClassify(
  core: Core,
  args: { modelId?: string; all?: boolean } = {},
): Promise<JobSnapshot> {
  const { jobId } = await core.invoke('models.classify', args);
  return core.invoke('jobs.wait', { jobId, timeoutMs: 60_000 });
}

async function errorOf(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  return promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (error: unknown) => serializeError(error),
  );
}

describe('models in a library', () => {
  it('registers models into the library folder and lists them', async () => {
    const dir = tempDir();
    const core = await openLibrary(dir);
    const torch = await core.invoke('models.add', { path: TORCH });
    // The first model of a library becomes active: there is nothing else to classify with.
    expect(torch).toMatchObject({
      id: 'tube-fixture@1.0.0',
      name: 'Tube obstruction (test fixture)',
      labels: ['clear', 'clogged'],
      active: true,
      predictions: 0,
    });
    expect(torch.dir).toBe(path.join(dir, 'models', 'tube-fixture@1.0.0'));
    expect((await readdir(torch.dir)).sort()).toEqual(['model.json', 'model.onnx']);
    expect(torch.fileSha256).toBe(
      createHash('sha256')
        .update(await readFile(path.join(TORCH, 'model.onnx')))
        .digest('hex'),
    );

    const keras = await core.invoke('models.add', { path: path.join(KERAS, 'model.json') });
    expect(keras.active).toBe(false);
    const list = await core.invoke('models.list');
    expect(list.map((m) => [m.id, m.active])).toEqual([
      ['tube-fixture@1.0.0', true],
      ['bottle-cap-fixture@1.0.0', false],
    ]);
    // Adding the same files again is harmless.
    expect((await core.invoke('models.add', { path: TORCH })).id).toBe('tube-fixture@1.0.0');
    expect(await core.invoke('models.list')).toHaveLength(2);
  });

  it('refuses a different model under an existing id@version, telling to bump the version', async () => {
    const core = await openLibrary();
    await core.invoke('models.add', { path: TORCH });
    const changed = path.join(tempDir(), 'retrained');
    await cp(TORCH, changed, { recursive: true });
    const onnx = await readFile(path.join(changed, 'model.onnx'));
    await writeFile(path.join(changed, 'model.onnx'), Buffer.concat([onnx, Buffer.from([0])]));
    const error = await errorOf(core.invoke('models.add', { path: changed }));
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toContain('already has model "tube-fixture@1.0.0"');
    expect(error.message).toContain('bump "version"');
  });

  it('refuses a broken or mismatched model without registering it', async () => {
    const core = await openLibrary();
    const broken = path.join(tempDir(), 'broken');
    await cp(TORCH, broken, { recursive: true });
    await writeFile(path.join(broken, 'model.onnx'), 'not an onnx graph');
    expect(await errorOf(core.invoke('models.add', { path: broken }))).toMatchObject({
      code: 'MODEL_INVALID',
      message: expect.stringContaining('model.onnx is not a readable ONNX model'),
    });
    const wrongSize = path.join(tempDir(), 'wrong-size');
    await cp(KERAS, wrongSize, { recursive: true });
    const manifest = JSON.parse(await readFile(path.join(wrongSize, 'model.json'), 'utf8'));
    manifest.input.height = 224;
    await writeFile(path.join(wrongSize, 'model.json'), JSON.stringify(manifest));
    expect(await errorOf(core.invoke('models.add', { path: wrongSize }))).toMatchObject({
      code: 'MODEL_MISMATCH',
      message: expect.stringContaining(
        'model.json says input.height 224 but model.onnx expects 32',
      ),
    });
    expect(
      await errorOf(core.invoke('models.add', { path: path.join(tempDir(), 'nothing') })),
    ).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(await core.invoke('models.list')).toEqual([]);
  });

  it('classifies the library as a job: progress, predictions, failures counted, re-runs resume', async () => {
    const core = await openLibrary();
    await core.invoke('models.add', { path: TORCH, activate: true });
    const red = await jpeg('#d01010');
    const blue = await jpeg('#1010d0');
    const ids = await insertPhotos(core, [
      { name: 'TUBE_001.JPG', bytes: red },
      { name: 'TUBE_002.JPG', bytes: blue },
      { name: 'TUBE_003.JPG', bytes: red },
      { name: 'TUBE_004.JPG', bytes: red.subarray(0, red.length >> 1) },
    ]);
    const progress: Events['job.progress'][] = [];
    const changed: Events['library.changed'][] = [];
    core.events.on('job.progress', (p) => progress.push(p));
    core.events.on('library.changed', (c) => changed.push(c));
    const job = await runClassify(core);
    expect(job.status).toBe('done');
    expect(job.result).toMatchObject({ modelId: 'tube-fixture@1.0.0', classified: 3, failed: 1 });
    // The failed photo is listed in the result with its reason, not only counted.
    const { failures } = job.result as ClassifyResult;
    expect(failures).toHaveLength(1);
    expect(failures![0]).toMatchObject({ imageId: ids[3], name: 'TUBE_004.JPG' });
    expect(failures![0]!.error.message).toContain('`TUBE_004.JPG` is not a readable image');
    const predictions = predictionsOf(core, 'tube-fixture@1.0.0');
    expect(predictions.get(ids[0]!)?.label).toBe('clogged');
    expect(predictions.get(ids[1]!)?.label).toBe('clear');
    expect(predictions.get(ids[2]!)?.label).toBe('clogged');
    expect(predictions.has(ids[3]!)).toBe(false);
    expect(progress.at(-1)).toMatchObject({
      kind: 'classify',
      done: 4,
      total: 4,
      counters: { classified: 3, failed: 1 },
    });
    expect(
      changed
        .filter((c) => c.reason === 'classify')
        .flatMap((c) => c.imageIds)
        .sort((a, b) => a - b),
    ).toEqual(ids.slice(0, 3));
    const info = (await core.invoke('models.list'))[0]!;
    expect(info.predictions).toBe(3);

    // Only what is missing is classified again; `all` redoes everything.
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect((await runClassify(core)).result).toMatchObject({ classified: 0, failed: 1 });
    expect((await runClassify(core, { all: true })).result).toMatchObject({
      classified: 3,
      failed: 1,
    });
    vi.restoreAllMocks();
    expect(predictionsOf(core, 'tube-fixture@1.0.0').size).toBe(3);
  });

  it('stops when cancelled and the next run classifies the rest', async () => {
    const core = await openLibrary();
    await core.invoke('models.add', { path: KERAS });
    const bright = await jpeg('#f0f0f0');
    const photos = Array.from({ length: 40 }, (_, i) => ({ name: `B_${i}.JPG`, bytes: bright }));
    await insertPhotos(core, photos);
    const { jobId } = await core.invoke('models.classify', {});
    await core.invoke('jobs.cancel', { jobId });
    const cancelled = await core.invoke('jobs.wait', { jobId, timeoutMs: 60_000 });
    expect(cancelled.status).toBe('cancelled');
    const first = predictionsOf(core, 'bottle-cap-fixture@1.0.0').size;
    expect(first).toBeLessThan(40);
    const rest = await runClassify(core);
    expect(rest.result).toMatchObject({ classified: 40 - first, failed: 0 });
    const labels = [...predictionsOf(core, 'bottle-cap-fixture@1.0.0').values()].map(
      (p) => p.label,
    );
    expect(new Set(labels)).toEqual(new Set(['closed']));
  });

  it('switches the active model, and says what to do when there is none', async () => {
    const core = await openLibrary();
    expect(await errorOf(core.invoke('models.classify', {}))).toMatchObject({
      code: 'NO_ACTIVE_MODEL',
    });
    expect(await errorOf(core.classifyImage(await jpeg('#d01010')))).toMatchObject({
      code: 'NO_ACTIVE_MODEL',
      message: expect.stringContaining('Add a model'),
    });
    await core.invoke('models.add', { path: TORCH });
    await core.invoke('models.add', { path: KERAS });
    const changed: Events['library.changed'][] = [];
    core.events.on('library.changed', (c) => changed.push(c));
    const active = await core.invoke('models.activate', { modelId: 'bottle-cap-fixture@1.0.0' });
    expect(active.active).toBe(true);
    expect(changed).toEqual([{ imageIds: [], reason: 'models' }]);
    expect((await core.invoke('models.list')).filter((m) => m.active).map((m) => m.id)).toEqual([
      'bottle-cap-fixture@1.0.0',
    ]);
    expect(await errorOf(core.invoke('models.activate', { modelId: 'nope@1' }))).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('tube-fixture@1.0.0'),
    });
  });

  it('classifies an uploaded photo with the active model (REST endpoint)', async () => {
    const core = await openLibrary();
    await core.invoke('models.add', { path: TORCH });
    const outcome = await core.classifyImage(await jpeg('#d01010'));
    expect(outcome).toMatchObject({
      label: 'clogged',
      model: {
        id: 'tube-fixture@1.0.0',
        name: 'Tube obstruction (test fixture)',
        version: '1.0.0',
      },
    });
    expect(outcome.confidence).toBeGreaterThan(0.9);
    expect(outcome.scores.clear! + outcome.scores.clogged!).toBeCloseTo(1, 5);
    expect(await errorOf(core.classifyImage(Buffer.from('GIF89a not supported')))).toMatchObject({
      code: 'NOT_AN_IMAGE',
    });
  });

  it('installs default models on first open, once, and a broken default does not block opening', async () => {
    const dir = tempDir();
    const broken = path.join(tempDir(), 'broken');
    await cp(KERAS, broken, { recursive: true });
    await writeFile(path.join(broken, 'model.json'), '{ "schemaVersion": 1, ');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const first = await openLibrary(dir, [broken, TORCH, path.join(dir, 'missing')]);
    expect(warn.mock.calls.flat().join('\n')).toContain('model.json is not valid JSON');
    warn.mockRestore();
    expect((await first.invoke('models.list')).map((m) => [m.id, m.active])).toEqual([
      ['tube-fixture@1.0.0', true],
    ]);
    await first.close();

    const again = await openLibrary(dir, [TORCH, KERAS]);
    // Already registered defaults stay; a new default is registered but does not take over.
    expect((await again.invoke('models.list')).map((m) => [m.id, m.active])).toEqual([
      ['tube-fixture@1.0.0', true],
      ['bottle-cap-fixture@1.0.0', false],
    ]);
  });
});
