/**
 * The 100,000-photo library of the query, browser and memory figures: synthetic rows
 * (50 imports of 2,000 tube photos, the active model's and an older model's
 * predictions with a trained model's confidence distribution, 20% reviewed with label
 * history, some relabeled twice) inserted with the test fixture's bulk loader, and a
 * real WebP thumbnail behind every row (200 rendered scenes, hard-linked, so the grid
 * loads real images without rendering 100,000 of them).
 *
 * Built once into bench/.work/libraries/, keyed by the schema version and this
 * generator's version; each run works on a copy of the database (the browser review
 * writes labels) with the thumbnails shared through a symlink.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import {
  libraryPaths,
  openDatabase,
  thumbPath,
  type Db,
} from '../../electron/core/library/database.js';
import { migrations } from '../../electron/core/library/migrations.js';
import {
  DEFAULT_MODEL,
  insertFakeModel,
  insertImageRows,
  insertImport,
  makeImages,
  scoresFor,
  type FakeModel,
  type SyntheticImage,
} from '../../test/fixtures/library-rows.js';
import { RUNS_DIR, WORK_DIR } from '../lib/paths.js';
import { renderThumbnail } from './scene.js';

/** Bump when the generated rows change. */
export const LIBRARY_GENERATOR_VERSION = 1;

const PHOTOS_PER_IMPORT = 2_000;
const DISTINCT_THUMBNAILS = 200;
const REVIEWED_FRACTION = 0.2;
/** Share of reviewed photos relabeled once more (two decisions in their history). */
const RELABELED_FRACTION = 0.1;
const REVIEWER = 'bench';

const ACTIVE_MODEL: FakeModel = DEFAULT_MODEL;
const OLDER_MODEL: FakeModel = { id: 'pipe-obstruction@0.9.0', labels: DEFAULT_MODEL.labels };

export interface BenchLibrary {
  dir: string;
  photos: number;
  labels: string[];
  activeModelId: string;
  otherModelId: string;
  importIds: number[];
  reviewed: number;
  buildS: number;
}

/**
 * Schema version and a hash of the migrations' text: a migration edited before it ships
 * changes the indexes the queries use, so the cached library must be rebuilt then too.
 */
function libraryKey(photos: number): string {
  const schema = createHash('sha256').update(migrations.join('\n')).digest('hex').slice(0, 8);
  return `v${LIBRARY_GENERATOR_VERSION}-schema${migrations.length}-${schema}-n${photos}`;
}

/**
 * A trained model is mostly sure of itself: maps the fixture's uniform confidence
 * (0.5..1) to a distribution where ~60% of photos are above 0.9 and ~15% below 0.7.
 */
function skewConfidence(images: SyntheticImage[]): void {
  for (const image of images) {
    for (const p of image.predictions) {
      const u = (p.confidence - 0.5) / 0.5;
      const skewed = Math.round((0.5 + 0.5 * (1 - (1 - u) ** 3)) * 1000) / 1000;
      p.confidence = skewed;
      p.scores = scoresFor(DEFAULT_MODEL.labels, p.label, skewed);
    }
  }
}

