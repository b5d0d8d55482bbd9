/**
 * The laptops of the hub scenarios: each a real library (its own folder and SQLite file)
 * with the torch-style test model, plus the few things the scenarios do on them.
 */
import path from 'node:path';
import { afterAll, expect } from 'vitest';
import { createCore, type Core } from '../../electron/core/app.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const TORCH_MODEL = path.resolve('test/fixtures/models/torch-style');

/** `laptop(reviewer)` opens a new library; every one is closed after the file's tests. */
export function useLaptops(): (reviewer: string) => Promise<Core> {
  const tempDir = useTempDirs();
  const cores: Core[] = [];
  afterAll(async () => {
    for (const core of cores.splice(0)) await core.close();
  });
  return async (reviewer) => {
    const core = await createCore({
      libraryDir: tempDir(),
      defaultModelDirs: [TORCH_MODEL],
      defaultReviewer: reviewer,
    });
    cores.push(core);
    return core;
  };
}

/** Imports a card to the end; returns the import's id. */
export async function importCard(core: Core, root: string): Promise<number> {
  const { jobId, importId } = await core.invoke('ingest.start', { source: root });
  const job = await core.invoke('jobs.wait', { jobId, timeoutMs: 120_000 });
  expect(job.status).toBe('done');
  return importId;
}

/** The photo's id in this library (ids differ between laptops; sha256 does not). */
export function idOf(core: Core, sha: string): number {
  return core.context.db
    .prepare('SELECT id FROM images WHERE sha256 = ?')
    .pluck()
    .get(sha) as number;
}

export async function label(core: Core, shas: string[], value: string): Promise<void> {
  await core.invoke('review.setLabel', { imageIds: shas.map((s) => idOf(core, s)), label: value });
}

/** Every labeled photo's label, by sha256: what the laptops must agree on. */
export function labels(core: Core): Record<string, string> {
  const rows = core.context.db
    .prepare('SELECT i.sha256, l.label FROM labels l JOIN images i ON i.id = l.image_id')
    .all() as { sha256: string; label: string }[];
  return Object.fromEntries(rows.map((r) => [r.sha256, r.label]).sort());
}
