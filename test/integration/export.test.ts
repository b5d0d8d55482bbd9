import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import { serializeError } from '../../electron/core/errors.js';
import { originalPath } from '../../electron/core/library/database.js';
import { parseCsv } from '../helpers/csv.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import {
  DEFAULT_MODEL,
  insertFakeModel,
  insertImageRows,
  insertImport,
  makeImages,
  writeImageFiles,
  type SyntheticImage,
} from '../fixtures/library-rows.js';

const tempDir = useTempDirs();
const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});

type LabelsRow = Record<
  | 'path'
  | 'label'
  | 'predicted'
  | 'confidence'
  | 'model'
  | 'reviewer'
  | 'reviewed_at'
  | 'sha256'
  | 'split'
  | 'source_path'
  | 'captured_at'
  | 'tube_row'
  | 'tube_col',
  string
>;
type MetadataRow = Record<'file_name' | 'label' | 'split', string>;

function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Every file below `dir`, relative, "/"-separated. */
function filesBelow(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesBelow(path.join(dir, entry.name), `${prefix}${entry.name}/`)
      : [`${prefix}${entry.name}`],
  );
}

interface Library {
  core: Core;
  images: (SyntheticImage & { id: number })[];
}

const TRICKY_NAMES = ['../../etc/passwd.jpg', '..\\x.jpg', 'tubo, "lado A".JPG', '.hidden.jpg'];

/**
 * 24 photos with real files: tube photos, tricky names from a hostile card, reviewed and
 * model-only labels, two unclassified photos (one reviewed).
 */
async function openLibrary(count = 24): Promise<Library> {
  const dir = tempDir();
  const core = await createCore({ libraryDir: dir, defaultModelDirs: [] });
  cores.push(core);
  const db = core.context.db;
  insertFakeModel(db, DEFAULT_MODEL, { activate: true });
  const images = makeImages({ count, seed: 3, reviewedFraction: 0.5, tubeFraction: 0.6 });
  TRICKY_NAMES.forEach((name, i) => {
    const image = images[i] as SyntheticImage;
    image.originalName = name;
    image.sourcePath = `DCIM/${name}`;
  });
  (images[count - 1] as SyntheticImage).predictions = [];
  (images[count - 1] as SyntheticImage).label = null;
  (images[count - 2] as SyntheticImage).predictions = [];
  (images[count - 2] as SyntheticImage).label = {
    label: 'scaled',
    reviewer: 'Ana',
    reviewedAt: '2026-03-13T09:00:00.000Z',
  };
  await writeImageFiles(core.context.paths, images);
  const importId = insertImport(db, { source: path.join(dir, '..', 'sdcard-never-written') });
  const ids = insertImageRows(db, images, { importId });
  return { core, images: images.map((image, i) => ({ ...image, id: ids[i] as number })) };
}

async function exportTo(
  core: Core,
  options: Parameters<Core['invoke']>[1] & object,
): Promise<ExportResult> {
  const { jobId } = await core.invoke('export.start', options as never);
  const job = await core.invoke('jobs.wait', { jobId, timeoutMs: 60_000 });
  expect(job.error).toBeNull();
  expect(job.status).toBe('done');
  return job.result as ExportResult;
}

function effectiveLabel(image: SyntheticImage): string | null {
  return image.label?.label ?? image.predictions[0]?.label ?? null;
}

