/**
 * Importing an SD card end to end: real files made by the SD-card fixture, real sharp,
 * real SQLite, real onnxruntime with the torch-style fixture model.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportSummary, JobProgress, JobSnapshot } from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import { serializeError } from '../../electron/core/errors.js';
import { originalPath, thumbPath } from '../../electron/core/library/database.js';
import { makeSdCard, type SdCardDescription } from '../fixtures/sd-card.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const TORCH_MODEL = path.resolve('test/fixtures/models/torch-style');
const MODEL_ID = 'tube-fixture@1.0.0';

const tempDir = useTempDirs();

/** Every entry under `root` (hidden ones too) with its bytes' hash and modification time. */
function snapshotTree(root: string): Map<string, string> {
  const entries = new Map<string, string>();
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = path.join(dir, name);
      const relPath = rel ? `${rel}/${name}` : name;
      const stat = lstatSync(abs);
      if (stat.isDirectory()) {
        entries.set(`${relPath}/`, `dir ${stat.mtimeMs}`);
        walk(abs, relPath);
      } else {
        const hash = createHash('sha256').update(readFileSync(abs)).digest('hex');
        entries.set(relPath, `${hash} ${stat.size} ${stat.mtimeMs}`);
      }
    }
  };
  walk(root, '');
  return entries;
}

async function openLibrary(dir: string): Promise<Core> {
  return createCore({ libraryDir: dir, defaultModelDirs: [TORCH_MODEL] });
}

async function runImport(
  core: Core,
  source: string,
  onProgress?: (p: JobProgress) => void,
): Promise<{ job: JobSnapshot; importId: number }> {
  const unsubscribe = onProgress ? core.events.on('job.progress', onProgress) : () => undefined;
  try {
    const { jobId, importId } = await core.invoke('ingest.start', { source });
    const job = await core.invoke('jobs.wait', { jobId, timeoutMs: 120_000 });
    return { job, importId };
  } finally {
    unsubscribe();
  }
}

/**
 * Runs `action` once, when the first batch of photos is committed: a moment that comes
 * mid-import on any machine (progress events are throttled in time, batches are not).
 */
function onFirstBatch(core: Core, action: (jobId: string) => void): () => void {
  let fired = false;
  return core.events.on('library.changed', (event) => {
    const job = core.context.jobs.running('import');
    if (fired || event.reason !== 'import' || !job) return;
    fired = true;
    action(job.id);
  });
}

interface ImageDbRow {
  id: number;
  sha256: string;
  ext: string;
  format: string;
  original_name: string;
  source_path: string;
  width: number;
  height: number;
  captured_at: string;
  captured_from: string;
  tube_row: number | null;
  tube_col: number | null;
}

function images(core: Core): ImageDbRow[] {
  return core.context.db.prepare('SELECT * FROM images ORDER BY id').all() as ImageDbRow[];
}

function importFiles(core: Core): { rel_path: string; status: string; image_id: number | null }[] {
  return core.context.db
    .prepare('SELECT rel_path, status, image_id FROM import_files ORDER BY rel_path')
    .all() as { rel_path: string; status: string; image_id: number | null }[];
}

function predictedLabels(core: Core): Map<string, string> {
  const rows = core.context.db
    .prepare(
      `SELECT i.sha256, p.label FROM predictions p JOIN images i ON i.id = p.image_id
        WHERE p.model_id = ?`,
    )
    .all(MODEL_ID) as { sha256: string; label: string }[];
  return new Map(rows.map((r) => [r.sha256, r.label]));
}

/** The library state an inspector would see, independent of ids and timings. */
function libraryState(core: Core): unknown {
  return {
    images: images(core)
      .map((i) => `${i.source_path} ${i.sha256} ${i.width}x${i.height} ${i.captured_at}`)
      .sort(),
    files: importFiles(core).map((f) => `${f.rel_path} ${f.status}`),
    predictions: [...predictedLabels(core)].map(([sha, label]) => `${sha} ${label}`).sort(),
  };
}

function expectCompleteImport(core: Core, card: SdCardDescription, summary: ImportSummary): void {
  expect(summary).toMatchObject({
    status: 'done',
    imported: card.expected.imported,
    duplicates: card.expected.duplicates,
    errors: card.expected.errors,
    classified: card.expected.imported,
  });
  expect(
    images(core)
      .map((i) => i.sha256)
      .sort(),
  ).toEqual(card.photos.map((p) => p.sha256).sort());
  const labels = predictedLabels(core);
  for (const photo of card.photos)
    expect(labels.get(photo.sha256), photo.relPath).toBe(photo.label);
}