/** Label history: one decision per reviewed photo, two for some (set, then corrected). */
function insertLabelHistory(db: Db): number {
  const rows = db
    .prepare(
      `SELECT l.image_id AS imageId, l.label, l.reviewed_at AS at, p.label AS predicted
       FROM labels l LEFT JOIN predictions p ON p.image_id = l.image_id AND p.model_id = ?
       ORDER BY l.reviewed_at, l.image_id`,
    )
    .all(ACTIVE_MODEL.id) as {
    imageId: number;
    label: string;
    at: string;
    predicted: string | null;
  }[];
  const insert = db.prepare(
    `INSERT INTO label_events (decision_id, image_id, old_label, new_label, reviewer, at, model_id, kind)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  let decision = 0;
  db.transaction(() => {
    rows.forEach((row, i) => {
      let old: string | null = null;
      if (i % Math.round(1 / RELABELED_FRACTION) === 0) {
        const first = DEFAULT_MODEL.labels.find((l) => l !== row.label)!;
        const earlier = new Date(Date.parse(row.at) - 60_000).toISOString();
        insert.run(++decision, row.imageId, null, first, REVIEWER, earlier, ACTIVE_MODEL.id, 'set');
        old = first;
      }
      const kind = old === null && row.label === row.predicted ? 'accept' : 'set';
      insert.run(++decision, row.imageId, old, row.label, REVIEWER, row.at, ACTIVE_MODEL.id, kind);
    });
  })();
  return rows.length;
}

/** Gives every photo a real thumbnail file (hard links to a few rendered ones). */
async function linkThumbnails(dir: string, db: Db): Promise<void> {
  const paths = libraryPaths(dir);
  const poolDir = path.join(dir, 'thumb-pool');
  mkdirSync(poolDir, { recursive: true });
  const pool: string[] = [];
  for (let i = 0; i < DISTINCT_THUMBNAILS; i++) {
    const file = path.join(poolDir, `${i}.webp`);
    writeFileSync(file, await renderThumbnail(i));
    pool.push(file);
  }
  const shas = db.prepare('SELECT sha256 FROM images ORDER BY id').pluck().all() as string[];
  const made = new Set<string>();
  shas.forEach((sha, i) => {
    const target = thumbPath(paths, sha);
    const folder = path.dirname(target);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    linkSync(pool[i % pool.length]!, target);
  });
}

async function build(dir: string, photos: number): Promise<Omit<BenchLibrary, 'dir' | 'buildS'>> {
  const { db } = openDatabase(dir);
  try {
    insertFakeModel(db, OLDER_MODEL, { addedAt: '2025-11-01T00:00:00.000Z' });
    insertFakeModel(db, ACTIVE_MODEL, { activate: true, addedAt: '2026-01-15T00:00:00.000Z' });
    const importIds: number[] = [];
    const imports = Math.ceil(photos / PHOTOS_PER_IMPORT);
    for (let c = 0; c < imports; c++) {
      const count = Math.min(PHOTOS_PER_IMPORT, photos - c * PHOTOS_PER_IMPORT);
      const day = new Date(Date.UTC(2026, 0, 5) + c * 86_400_000);
      const images = makeImages({
        count,
        seed: c + 1,
        // 1% of the newest imports not classified by the active model yet.
        models: [{ ...ACTIVE_MODEL, coverage: c === imports - 1 ? 0.5 : 1 }, OLDER_MODEL],
        reviewedFraction: c === imports - 1 ? 0 : REVIEWED_FRACTION,
        reviewer: REVIEWER,
        tubeFraction: 0.9,
        start: new Date(day.getTime() + 8 * 3_600_000),
      });
      skewConfidence(images);
      const importId = insertImport(db, {
        source: `/media/inspector/ROBOT-SD/run-${String(c + 1).padStart(2, '0')}`,
        startedAt: new Date(day.getTime() + 18 * 3_600_000).toISOString(),
      });
      insertImageRows(db, images, {
        importId,
        importedAt: new Date(day.getTime() + 18 * 3_600_000).toISOString(),
      });
      importIds.push(importId);
    }
    const reviewed = insertLabelHistory(db);
    await linkThumbnails(dir, db);
    db.pragma('wal_checkpoint(TRUNCATE)');
    return {
      photos,
      labels: [...ACTIVE_MODEL.labels],
      activeModelId: ACTIVE_MODEL.id,
      otherModelId: OLDER_MODEL.id,
      importIds,
      reviewed,
    };
  } finally {
    db.close();
  }
}

/** The cached library of `photos` photos, built when missing. */
export async function ensureLibrary(
  photos: number,
  log: (line: string) => void,
): Promise<BenchLibrary> {
  const root = path.join(WORK_DIR, 'libraries');
  const dir = path.join(root, libraryKey(photos));
  const infoFile = `${dir}.json`;
  if (existsSync(infoFile) && existsSync(path.join(dir, 'library.sqlite'))) {
    return { ...(JSON.parse(readFileSync(infoFile, 'utf8')) as BenchLibrary), dir };
  }
  log(`building the ${photos}-photo library (cached afterwards)...`);
  const started = performance.now();
  const building = `${dir}.building`;
  rmSync(building, { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  const built = await build(building, photos);
  renameSync(building, dir);
  const info: BenchLibrary = { ...built, dir, buildS: (performance.now() - started) / 1000 };
  writeFileSync(infoFile, `${JSON.stringify(info, null, 2)}\n`);
  log(`  built in ${Math.round(info.buildS)} s`);
  return info;
}

let copies = 0;

/**
 * A working copy of the library for one run: its own database file (reviews write to
 * it), the cached thumbnails through a symlink.
 */
export function libraryRunCopy(library: BenchLibrary): string {
  const dir = path.join(RUNS_DIR, `library-${process.pid}-${++copies}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  copyFileSync(path.join(library.dir, 'library.sqlite'), path.join(dir, 'library.sqlite'));
  symlinkSync(path.join(library.dir, 'thumbs'), path.join(dir, 'thumbs'), 'dir');
  return dir;
}
