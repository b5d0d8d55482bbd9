/**
 * Bundles as the Export and Import screens run them: jobs with progress per photo and a
 * Cancel that leaves nothing half-done (no bundle file, no merged rows), on real
 * libraries with a real SD-card import.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type {
  BundleExportResult,
  BundleImportResult,
  JobProgress,
} from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import { serializeError } from '../../electron/core/errors.js';
import { makeSdCard } from '../fixtures/sd-card.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const TORCH_MODEL = path.resolve('test/fixtures/models/torch-style');
const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function laptop(): Promise<Core> {
  const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [TORCH_MODEL] });
  cores.push(core);
  return core;
}

function progressOf(core: Core, jobId: string): JobProgress[] {
  const seen: JobProgress[] = [];
  core.events.on('job.progress', (p) => {
    if (p.jobId === jobId) seen.push(p);
  });
  return seen;
}

describe('bundle jobs', () => {
  it('write and merge a bundle with progress per photo; a cancelled one leaves nothing', async () => {
    const a = await laptop();
    const b = await laptop();
    const card = await makeSdCard(tempDir(), { photos: 8, width: 320, height: 240 });
    const started = await a.invoke('ingest.start', { source: card.root });
    await a.invoke('jobs.wait', { jobId: started.jobId, timeoutMs: 90_000 });
    const stick = tempDir();
    const file = path.join(stick, 'a.idbundle');

    const exported = await a.invoke('bundle.startExport', { importIds: [started.importId], file });
    const exportProgress = progressOf(a, exported.jobId);
    const written = await a.invoke('jobs.wait', { jobId: exported.jobId, timeoutMs: 90_000 });
    expect(written.status).toBe('done');
    expect(written.kind).toBe('bundle-export');
    expect((written.result as BundleExportResult).photos).toBe(card.expected.imported);
    expect(written.progress).toMatchObject({
      done: card.expected.imported,
      total: card.expected.imported,
    });
    expect(exportProgress.some((p) => p.phase === 'writing')).toBe(true);

    // Cancelled at once: no bundle, no partial file on the stick.
    const cancelledFile = path.join(stick, 'cancelled.idbundle');
    const doomed = await a.invoke('bundle.startExport', {
      importIds: [started.importId],
      file: cancelledFile,
    });
    await a.invoke('jobs.cancel', { jobId: doomed.jobId });
    const stopped = await a.invoke('jobs.wait', { jobId: doomed.jobId, timeoutMs: 90_000 });
    expect(stopped.status).toBe('cancelled');
    expect(readdirSync(stick)).toEqual(['a.idbundle']);

    // Import cancelled at once: nothing merged. Then the whole bundle, with its progress.
    const early = await b.invoke('bundle.startImport', { file });
    await b.invoke('jobs.cancel', { jobId: early.jobId });
    expect((await b.invoke('jobs.wait', { jobId: early.jobId, timeoutMs: 90_000 })).status).toBe(
      'cancelled',
    );
    expect((await b.invoke('library.info')).images).toBe(0);
    const imported = await b.invoke('bundle.startImport', { file });
    const importProgress = progressOf(b, imported.jobId);
    const merged = await b.invoke('jobs.wait', { jobId: imported.jobId, timeoutMs: 90_000 });
    expect(merged.status).toBe('done');
    expect((merged.result as BundleImportResult).imagesAdded).toBe(card.expected.imported);
    // Events are throttled: the reading phase shows, and the count reaches every photo.
    expect(importProgress.map((p) => p.phase)).toContain('reading');
    expect(merged.progress.done).toBe(card.expected.imported);
    expect((await b.invoke('library.info')).images).toBe(card.expected.imported);

    // Hopeless requests are refused before any job starts.
    const missing = await b
      .invoke('bundle.startImport', { file: path.join(stick, 'nope.idbundle') })
      .catch(serializeError);
    expect(missing).toMatchObject({ code: 'NOT_FOUND', messageKey: 'bundle.fileNotFound' });
    const unknown = await a
      .invoke('bundle.startExport', { importIds: [99], file: path.join(stick, 'x.idbundle') })
      .catch(serializeError);
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', messageKey: 'bundle.unknownImport' });
    expect(existsSync(path.join(stick, 'x.idbundle'))).toBe(false);
  });
});
