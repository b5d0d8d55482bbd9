/**
 * The library's read side: what the review grid, the photo view, the import history and
 * the CLI `list`/`find` show. Queries live in image-query.ts (grid) and
 * image-details.ts (single photos).
 */
import type { ImportSummary, LibraryInfo } from '../../contract.js';
import type { CoreContext, HandlerMap } from '../context.js';
import { readImportSummary } from '../ingest/import-record.js';
import { activeLabelNamesOf, activeModelIdOf, modelLabelsOf } from './active-model.js';
import type { Db } from './database.js';
import { findImages, imageDetail } from './image-details.js';
import { countImages } from './image-count.js';
import { imageIds, listImages } from './image-query.js';
import { cursorAt } from './offset-seek.js';
import { positionOf } from './position-of.js';

export function libraryInfo(ctx: CoreContext): LibraryInfo {
  const counts = ctx.db
    .prepare(
      `SELECT (SELECT count(*) FROM images) AS images, (SELECT count(*) FROM labels) AS reviewed,
              (SELECT count(*) FROM unsure_answers) AS unsure`,
    )
    .get() as { images: number; reviewed: number; unsure: number };
  return {
    path: ctx.paths.root,
    schemaVersion: ctx.db.pragma('user_version', { simple: true }) as number,
    images: counts.images,
    reviewed: counts.reviewed,
    unsure: counts.unsure,
    activeModelId: activeModelIdOf(ctx.db),
  };
}

/**
 * Labels a reviewer can choose: the active model's, in its output order (so number keys
 * stay stable), then any other label reviewers used (a new class for retraining).
 */
export function knownLabels(db: Db): string[] {
  const labels = modelLabelsOf(db, activeModelIdOf(db));
  const reviewerLabels = db
    .prepare('SELECT DISTINCT label FROM labels ORDER BY label')
    .pluck()
    .all() as string[];
  for (const label of reviewerLabels) if (!labels.includes(label)) labels.push(label);
  return labels;
}

/** Every import, newest first. */
export function listImports(ctx: CoreContext): ImportSummary[] {
  const ids = ctx.db.prepare('SELECT id FROM imports ORDER BY id DESC').pluck().all() as number[];
  return ids.map((id) => readImportSummary(ctx, id));
}

export function createLibraryHandlers(
  ctx: CoreContext,
): HandlerMap<
  | 'library.info'
  | 'library.list'
  | 'library.count'
  | 'library.ids'
  | 'library.get'
  | 'library.find'
  | 'library.imports'
  | 'library.labels'
  | 'library.cursorAt'
  | 'library.labelNames'
  | 'library.positionOf'
  | 'library.idsAt'
> {
  return {
    'library.info': () => libraryInfo(ctx),
    'library.list': (args) => listImages(ctx.db, args),
    'library.count': ({ filter }) => ({ total: countImages(ctx.db, filter) }),
    'library.ids': ({ filter }) => ({ ids: imageIds(ctx.db, filter) }),
    'library.get': ({ imageId }) => imageDetail(ctx.db, imageId),
    'library.find': ({ query }) => findImages(ctx.db, query),
    'library.imports': () => listImports(ctx),
    'library.labels': () => knownLabels(ctx.db),
    'library.cursorAt': (args) => cursorAt(ctx.db, args),
    'library.labelNames': () => activeLabelNamesOf(ctx.db),
    'library.positionOf': (args) => ({ offset: positionOf(ctx.db, args) }),
    // One seek to the run's start, then the run read as a page (no walk from the top).
    'library.idsAt': ({ count, ...args }) => ({
      ids: cursorAt(ctx.db, { ...args, limit: count }).items.map((item) => item.id),
    }),
  };
}
