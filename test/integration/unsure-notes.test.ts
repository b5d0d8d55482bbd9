/**
 * "Unsure / skip" answers and photo notes (issue 11) on the real SQLite file: the answer
 * is a decision (history, one decision per call, undo puts the earlier label back, redo),
 * it carries no label so counts and exports stay honest, the grid filter and its counts
 * agree, notes keep every change, both reach labels.csv and metadata.csv properly quoted,
 * `reviewedOnly` leaves unsure photos out unless asked for, and bundles carry both to
 * another laptop idempotently.
 */
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UNSURE_ANSWER, type ExportResult } from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import { serializeError } from '../../electron/core/errors.js';
import { migrate } from '../../electron/core/library/database.js';
import { migrations } from '../../electron/core/library/migrations.js';
import {
  DEFAULT_MODEL,
  insertFakeModel,
  insertImageRows,
  insertImport,
  makeImages,
  writeImageFiles,
} from '../fixtures/library-rows.js';
import { parseCsv } from '../helpers/csv.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

/** A note an inspector might write: commas, quotes, two lines, pt-BR accents. */
const NOTE = 'Tubo com "mancha" escura, talvez óleo;\nrever com lanterna — não é obstrução?';

interface Desk {
  core: Core;
  ids: number[];
  shas: string[];
  importId: number;
}

/**
 * Eight photos with real files, all classified: 1-4 predicted clear, 5-8 obstructed;
 * none reviewed.
 */
async function openDesk(reviewer = 'Ana'): Promise<Desk> {
  const dir = tempDir();
  const core = await createCore({
    libraryDir: dir,
    defaultModelDirs: [],
    defaultReviewer: reviewer,
  });
  cores.push(core);
  const db = core.context.db;
  insertFakeModel(db, DEFAULT_MODEL, { activate: true });
  const images = makeImages({ count: 8, seed: 11, reviewedFraction: 0, tubeFraction: 1 });
  images.forEach((image, i) => {
    image.predictions = [
      {
        modelId: DEFAULT_MODEL.id,
        label: i < 4 ? 'clear' : 'obstructed',
        confidence: 0.6 + i * 0.04,
      },
    ];
  });
  await writeImageFiles(core.context.paths, images);
  const importId = insertImport(db, { source: path.join(dir, '..', 'card-never-written') });
  const ids = insertImageRows(db, images, { importId });
  return { core, ids, shas: images.map((i) => i.sha256), importId };
}

function at(ids: number[], i: number): number {
  return ids[i] as number;
}

async function count(core: Core, filter: Record<string, unknown>): Promise<number> {
  return (await core.invoke('library.count', { filter })).total;
}

async function listedIds(core: Core, filter: Record<string, unknown>): Promise<number[]> {
  const page = await core.invoke('library.list', { filter, limit: 1000 });
  return page.items.map((i) => i.id).sort((a, b) => a - b);
}

/** Grid rows that differ from what the base tables say (the triggers' invariant). */
function gridDrift(core: Core): number {
  return core.context.db
    .prepare(
      `SELECT count(*) FROM review_grid_source s FULL JOIN review_grid g USING (image_id)
       WHERE g.image_id IS NULL OR s.image_id IS NULL OR g.unsure IS NOT s.unsure
          OR g.label IS NOT s.label OR g.reviewed IS NOT s.reviewed`,
    )
    .pluck()
    .get() as number;
}

async function exportTo(core: Core, options: Record<string, unknown>): Promise<ExportResult> {
  const { jobId } = await core.invoke('export.start', options as never);
  const job = await core.invoke('jobs.wait', { jobId, timeoutMs: 60_000 });
  expect(job.error).toBeNull();
  return job.result as ExportResult;
}

