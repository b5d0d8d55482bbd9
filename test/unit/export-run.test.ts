import fs from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ExportOptions } from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import { serializeError } from '../../electron/core/errors.js';
import { prepareExport } from '../../electron/core/export/plan.js';
import { runExport, type ExportFileSystem } from '../../electron/core/export/run-export.js';
import type { JobHandle } from '../../electron/core/jobs/registry.js';
import {
  DEFAULT_MODEL,
  insertFakeModel,
  insertImageRows,
  makeImages,
  writeImageFiles,
} from '../fixtures/library-rows.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

function fakeJob(): JobHandle & { phases: string[] } {
  const phases: string[] = [];
  return {
    id: 'export-test',
    signal: new AbortController().signal,
    phases,
    progress(update) {
      if (update.phase) phases.push(update.phase);
    },
    throwIfCancelled() {},
  };
}

/** A disk that fills up after `room` files. */
function fillingDisk(room: number): ExportFileSystem {
  let copied = 0;
  return {
    async copyFile(from, to, mode) {
      if (copied++ >= room) {
        throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
      }
      await fs.copyFile(from, to, mode);
    },
  };
}

describe('export on a full disk', () => {
  it('fails with DISK_FULL and removes the partial folder', async () => {
    const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [] });
    cores.push(core);
    insertFakeModel(core.context.db, DEFAULT_MODEL, { activate: true });
    const images = makeImages({ count: 6 });
    await writeImageFiles(core.context.paths, images);
    insertImageRows(core.context.db, images);

    const parent = tempDir();
    const options = ExportOptions.parse({ dest: path.join(parent, 'dataset') });
    const prepared = prepareExport(core.context, options);
    const job = fakeJob();
    const error = await runExport(core.context, job, prepared, fillingDisk(3)).catch(
      serializeError,
    );
    expect(error).toMatchObject({ code: 'DISK_FULL' });
    expect((error as { message: string }).message).toMatch(/disk is full/i);
    expect(job.phases).toContain('copying');
    expect(readdirSync(parent)).toEqual([]);

    // With room, the same plan completes.
    const done = await runExport(core.context, fakeJob(), prepared, fillingDisk(100));
    expect(done.total).toBe(6);
    expect(readdirSync(parent)).toEqual(['dataset']);
  });
});