describe('importing an SD card', () => {
  let root: string;
  let card: SdCardDescription;
  let core: Core;
  let before: Map<string, string>;
  let first: { job: JobSnapshot; importId: number };
  const progress: JobProgress[] = [];
  const announced: { imageIds: number[]; reason: string }[] = [];

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'ingest-card-'));
    card = await makeSdCard(path.join(root, 'card'), { photos: 24 });
    before = snapshotTree(card.root);
    // Read-only like a write-protected card. Root ignores permissions, so the snapshot
    // comparison below is the real proof that nothing was written.
    execFileSync('chmod', ['-R', 'a-w', card.root]);
    core = await openLibrary(path.join(root, 'library'));
    const off = core.events.on('library.changed', (e) => announced.push(e));
    first = await runImport(core, card.root, (p) => progress.push(p));
    off();
  });

  afterAll(async () => {
    await core?.close();
    if (root) {
      execFileSync('chmod', ['-R', 'u+w', root]);
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('imports every photo once and reports duplicates and broken files by code', () => {
    expect(first.job.status).toBe('done');
    const summary = first.job.result as ImportSummary;
    expect(summary).toMatchObject({
      importId: first.importId,
      source: card.root,
      status: 'done',
      imported: card.expected.imported,
      duplicates: card.expected.duplicates,
      errors: card.expected.errors,
      alreadyDone: 0,
      filesSeen: card.expected.filesSeen,
      bytes: card.photos.reduce((sum, p) => sum + p.sizeBytes, 0),
    });
    expect(summary.finishedAt).not.toBeNull();
    expect(summary.durationMs).toBeGreaterThan(0);
    expect(
      summary.errorList
        .map((e) => ({ relPath: e.path, code: e.code }))
        .sort((a, b) => a.relPath.localeCompare(b.relPath)),
    ).toEqual([...card.errors].sort((a, b) => a.relPath.localeCompare(b.relPath)));
    for (const error of summary.errorList) {
      // The message names the file, so the inspector knows which tube to re-shoot.
      expect(error.message).toContain(path.posix.basename(error.path));
    }
    const imported = images(core).map((i) => i.source_path);
    for (const hidden of card.hidden) expect(imported).not.toContain(hidden);
  });

  it('records the duplicate against the photo it copies, without storing it twice', () => {
    const files = importFiles(core);
    const byPath = new Map(images(core).map((i) => [i.source_path, i.id]));
    for (const dup of card.duplicates) {
      const row = files.find((f) => f.rel_path === dup.relPath);
      expect(row).toMatchObject({ status: 'duplicate', image_id: byPath.get(dup.sameAs) });
    }
    expect(images(core)).toHaveLength(card.expected.imported);
  });

  it('stores originals content-addressed and WebP thumbnails', async () => {
    for (const image of images(core)) {
      const photo = card.photos.find((p) => p.sha256 === image.sha256)!;
      const original = originalPath(core.context.paths, image.sha256, image.ext);
      const bytes = readFileSync(original);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(image.sha256);
      // The extension follows the content: a PNG named .JPG is stored as .png.
      expect(image.ext).toBe(photo.format === 'png' ? 'png' : 'jpg');
      const thumb = await sharp(
        readFileSync(thumbPath(core.context.paths, image.sha256)),
      ).metadata();
      expect(thumb.format).toBe('webp');
      expect(Math.max(thumb.width ?? 0, thumb.height ?? 0)).toBeLessThanOrEqual(256);
    }
    expect(readdirSync(core.context.paths.tmp)).toEqual([]);
  });

  it('records size after EXIF rotation, capture time, and tube position', () => {
    const bySha = new Map(images(core).map((i) => [i.sha256, i]));
    expect(card.expected.rotated).toBeGreaterThan(0);
    for (const photo of card.photos) {
      const image = bySha.get(photo.sha256)!;
      expect(image, photo.relPath).toMatchObject({
        original_name: path.posix.basename(photo.relPath),
        source_path: photo.relPath,
        width: photo.width,
        height: photo.height,
        captured_at: photo.capturedAt,
        captured_from: photo.capturedFrom,
        tube_row: photo.row,
        tube_col: photo.col,
      });
    }
    const sources = new Set(card.photos.map((p) => p.capturedFrom));
    expect(sources).toEqual(new Set(['exif', 'file']));
  });

  it('classifies every new photo with the active model', () => {
    expectCompleteImport(core, card, first.job.result as ImportSummary);
  });

  it('announces the new photos as they arrive, then their predictions', () => {
    const ids = images(core).map((i) => i.id);
    const imported = announced.filter((e) => e.reason === 'import');
    // In batches, not one event per photo nor one at the very end.
    expect(imported.length).toBeGreaterThan(1);
    expect(imported.flatMap((e) => e.imageIds).sort((a, b) => a - b)).toEqual(ids);
    const classified = announced.filter((e) => e.reason === 'classify').flatMap((e) => e.imageIds);
    expect(classified.sort((a, b) => a - b)).toEqual(ids);
  });

  it('reports progress: scanning, then importing with files, bytes and counters', () => {
    const phases = progress.map((p) => p.phase);
    expect(phases).toContain('scanning');
    expect(phases).toContain('importing');
    const last = progress[progress.length - 1]!;
    expect(last).toMatchObject({
      phase: 'done',
      done: card.expected.filesSeen - card.expected.ignored,
      total: card.expected.filesSeen - card.expected.ignored,
      bytesTotal: last.bytesDone,
    });
    expect(last.counters).toMatchObject({
      imported: card.expected.imported,
      duplicates: card.expected.duplicates,
      errors: card.expected.errors,
      ignored: card.expected.ignored,
      classified: card.expected.imported,
    });
  });

  it('never writes to the card', () => {
    expect(snapshotTree(card.root)).toEqual(before);
  });

  it('adds nothing when the same card is imported again', async () => {
    const changed: number[] = [];
    const off = core.events.on('library.changed', (e) => changed.push(...e.imageIds));
    const again = await runImport(core, card.root);
    off();
    expect(again.importId).not.toBe(first.importId);
    expect(again.job.result).toMatchObject({
      status: 'done',
      imported: 0,
      duplicates: 0,
      alreadyDone: card.expected.imported + card.expected.duplicates,
      // Broken files are tried again: the card may have been fixed.
      errors: card.expected.errors,
    });
    expect(changed).toEqual([]);
    expect(images(core)).toHaveLength(card.expected.imported);
    expect(snapshotTree(card.root)).toEqual(before);
  });
});

describe('interrupted imports', () => {
  it('resumes a cancelled import: the end state equals one full import', async () => {
    const card = await makeSdCard(path.join(tempDir(), 'card'), { photos: 40 });
    const core = await openLibrary(tempDir());
    const stop = onFirstBatch(core, (jobId) => {
      core.invoke('jobs.cancel', { jobId }).catch(() => undefined);
    });
    const cancelled = await runImport(core, card.root);
    stop();
    expect(cancelled.job.status).toBe('cancelled');
    const partial = cancelled.job.result as ImportSummary;
    expect(partial.status).toBe('cancelled');
    expect(partial.imported).toBeGreaterThan(0);
    expect(partial.imported).toBeLessThan(card.expected.imported);
    // What finished is in the library, classified.
    expect(images(core)).toHaveLength(partial.imported);
    expect(predictedLabels(core).size).toBe(partial.imported);

    const resumed = await runImport(core, card.root);
    expect(resumed.importId).toBe(cancelled.importId);
    expect(resumed.job.status).toBe('done');
    expectCompleteImport(core, card, resumed.job.result as ImportSummary);
    expect(importFiles(core)).toHaveLength(
      card.expected.imported + card.expected.duplicates + card.expected.errors,
    );

    const reference = await openLibrary(tempDir());
    await runImport(reference, card.root);
    expect(libraryState(core)).toEqual(libraryState(reference));
    await reference.close();
    await core.close();
  });

  it('classifies on resume the photos an interrupted run left unclassified', async () => {
    const card = await makeSdCard(path.join(tempDir(), 'card'), { photos: 24 });
    const core = await openLibrary(tempDir());
    const unsubscribe = onFirstBatch(core, (jobId) => {
      core.invoke('jobs.cancel', { jobId }).catch(() => undefined);
    });
    const started = await core.invoke('ingest.start', { source: card.root, classify: false });
    const cancelled = await core.invoke('jobs.wait', { jobId: started.jobId, timeoutMs: 120_000 });
    unsubscribe();
    expect(cancelled.status).toBe('cancelled');
    expect(images(core).length).toBeGreaterThan(0);
    expect(predictedLabels(core).size).toBe(0);

    const resumed = await runImport(core, card.root);
    expect(resumed.importId).toBe(started.importId);
    expectCompleteImport(core, card, resumed.job.result as ImportSummary);
    await core.close();
  });

  it('fails clearly when the card disappears mid-import, keeps what finished, and resumes', async () => {
    const dir = tempDir();
    const card = await makeSdCard(path.join(dir, 'card'), { photos: 40 });
    const pulled = path.join(dir, 'card-pulled');
    const core = await openLibrary(tempDir());
    const pull = onFirstBatch(core, () => renameSync(card.root, pulled));
    const failed = await runImport(core, card.root);
    pull();
    expect(failed.job.status).toBe('failed');
    expect(failed.job.error?.code).toBe('SOURCE_NOT_FOUND');
    expect(failed.job.error?.message).toContain(card.root);
    expect(failed.job.error?.message).toMatch(/removed/);
    const kept = images(core);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(card.expected.imported);
    for (const image of kept) {
      expect(existsSync(originalPath(core.context.paths, image.sha256, image.ext))).toBe(true);
    }
    expect(readdirSync(core.context.paths.tmp)).toEqual([]);
    const row = core.context.db
      .prepare('SELECT status, imported FROM imports WHERE id = ?')
      .get(failed.importId);
    expect(row).toEqual({ status: 'failed', imported: kept.length });

    renameSync(pulled, card.root);
    const resumed = await runImport(core, card.root);
    expect(resumed.importId).toBe(failed.importId);
    expectCompleteImport(core, card, resumed.job.result as ImportSummary);
    await core.close();
  });
});

describe('choosing what to import', () => {
  it('refuses a missing folder, a file, and a folder inside the library, with what to do', async () => {
    const libraryDir = tempDir();
    const core = await openLibrary(libraryDir);
    const attempt = (source: string) =>
      core.invoke('ingest.start', { source }).then(
        () => null,
        (e: unknown) => serializeError(e),
      );
    const missing = path.join(tempDir(), 'no-card');
    expect(await attempt(missing)).toMatchObject({
      code: 'SOURCE_NOT_FOUND',
      message: `The folder ${missing} does not exist. Check the SD card is inserted and the path is right.`,
    });
    const file = path.join(tempDir(), 'photo.jpg');
    writeFileSync(file, 'x');
    expect(await attempt(file)).toMatchObject({ code: 'SOURCE_UNREADABLE' });
    expect((await attempt(file))?.message).toContain('not a folder');
    expect(await attempt(path.join(libraryDir, 'originals'))).toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
    await core.close();
  });

  it('runs one import at a time', async () => {
    const card = await makeSdCard(path.join(tempDir(), 'card'), { photos: 8 });
    const core = await openLibrary(tempDir());
    const { jobId } = await core.invoke('ingest.start', { source: card.root });
    const second = await core.invoke('ingest.start', { source: card.root }).catch(serializeError);
    expect(second).toMatchObject({ code: 'JOB_RUNNING' });
    await core.invoke('jobs.wait', { jobId, timeoutMs: 120_000 });
    await core.close();
  });

  it('imports without classifying when asked to, and finds photos whose names say nothing', async () => {
    const dir = tempDir();
    const card = await makeSdCard(path.join(dir, 'card'), { photos: 8 });
    // A photo saved without an extension by some export tool is still a photo.
    cpSync(
      path.join(card.root, ...card.photos[1]!.relPath.split('/')),
      path.join(card.root, 'EXPORT-frame-0002'),
    );
    const core = await openLibrary(tempDir());
    const { jobId } = await core.invoke('ingest.start', { source: card.root, classify: false });
    const job = await core.invoke('jobs.wait', { jobId, timeoutMs: 120_000 });
    expect(job.result).toMatchObject({
      status: 'done',
      imported: card.expected.imported,
      duplicates: card.expected.duplicates + 1,
      classified: 0,
    });
    expect(predictedLabels(core).size).toBe(0);
    await core.close();
  });

  it('imports every photo when the active model cannot load, and says classification failed', async () => {
    const card = await makeSdCard(path.join(tempDir(), 'card'), { photos: 8 });
    const core = await openLibrary(tempDir());
    // The registered model's file is damaged after it was added (a bad copy, a full disk...).
    const root = core.context.paths.root;
    const onnx = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
      (f) => path.basename(f) === 'model.onnx',
    );
    expect(onnx).not.toHaveLength(0);
    for (const file of onnx) writeFileSync(path.join(root, file), 'not an onnx model');
    const progress: JobProgress[] = [];
    core.events.on('job.progress', (p) => progress.push(p));
    const { jobId } = await core.invoke('ingest.start', { source: card.root });
    const job = await core.invoke('jobs.wait', { jobId, timeoutMs: 120_000 });
    expect(job.result).toMatchObject({
      status: 'done',
      imported: card.expected.imported,
      classified: 0,
    });
    expect(progress.at(-1)?.counters).toMatchObject({ classifyFailed: 1 });
    expect(predictedLabels(core).size).toBe(0);
    await core.close();
  });
});