describe('unsure answers', () => {
  it('replace the label as one decision, in history; undo puts the label back, redo again', async () => {
    const { core, ids } = await openDesk();
    const [a, b, c] = [at(ids, 0), at(ids, 1), at(ids, 2)];
    await core.invoke('review.setLabel', { imageIds: [a], label: 'obstructed' });

    const marked = await core.invoke('review.markUnsure', { imageIds: [a, b, c] });
    expect(marked.changed).toBe(3);
    const photo = await core.invoke('library.get', { imageId: a });
    // No label anyone vouches for: not reviewed, and the model's label is not the truth.
    expect(photo).toMatchObject({ unsure: true, reviewed: false, label: null });
    expect(photo.unsureBy).toMatchObject({ reviewer: 'Ana' });
    expect(photo.history.map((e) => [e.kind, e.oldLabel, e.newLabel])).toEqual([
      ['set', null, 'obstructed'],
      ['set', 'obstructed', UNSURE_ANSWER],
    ]);
    // One key press, one decision for the three photos.
    const decisions = core.context.db
      .prepare(`SELECT DISTINCT decision_id FROM label_events WHERE new_label = ?`)
      .pluck()
      .all(UNSURE_ANSWER);
    expect(decisions).toEqual([marked.decisionId]);
    expect(gridDrift(core)).toBe(0);

    // Marking again changes nothing and records nothing.
    expect((await core.invoke('review.markUnsure', { imageIds: [a] })).changed).toBe(0);

    const undone = await core.invoke('review.undo', { decisionId: marked.decisionId as number });
    expect(undone.imageIds.sort()).toEqual([a, b, c].sort());
    const back = await core.invoke('library.get', { imageId: a });
    expect(back).toMatchObject({ unsure: false, label: 'obstructed', reviewer: 'Ana' });
    expect((await core.invoke('library.get', { imageId: b })).unsure).toBe(false);
    expect(await count(core, { unsure: true })).toBe(0);

    const redone = await core.invoke('review.redo', { decisionId: marked.decisionId as number });
    expect(redone.imageIds.sort()).toEqual([a, b, c].sort());
    expect(await listedIds(core, { unsure: true })).toEqual([a, b, c].sort((x, y) => x - y));

    // Labeling an unsure photo answers it: the unsure flag goes.
    await core.invoke('review.setLabel', { imageIds: [b], label: 'clear' });
    expect(await core.invoke('library.get', { imageId: b })).toMatchObject({
      unsure: false,
      label: 'clear',
    });
    expect(gridDrift(core)).toBe(0);
  });

  it('counts agree with the lists, and unsure photos are not counted as reviewed', async () => {
    const { core, ids } = await openDesk();
    await core.invoke('review.setLabel', { imageIds: [at(ids, 0), at(ids, 5)], label: 'clear' });
    await core.invoke('review.markUnsure', { imageIds: [at(ids, 1), at(ids, 6)] });
    const filters = [
      { unsure: true },
      { unsure: false },
      { unsure: true, predicted: 'obstructed' },
      { unsure: true, minConfidence: 0.6, maxConfidence: 0.65 },
      { unsure: false, reviewed: false },
      { reviewed: true },
      { reviewed: false },
      { unsure: true, importId: 1 },
    ];
    for (const filter of filters) {
      const listed = await listedIds(core, filter);
      expect(await count(core, filter), JSON.stringify(filter)).toBe(listed.length);
    }
    expect(await listedIds(core, { unsure: true })).toEqual([at(ids, 1), at(ids, 6)]);
    expect(await count(core, { unsure: true, predicted: 'obstructed' })).toBe(1);
    expect(await count(core, { reviewed: true })).toBe(2);
    expect((await core.invoke('library.summary')).reviewed).toBe(2);
    // Every sort finds them (each walks its own partial index).
    for (const sort of ['confidence', 'captured', 'tube', 'imported'] as const) {
      const page = await core.invoke('library.list', { filter: { unsure: true }, sort });
      expect(page.items.map((i) => i.id).sort((x, y) => x - y)).toEqual([at(ids, 1), at(ids, 6)]);
      expect(page.items.every((i) => i.unsure === true)).toBe(true);
    }
    // The bulk preview says how many are unsure before a decision changes them.
    const preview = await core.invoke('review.preview', {
      imageIds: [at(ids, 0), at(ids, 1), at(ids, 6), at(ids, 7)],
    });
    expect(preview.byLabel).toEqual(
      expect.arrayContaining([
        { label: UNSURE_ANSWER, count: 2 },
        { label: 'clear', count: 1 },
        { label: null, count: 1 },
      ]),
    );
  });

  it('refuses an unknown photo, changing nothing', async () => {
    const { core, ids } = await openDesk();
    const error = await core
      .invoke('review.markUnsure', { imageIds: [at(ids, 0), 999] })
      .catch((e: unknown) => serializeError(e));
    expect(error).toMatchObject({ code: 'NOT_FOUND' });
    expect(await count(core, { unsure: true })).toBe(0);
  });
});

