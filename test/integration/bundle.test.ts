/**
 * Offline bundles between real libraries: a real SD-card import (sharp, onnxruntime) on
 * laptop A, a bundle file carried to laptop B, decisions on both, bundles back and forth.
 * Nothing is lost, nothing is duplicated, both laptops converge, and the photo two people
 * labeled differently is listed as a conflict on both with both decisions in its history.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../electron/core/app.js';
import { serializeError } from '../../electron/core/errors.js';
import { originalPath, thumbPath } from '../../electron/core/library/database.js';
import { makeSdCard } from '../fixtures/sd-card.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const TORCH_MODEL = path.resolve('test/fixtures/models/torch-style');
const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

async function laptop(reviewer: string): Promise<Core> {
  const core = await createCore({
    libraryDir: tempDir(),
    defaultModelDirs: [TORCH_MODEL],
    defaultReviewer: reviewer,
  });
  cores.push(core);
  return core;
}

function count(core: Core, table: string): number {
  return core.context.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
}

function idOf(core: Core, sha: string): number {
  return core.context.db
    .prepare('SELECT id FROM images WHERE sha256 = ?')
    .pluck()
    .get(sha) as number;
}

/** sha256 -> current label, the whole library. */
function labelsBySha(core: Core): Record<string, string> {
  const rows = core.context.db
    .prepare('SELECT i.sha256, l.label FROM labels l JOIN images i ON i.id = l.image_id')
    .all() as { sha256: string; label: string }[];
  return Object.fromEntries(rows.map((r) => [r.sha256, r.label]).sort());
}

function eventUids(core: Core): string[] {
  return core.context.db
    .prepare('SELECT event_uid FROM label_events ORDER BY event_uid')
    .pluck()
    .all() as string[];
}

async function conflictShas(core: Core): Promise<string[]> {
  const page = await core.invoke('library.list', { filter: { conflict: true }, limit: 100 });
  return page.items.map((i) => i.sha256).sort();
}

async function carry(from: Core, importId: number, to: Core, dir: string, name: string) {
  const file = path.join(dir, name);
  const written = await from.invoke('bundle.export', { importIds: [importId], file });
  const merged = await to.invoke('bundle.import', { file });
  return { written, merged };
}