describe('export', () => {
  it('writes an ImageFolder tree, metadata.csv, labels.csv, manifest.json and report.html', async () => {
    const lib = await openLibrary();
    const dest = path.join(tempDir(), 'dataset');
    const plan = await lib.core.invoke('export.preview', { dest });
    expect(existsSync(dest)).toBe(false);
    const result = await exportTo(lib.core, { dest });
    expect(result).toMatchObject({ total: plan.total, counts: plan.counts, unlabeled: 1 });

    const labeled = lib.images.filter((i) => effectiveLabel(i) !== null);
    expect(result.total).toBe(labeled.length);
    const perLabel: Record<string, number> = {};
    for (const image of labeled) {
      const label = effectiveLabel(image) as string;
      perLabel[label] = (perLabel[label] ?? 0) + 1;
    }
    expect(result.counts).toEqual({ all: perLabel });
    const folders = Object.keys(perLabel).sort();
    expect(readdirSync(dest).sort()).toEqual(
      [...folders, 'labels.csv', 'manifest.json', 'metadata.csv', 'report.html'].sort(),
    );
    expect(result.files).toEqual([
      ...folders.map((f) => `${f}/`),
      'metadata.csv',
      'labels.csv',
      'manifest.json',
      'report.html',
    ]);

    // Every photo once, in its label's folder, byte for byte the original.
    const labels = parseCsv<keyof LabelsRow>(readFileSync(path.join(dest, 'labels.csv'), 'utf8'));
    expect(labels).toHaveLength(labeled.length);
    expect(new Set(labels.map((r) => r.sha256)).size).toBe(labels.length);
    const images = filesBelow(dest).filter((f) => f.endsWith('.jpg'));
    expect(images.sort()).toEqual(labels.map((r) => r.path).sort());
    for (const row of labels) {
      const image = lib.images.find((i) => i.sha256 === row.sha256) as SyntheticImage;
      expect(row.path.split('/')[0]).toBe(effectiveLabel(image));
      expect(row.label).toBe(effectiveLabel(image));
      expect(sha256Of(path.join(dest, row.path))).toBe(row.sha256);
      expect(row.source_path).toBe(image.sourcePath);
      expect(row.predicted).toBe(image.predictions[0]?.label ?? '');
      expect(row.model).toBe(image.predictions.length ? DEFAULT_MODEL.id : '');
      expect(row.reviewer).toBe(image.label?.reviewer ?? '');
      expect(row.reviewed_at).toBe(image.label?.reviewedAt ?? '');
      expect(row.tube_row).toBe(image.tubeRow === null ? '' : String(image.tubeRow));
    }
    // The comma-and-quote name survives the round trip.
    expect(labels.map((r) => r.source_path)).toContain('DCIM/tubo, "lado A".JPG');

    const metadata = parseCsv<keyof MetadataRow>(
      readFileSync(path.join(dest, 'metadata.csv'), 'utf8'),
    );
    expect(metadata).toHaveLength(labeled.length);
    for (const row of metadata) {
      expect(existsSync(path.join(dest, row.file_name))).toBe(true);
      expect(row.file_name.split('/')[0]).toBe(row.label);
    }

    const manifest = JSON.parse(readFileSync(path.join(dest, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      counts: { all: perLabel },
      totals: { images: labeled.length, unlabeled: 1 },
      models: [{ id: DEFAULT_MODEL.id, version: '1.0.0' }],
      options: { reviewedOnly: false, split: null },
    });
    expect(manifest.models[0].fileSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.app.version).toMatch(/^\d+\.\d+\.\d+/);

    // Nothing but the export itself next to it: no partial folder left behind.
    expect(readdirSync(path.dirname(dest))).toEqual(['dataset']);
  });

  it('keeps hostile file names inside the export folder', async () => {
    const lib = await openLibrary();
    const dest = path.join(tempDir(), 'out');
    await exportTo(lib.core, { dest });
    const root = realpathSync(dest);
    const files = filesBelow(dest);
    for (const file of files) {
      expect(realpathSync(path.join(dest, file)).startsWith(root + path.sep)).toBe(true);
      expect(path.basename(file)).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]*$/);
    }
    const names = files.map((f) => path.basename(f));
    const shaOf = (name: string) =>
      (lib.images.find((i) => i.originalName === name) as SyntheticImage).sha256.slice(0, 12);
    expect(names).toContain(`passwd_${shaOf('../../etc/passwd.jpg')}.jpg`);
    expect(names).toContain(`x_${shaOf('..\\x.jpg')}.jpg`);
    expect(names).toContain(`hidden_${shaOf('.hidden.jpg')}.jpg`);
    expect(names).toContain(`tubo_lado_A_${shaOf('tubo, "lado A".JPG')}.jpg`);
  });

  it('splits train/val/test deterministically, keeping a tube on one side', async () => {
    const lib = await openLibrary(60);
    const split = { train: 60, val: 20, test: 20 };
    const first = path.join(tempDir(), 'a');
    const second = path.join(tempDir(), 'b');
    const plan = await lib.core.invoke('export.preview', { dest: first, split });
    const result = await exportTo(lib.core, { dest: first, split });
    await exportTo(lib.core, { dest: second, split, formats: ['labels-csv'] });
    expect(result.counts).toEqual(plan.counts);
    expect(Object.keys(result.counts).sort()).toEqual(['test', 'train', 'val']);

    const a = parseCsv<keyof LabelsRow>(readFileSync(path.join(first, 'labels.csv'), 'utf8'));
    const b = parseCsv<keyof LabelsRow>(readFileSync(path.join(second, 'labels.csv'), 'utf8'));
    const splitOf = (rows: LabelsRow[]) => Object.fromEntries(rows.map((r) => [r.sha256, r.split]));
    expect(splitOf(b)).toEqual(splitOf(a));
    for (const row of a) expect(row.path.startsWith(`${row.split}/${row.label}/`)).toBe(true);
    const tubeSplits = new Map<string, Set<string>>();
    for (const row of a) {
      if (!row.tube_row) continue;
      const key = `${row.tube_row}:${row.tube_col}`;
      tubeSplits.set(key, (tubeSplits.get(key) ?? new Set()).add(row.split as string));
    }
    for (const splits of tubeSplits.values()) expect(splits.size).toBe(1);
    const metadata = parseCsv<keyof MetadataRow>(
      readFileSync(path.join(first, 'metadata.csv'), 'utf8'),
    );
    expect(metadata.every((r) => r.file_name.startsWith(`${r.split}/`))).toBe(true);
    // labels.csv only: no photos copied, empty paths, same splits.
    expect(readdirSync(second).sort()).toEqual(['labels.csv', 'manifest.json', 'report.html']);
    expect(b.every((r) => r.path === '')).toBe(true);
  });

  it('keeps augmented copies of one source photo (Roboflow names) on one side', async () => {
    const lib = await openLibrary(60);
    const untubed = lib.images.filter((image) => image.tubeRow === null);
    expect(untubed.length).toBeGreaterThan(12);
    // Copies of 6 source photos, named as Roboflow exports them.
    const rename = lib.core.context.db.prepare('UPDATE images SET original_name = ? WHERE id = ?');
    untubed.forEach((image, i) => {
      const hash = createHash('md5').update(String(i)).digest('hex');
      rename.run(`${i % 6}_jpg.rf.${hash}.jpg`, image.id);
    });
    const dest = path.join(tempDir(), 'split');
    await exportTo(lib.core, { dest, split: { train: 50, val: 25, test: 25 } });
    const rows = parseCsv<keyof LabelsRow>(readFileSync(path.join(dest, 'labels.csv'), 'utf8'));
    const sourceOfSha = new Map(untubed.map((image, i) => [image.sha256, String(i % 6)] as const));
    const sides = new Map<string, Set<string>>();
    for (const row of rows) {
      const source = sourceOfSha.get(row.sha256);
      if (source !== undefined) sides.set(source, (sides.get(source) ?? new Set()).add(row.split));
    }
    expect(sides.size).toBe(6);
    for (const [source, splits] of sides) expect([source, splits.size]).toEqual([source, 1]);
  });

  it('exports only reviewed photos, under the reviewer label, when asked', async () => {
    const lib = await openLibrary();
    const dest = path.join(tempDir(), 'reviewed');
    const result = await exportTo(lib.core, { dest, reviewedOnly: true });
    const reviewed = lib.images.filter((i) => i.label !== null);
    expect(result.total).toBe(reviewed.length);
    const rows = parseCsv<keyof LabelsRow>(readFileSync(path.join(dest, 'labels.csv'), 'utf8'));
    expect(rows.map((r) => [r.sha256, r.label]).sort()).toEqual(
      reviewed.map((i) => [i.sha256, i.label?.label]).sort(),
    );
    expect(rows.map((r) => r.label)).toContain('scaled');
  });

  it('applies the grid filter to what is exported', async () => {
    const lib = await openLibrary();
    const dest = path.join(tempDir(), 'obstructed');
    const result = await exportTo(lib.core, { dest, filter: { label: 'obstructed' } });
    const expected = lib.images.filter((i) => effectiveLabel(i) === 'obstructed');
    expect(result.counts).toEqual({ all: { obstructed: expected.length } });
  });

  it('reports flagged tubes with their positions and photos', async () => {
    const lib = await openLibrary();
    const dest = path.join(tempDir(), 'report');
    await lib.core.invoke('settings.set', { language: 'en' });
    await exportTo(lib.core, { dest });
    const html = readFileSync(path.join(dest, 'report.html'), 'utf8');
    expect(html).toContain('Inspection report');
    // Dates as the reader's clock shows them, never raw UTC ISO text.
    expect(html).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const flaggedTube = lib.images.find(
      (i) => i.tubeRow !== null && effectiveLabel(i) === 'obstructed',
    ) as SyntheticImage;
    expect(flaggedTube).toBeDefined();
    expect(html).toContain(`row ${flaggedTube.tubeRow}, column ${flaggedTube.tubeCol}`);
    const sources = [...html.matchAll(/<img[^>]* src="([^"]+)"/g)].map((m) =>
      decodeURIComponent(m[1] as string),
    );
    expect(sources.length).toBeGreaterThan(0);
    for (const src of sources) expect(existsSync(path.join(dest, src))).toBe(true);

    await lib.core.invoke('settings.set', { language: 'pt-BR' });
    const pt = path.join(tempDir(), 'relatorio');
    await exportTo(lib.core, { dest: pt, formats: ['labels-csv'] });
    expect(readFileSync(path.join(pt, 'report.html'), 'utf8')).toContain('Relatório de inspeção');
  });
});