describe('photo notes', () => {
  it('keep every change (who, when, old, new), never touched by undo', async () => {
    const { core, ids } = await openDesk();
    const id = at(ids, 3);
    const first = await core.invoke('review.setNote', { imageId: id, text: 'mancha  \r\n' });
    expect(first).toMatchObject({ changed: true, note: { text: 'mancha', author: 'Ana' } });
    expect((await core.invoke('review.setNote', { imageId: id, text: 'mancha' })).changed).toBe(
      false,
    );
    await core.invoke('review.setNote', { imageId: id, text: NOTE, reviewer: 'Bruno' });
    await core.invoke('review.markUnsure', { imageIds: [id] });
    await core.invoke('review.undo');
    expect((await core.invoke('library.get', { imageId: id })).note?.text).toBe(NOTE);
    const cleared = await core.invoke('review.setNote', { imageId: id, text: '   ' });
    expect(cleared).toEqual({ changed: true, note: null });

    const history = await core.invoke('review.noteHistory', { imageId: id });
    expect(history.map((e) => [e.author, e.oldText, e.newText])).toEqual([
      ['Ana', null, 'mancha'],
      ['Bruno', 'mancha', NOTE],
      ['Ana', NOTE, null],
    ]);
    expect(history.every((e) => e.at.startsWith('20'))).toBe(true);
    const detail = await core.invoke('library.get', { imageId: id });
    expect(detail.note).toBeNull();
    expect(detail.noteHistory).toHaveLength(3);
  });

  it('refuses a note longer than the limit, keeping the old one', async () => {
    const { core, ids } = await openDesk();
    await core.invoke('review.setNote', { imageId: at(ids, 0), text: 'curta' });
    const error = await core
      .invoke('review.setNote', { imageId: at(ids, 0), text: 'x'.repeat(4001) })
      .catch((e: unknown) => serializeError(e));
    expect(error).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((await core.invoke('library.get', { imageId: at(ids, 0) })).note?.text).toBe('curta');
  });
});

