/**
 * Failures the machine cannot produce on demand, injected through the import's
 * dependencies: a disk that fills up mid-import and a card with one unreadable file.
 * Everything else is real (SQLite, sharp, onnxruntime, files).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import { createIngestHandlers } from '../../electron/core/ingest/handlers.js';
import { readImportSummary } from '../../electron/core/ingest/import-record.js';
import { writeDurably } from '../../electron/core/ingest/library-files.js';
import { createSourceReader } from '../../electron/core/ingest/source-reader.js';
import { originalPath, thumbPath } from '../../electron/core/library/database.js';
import { makeSdCard } from '../fixtures/sd-card.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const TORCH_MODEL = path.resolve('test/fixtures/models/torch-style');

async function openLibrary(): Promise<Core> {
  return createCore({ libraryDir: tempDir(), defaultModelDirs: [TORCH_MODEL] });
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe('import failures', () => {
  it('stops with DISK_FULL when the library disk fills up, leaving no half-written original', async () => {
    const card = await makeSdCard(path.join(tempDir(), 'card'), { photos: 16 });
    const core = await openLibrary();
    let writes = 0;
    const handlers = createIngestHandlers(core.context, {
      async write(tmp, bytes) {
        if (++writes > 9) {
          // The disk fills up in the middle of a file.
          await fs.writeFile(tmp, bytes.subarray(0, bytes.length >> 1));
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        }
        await writeDurably(tmp, bytes);
      },
    });
    const { jobId, importId } = await handlers['ingest.start']({
      source: card.root,
      classify: true,
    });
    const job = await core.invoke('jobs.wait', { jobId, timeoutMs: 120_000 });

    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('DISK_FULL');
    expect(job.error?.message).toMatch(/Free some space/);
    expect(readdirSync(core.context.paths.tmp)).toEqual([]);
    // Every original in the library is whole: its content hashes to its name.
    for (const file of filesUnder(core.context.paths.originals)) {
      const sha = path.basename(file).split('.')[0];
      expect(createHash('sha256').update(readFileSync(file)).digest('hex')).toBe(sha);
    }
    // What finished before is kept, with its files.
    const kept = core.context.db.prepare('SELECT sha256, ext FROM images').all() as {
      sha256: string;
      ext: string;
    }[];
    expect(kept.length).toBeGreaterThan(0);
    for (const image of kept) {
      await fs.access(originalPath(core.context.paths, image.sha256, image.ext));
      await fs.access(thumbPath(core.context.paths, image.sha256));
    }
    expect(readImportSummary(core.context, importId)).toMatchObject({
      status: 'failed',
      imported: kept.length,
    });

    // Space freed: the same import finishes the rest.
    const { jobId: again } = await core.invoke('ingest.start', { source: card.root });
    const resumed = await core.invoke('jobs.wait', { jobId: again, timeoutMs: 120_000 });
    expect(resumed.result).toMatchObject({
      importId,
      status: 'done',
      imported: card.expected.imported,
      classified: card.expected.imported,
    });
    await core.close();
  });

  it('records a file the card cannot read and imports the rest', async () => {
    const card = await makeSdCard(path.join(tempDir(), 'card'), { photos: 8 });
    const bad = card.photos[3]!;
    const core = await openLibrary();
    const reader = createSourceReader({ keep: 2 });
    const handlers = createIngestHandlers(core.context, {
      async readSource(absPath) {
        if (absPath.endsWith(path.basename(bad.relPath))) {
          throw Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' });
        }
        return reader.read(absPath);
      },
    });
    const { jobId } = await handlers['ingest.start']({ source: card.root, classify: false });
    const job = await core.invoke('jobs.wait', { jobId, timeoutMs: 120_000 });
    const summary = job.result as ImportSummary;
    expect(summary).toMatchObject({
      status: 'done',
      imported: card.expected.imported - 1,
      errors: card.expected.errors + 1,
    });
    const entry = summary.errorList.find((e) => e.path === bad.relPath);
    expect(entry?.code).toBe('SOURCE_UNREADABLE');
    expect(entry?.message).toContain(path.posix.basename(bad.relPath));
    expect(entry?.message).toMatch(/card may be damaged/);
    await core.close();
  });
});