describe('export refuses what would lose or mix data', () => {
  it('refuses a folder that is not empty, a file, and a folder inside the library', async () => {
    const lib = await openLibrary(4);
    const full = tempDir();
    writeFileSync(path.join(full, 'notes.txt'), 'mine');
    const notEmpty = await lib.core.invoke('export.start', { dest: full }).catch(serializeError);
    expect(notEmpty).toMatchObject({ code: 'DEST_NOT_EMPTY' });
    expect((notEmpty as { message: string }).message).toContain('not empty');
    expect(readdirSync(full)).toEqual(['notes.txt']);
    const file = path.join(full, 'notes.txt');
    expect(
      await lib.core.invoke('export.preview', { dest: file }).catch(serializeError),
    ).toMatchObject({ code: 'DEST_NOT_EMPTY' });
    const inside = path.join(lib.core.context.paths.root, 'exports');
    expect(
      await lib.core.invoke('export.start', { dest: inside }).catch(serializeError),
    ).toMatchObject({ code: 'DEST_INSIDE_SOURCE' });
    expect(existsSync(inside)).toBe(false);
    // An empty existing folder is fine.
    const empty = tempDir();
    const result = await exportTo(lib.core, { dest: empty });
    expect(readdirSync(empty).length).toBeGreaterThan(0);
    expect(result.total).toBeGreaterThan(0);
  });

  it('refuses a label that cannot be a folder, but exports it in labels.csv', async () => {
    const lib = await openLibrary(4);
    const id = lib.images[0]?.id as number;
    // As a model's label or an old library could carry it: the contract would refuse it.
    lib.core.context.db
      .prepare(
        "INSERT OR REPLACE INTO labels (image_id, label, reviewer, reviewed_at) VALUES (?, ?, 'x', '2026-01-01')",
      )
      .run(id, 'blocked, "partly"');
    const folders = await lib.core
      .invoke('export.start', { dest: path.join(tempDir(), 'x') })
      .catch(serializeError);
    expect(folders).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((folders as { message: string }).message).toContain('blocked, "partly"');
    const dest = path.join(tempDir(), 'csv-only');
    await exportTo(lib.core, { dest, formats: ['labels-csv'] });
    const rows = parseCsv<keyof LabelsRow>(readFileSync(path.join(dest, 'labels.csv'), 'utf8'));
    expect(rows.map((r) => r.label)).toContain('blocked, "partly"');
  });

  it('leaves nothing behind when cancelled or when an original is missing', async () => {
    const lib = await openLibrary(8);
    const parent = tempDir();
    const dest = path.join(parent, 'cancelled');
    const { jobId } = await lib.core.invoke('export.start', { dest });
    await lib.core.invoke('jobs.cancel', { jobId });
    const cancelled = await lib.core.invoke('jobs.wait', { jobId, timeoutMs: 30_000 });
    expect(cancelled.status).toBe('cancelled');
    expect(readdirSync(parent)).toEqual([]);

    const victim = lib.images[2] as SyntheticImage;
    rmSync(originalPath(lib.core.context.paths, victim.sha256, 'jpg'));
    const broken = await lib.core.invoke('export.start', { dest });
    const failed = await lib.core.invoke('jobs.wait', { jobId: broken.jobId, timeoutMs: 30_000 });
    expect(failed.status).toBe('failed');
    expect(failed.error?.code).toBe('NOT_FOUND');
    expect(failed.error?.message).toContain(victim.originalName);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses to write into an imported SD card folder', async () => {
    const lib = await openLibrary(6);
    const card = tempDir();
    mkdirSync(path.join(card, 'DCIM'));
    lib.core.context.db
      .prepare("INSERT INTO imports (source, status, started_at) VALUES (?, 'done', '2026-01-01')")
      .run(card);
    const error = await lib.core
      .invoke('export.preview', { dest: path.join(card, 'export') })
      .catch(serializeError);
    expect(error).toMatchObject({ code: 'DEST_INSIDE_SOURCE' });
    expect(readdirSync(card)).toEqual(['DCIM']);
  });
});