describe('offline bundles between two libraries', () => {
  it('merge photos, predictions and label events with no loss and no duplicates', async () => {
    const stick = tempDir('usb-stick-');
    const card = await makeSdCard(tempDir('card-'), { photos: 8, width: 160, height: 120 });
    const a = await laptop('ana');
    const b = await laptop('bruno');
    const started = await a.invoke('ingest.start', { source: card.root });
    const job = await a.invoke('jobs.wait', { jobId: started.jobId, timeoutMs: 120_000 });
    expect(job.status).toBe('done');
    const shas = card.photos.map((p) => p.sha256);
    const [s1, s2, s3, s4, s5] = shas as [string, string, string, string, string];
    await a.invoke('review.setLabel', { imageIds: [idOf(a, s1), idOf(a, s2)], label: 'clear' });
    await a.invoke('review.setLabel', { imageIds: [idOf(a, s3)], label: 'clogged' });

    // A -> B: everything arrives once.
    const first = await carry(a, started.importId, b, stick, 'a-to-b.idbundle');
    expect(first.written.photos).toBe(card.photos.length);
    expect(first.merged).toMatchObject({
      imagesAdded: card.photos.length,
      eventsAdded: 3,
      predictionsAdded: count(a, 'predictions'),
      conflicts: 0,
    });
    for (const sha of shas) {
      const row = b.context.db.prepare('SELECT ext FROM images WHERE sha256 = ?').get(sha) as {
        ext: string;
      };
      const file = originalPath(b.context.paths, sha, row.ext);
      expect(statSync(file).size).toBe(card.photos.find((p) => p.sha256 === sha)!.sizeBytes);
      expect(existsSync(thumbPath(b.context.paths, sha))).toBe(true);
    }
    expect(labelsBySha(b)).toEqual(labelsBySha(a));
    expect(eventUids(b)).toEqual(eventUids(a));
    const history = await b.invoke('review.history', { imageId: idOf(b, s1) });
    expect(history.map((e) => [e.reviewer, e.newLabel])).toEqual([['ana', 'clear']]);

    // The same bundle again changes nothing.
    const tables = ['images', 'imports', 'predictions', 'labels', 'label_events', 'models'];
    const before = tables.map((t) => count(b, t));
    const again = await b.invoke('bundle.import', { file: first.written.file });
    expect(again).toMatchObject({ imagesAdded: 0, eventsAdded: 0, predictionsAdded: 0 });
    expect(tables.map((t) => count(b, t))).toEqual(before);

    // Offline, both laptops decide: B corrects photo 3 having seen Ana's label; both
    // label photo 4 without seeing each other, differently; both agree on photo 5.
    await b.invoke('review.setLabel', { imageIds: [idOf(b, s3)], label: 'clear' });
    await b.invoke('review.setLabel', { imageIds: [idOf(b, s4)], label: 'clear' });
    await a.invoke('review.setLabel', { imageIds: [idOf(a, s4)], label: 'clogged' });
    await a.invoke('review.setLabel', { imageIds: [idOf(a, s5)], label: 'clogged' });
    await b.invoke('review.setLabel', { imageIds: [idOf(b, s5)], label: 'clogged' });

    const bImport = b.context.db
      .prepare('SELECT import_id FROM images WHERE sha256 = ?')
      .pluck()
      .get(s1) as number;
    const back = await carry(b, bImport, a, stick, 'b-to-a.idbundle');
    expect(back.merged).toMatchObject({ imagesAdded: 0, eventsAdded: 3, conflicts: 1 });
    const forth = await carry(a, started.importId, b, stick, 'a-to-b-2.idbundle');
    expect(forth.merged).toMatchObject({ imagesAdded: 0, eventsAdded: 2, conflicts: 1 });

    // Converged: same events, same labels, the same one conflict.
    expect(eventUids(a)).toEqual(eventUids(b));
    expect(new Set(eventUids(a)).size).toBe(8);
    expect(labelsBySha(a)).toEqual(labelsBySha(b));
    expect(labelsBySha(a)[s3]).toBe('clear');
    expect(await conflictShas(a)).toEqual([s4]);
    expect(await conflictShas(b)).toEqual([s4]);
    expect(await a.invoke('library.count', { filter: { conflict: true } })).toEqual({ total: 1 });
    for (const core of [a, b]) {
      const h = await core.invoke('review.history', { imageId: idOf(core, s4) });
      expect(h.map((e) => `${e.reviewer}:${e.newLabel}`).sort()).toEqual([
        'ana:clogged',
        'bruno:clear',
      ]);
    }

    // Ana resolves the conflict by choosing the label; Bruno gets the resolution.
    await a.invoke('review.setLabel', { imageIds: [idOf(a, s4)], label: 'clogged' });
    expect(await conflictShas(a)).toEqual([]);
    const resolved = await carry(a, started.importId, b, stick, 'a-to-b-3.idbundle');
    expect(resolved.merged).toMatchObject({ eventsAdded: 1, conflicts: 0 });
    expect(await conflictShas(b)).toEqual([]);
    expect(labelsBySha(b)[s4]).toBe('clogged');
    expect(labelsBySha(a)).toEqual(labelsBySha(b));

    // Undo on B reverts only Bruno's own last decision, never Ana's merged one.
    const undone = await b.invoke('review.undo', {});
    expect(undone.imageIds).toEqual([idOf(b, s5)]);
  });

  it('refuses a damaged or foreign file, saying what to do, and changes nothing', async () => {
    const b = await laptop('bruno');
    const dir = tempDir('usb-stick-');
    const notBundle = path.join(dir, 'photo.jpg');
    writeFileSync(notBundle, Buffer.alloc(2048, 7));
    const damaged = await b.invoke('bundle.import', { file: notBundle }).catch(serializeError);
    expect(damaged).toMatchObject({ code: 'BUNDLE_INVALID', messageKey: 'bundle.damaged' });
    const missing = await b
      .invoke('bundle.import', { file: path.join(dir, 'nope.idbundle') })
      .catch(serializeError);
    expect(missing).toMatchObject({ code: 'NOT_FOUND', messageKey: 'bundle.fileNotFound' });
    const unknown = await b
      .invoke('bundle.export', { importIds: [99], file: path.join(dir, 'x.idbundle') })
      .catch(serializeError);
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', messageKey: 'bundle.unknownImport' });
    expect(count(b, 'images')).toBe(0);
  });
});