describe('export of unsure answers and notes', () => {
  async function deskWithAnswers(): Promise<Desk> {
    const desk = await openDesk();
    const { core, ids } = desk;
    await core.invoke('review.setLabel', { imageIds: [at(ids, 0), at(ids, 4)], label: 'clear' });
    await core.invoke('review.markUnsure', { imageIds: [at(ids, 1), at(ids, 5)] });
    await core.invoke('review.setNote', { imageId: at(ids, 0), text: NOTE });
    await core.invoke('review.setNote', { imageId: at(ids, 1), text: '=HYPERLINK("x")' });
    return desk;
  }

  it('--reviewed-only leaves unsure photos out; labels.csv and metadata.csv carry the note', async () => {
    const { core, shas } = await deskWithAnswers();
    const dest = path.join(tempDir(), 'reviewed');
    const plan = await core.invoke('export.preview', { dest, reviewedOnly: true });
    expect(plan.unsure).toEqual({ included: 0, leftOut: 2 });
    const result = await exportTo(core, { dest, reviewedOnly: true });
    expect(result.total).toBe(2);
    expect(readdirSync(dest)).not.toContain('_unsure');

    const labels = parseCsv(readFileSync(path.join(dest, 'labels.csv'), 'utf8'));
    expect(labels.map((r) => r.sha256).sort()).toEqual([shas[0], shas[4]].sort());
    expect(Object.keys(labels[0] ?? {}).slice(-2)).toEqual(['unsure', 'note']);
    const noted = labels.find((r) => r.sha256 === shas[0]);
    expect(noted).toMatchObject({ label: 'clear', unsure: 'false', note: NOTE });
    const metadata = parseCsv(readFileSync(path.join(dest, 'metadata.csv'), 'utf8'));
    expect(metadata.find((r) => r.sha256 === shas[0])).toMatchObject({
      unsure: 'false',
      note: NOTE,
    });
    // The raw text quotes the note (commas, quotes doubled, the line break inside quotes).
    expect(readFileSync(path.join(dest, 'labels.csv'), 'utf8')).toContain(
      '"Tubo com ""mancha"" escura, talvez óleo;\nrever com lanterna — não é obstrução?"',
    );
  });

  it('an export of every photo does not file unsure photos under the model label either', async () => {
    const { core, shas } = await deskWithAnswers();
    const dest = path.join(tempDir(), 'all');
    const result = await exportTo(core, { dest, reviewedOnly: false });
    expect(result.total).toBe(6);
    expect(result.unsure).toEqual({ included: 0, leftOut: 2 });
    const labels = parseCsv(readFileSync(path.join(dest, 'labels.csv'), 'utf8'));
    expect(labels.map((r) => r.sha256)).not.toContain(shas[1]);
    expect(labels.map((r) => r.sha256)).not.toContain(shas[5]);
  });

  it('with includeUnsure, lists them without a label, copied outside the class folders', async () => {
    const { core, shas } = await deskWithAnswers();
    const dest = path.join(tempDir(), 'with-unsure');
    const result = await exportTo(core, {
      dest,
      reviewedOnly: true,
      includeUnsure: true,
      split: { train: 80, val: 10, test: 10 },
    });
    expect(result.total).toBe(4);
    expect(result.unsure).toEqual({ included: 2, leftOut: 0 });
    expect(result.files).toContain('_unsure/');
    const labels = parseCsv(readFileSync(path.join(dest, 'labels.csv'), 'utf8'));
    const unsure = labels.filter((r) => r.unsure === 'true');
    expect(unsure.map((r) => r.sha256).sort()).toEqual([shas[1], shas[5]].sort());
    for (const row of unsure) {
      // No label (train.py skips empty labels), no split, the model's guess kept apart.
      expect(row).toMatchObject({ label: '', split: '', reviewer: '' });
      expect(row.predicted).not.toBe('');
      expect(row.path?.startsWith('_unsure/')).toBe(true);
    }
    // A note a spreadsheet would run as a formula stays text.
    expect(unsure.find((r) => r.sha256 === shas[1])?.note).toBe(`'=HYPERLINK("x")`);
    expect(readdirSync(path.join(dest, '_unsure'))).toHaveLength(2);
    const metadata = parseCsv(readFileSync(path.join(dest, 'metadata.csv'), 'utf8'));
    expect(metadata.filter((r) => r.unsure === 'true')).toHaveLength(2);
    const manifest = JSON.parse(readFileSync(path.join(dest, 'manifest.json'), 'utf8')) as {
      labels: string[];
      totals: { unsure: number };
    };
    expect(manifest.labels).toEqual(['clear']);
    expect(manifest.totals.unsure).toBe(2);
  });
});

describe('unsure answers and notes across laptops (bundles)', () => {
  it('travel in a bundle, merge once, and come back with the other laptop’s changes', async () => {
    const a = await openDesk('Ana');
    await a.core.invoke('review.setLabel', { imageIds: [at(a.ids, 0)], label: 'obstructed' });
    await a.core.invoke('review.markUnsure', { imageIds: [at(a.ids, 0), at(a.ids, 2)] });
    await a.core.invoke('review.setNote', { imageId: at(a.ids, 0), text: NOTE });
    const file = path.join(tempDir(), 'a.idbundle');
    await a.core.invoke('bundle.export', { importIds: [a.importId], file });

    const bDir = tempDir();
    const b = await createCore({ libraryDir: bDir, defaultModelDirs: [], defaultReviewer: 'Bia' });
    cores.push(b);
    insertFakeModel(b.context.db, DEFAULT_MODEL, { activate: true });
    const first = await b.invoke('bundle.import', { file });
    expect(first.imagesAdded).toBe(8);
    expect(first.notesAdded).toBe(1);
    const again = await b.invoke('bundle.import', { file });
    expect(again).toMatchObject({ imagesAdded: 0, eventsAdded: 0, notesAdded: 0 });

    const idOnB = (sha: string) =>
      b.context.db.prepare('SELECT id FROM images WHERE sha256 = ?').pluck().get(sha) as number;
    const photo = await b.invoke('library.get', { imageId: idOnB(a.shas[0] as string) });
    expect(photo).toMatchObject({ unsure: true, label: null, note: { text: NOTE, author: 'Ana' } });
    expect(photo.history.map((e) => e.newLabel)).toEqual(['obstructed', UNSURE_ANSWER]);
    expect(await count(b, { unsure: true })).toBe(2);

    // Bia decides one and edits the note; the bundle goes back to Ana's laptop.
    await b.invoke('review.setLabel', {
      imageIds: [idOnB(a.shas[2] as string)],
      label: 'clear',
    });
    await b.invoke('review.setNote', { imageId: idOnB(a.shas[0] as string), text: 'óleo, ok' });
    const back = path.join(tempDir(), 'b.idbundle');
    const bImport = b.context.db.prepare('SELECT min(id) FROM imports').pluck().get() as number;
    await b.invoke('bundle.export', { importIds: [bImport], file: back });
    const merged = await a.core.invoke('bundle.import', { file: back });
    expect(merged).toMatchObject({ eventsAdded: 1, notesAdded: 1, conflicts: 0 });
    expect(await a.core.invoke('library.get', { imageId: at(a.ids, 2) })).toMatchObject({
      unsure: false,
      label: 'clear',
    });
    const note = await a.core.invoke('library.get', { imageId: at(a.ids, 0) });
    expect(note.note).toMatchObject({ text: 'óleo, ok', author: 'Bia' });
    expect(note.noteHistory?.map((e) => e.newText)).toEqual([NOTE, 'óleo, ok']);
    expect(await count(a.core, { unsure: true })).toBe(1);
    expect(gridDrift(a.core)).toBe(0);
    expect(gridDrift(b)).toBe(0);
  });
});

describe('migration to unsure answers and notes', () => {
  it('keeps a library written before them exact: labels stay, no photo is unsure', async () => {
    const dir = tempDir();
    const db = new Database(path.join(dir, 'library.sqlite'));
    const UNSURE_MIGRATION = migrations.findIndex((sql) =>
      sql.includes('CREATE TABLE unsure_answers'),
    );
    try {
      for (let v = 0; v < UNSURE_MIGRATION; v++) db.exec(migrations[v]!);
      db.pragma(`user_version = ${UNSURE_MIGRATION}`);
      db.exec(`INSERT INTO settings (key, value) VALUES ('deviceId', 'old-laptop')
               ON CONFLICT (key) DO NOTHING`);
      insertFakeModel(db, DEFAULT_MODEL, { activate: true });
      const images = makeImages({ count: 30, seed: 5, reviewedFraction: 0.5 });
      insertImageRows(db, images);
      const labeled = db.prepare('SELECT count(*) FROM labels').pluck().get() as number;
      expect(labeled).toBeGreaterThan(0);

      migrate(db);
      expect(db.prepare('SELECT count(*) FROM labels').pluck().get()).toBe(labeled);
      expect(db.prepare('SELECT count(*) FROM review_grid WHERE unsure = 1').pluck().get()).toBe(0);
      // A photo added after the migration gets its grid row through the re-created view.
      insertImageRows(db, makeImages({ count: 2, seed: 6 }));
    } finally {
      db.close();
    }
    const core = await createCore({ libraryDir: dir, defaultModelDirs: [] });
    cores.push(core);
    expect(gridDrift(core)).toBe(0);
    const some = (await core.invoke('library.list', { limit: 1 })).items[0]!.id;
    await core.invoke('review.markUnsure', { imageIds: [some], reviewer: 'Ana' });
    expect(await count(core, { unsure: true })).toBe(1);
    expect(gridDrift(core)).toBe(0);
  });
});
