/**
 * A library of thousands of photos for the e2e suite: rows inserted through the test
 * fixture into the real SQLite library, each with a real WebP thumbnail (a few distinct
 * files hard-linked), so the grid pages, seeks and paints as it would at that size.
 */
import { linkSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { ImageListResult, ImageSort } from '../../electron/contract.js';
import { libraryPaths, thumbPath } from '../../electron/core/library/database.js';
import {
  insertImageRows,
  insertImport,
  makeImages,
  type SyntheticImage,
} from '../fixtures/library-rows.js';
import type { Desk } from './desk.js';

const DISTINCT_THUMBS = 8;

/** Inserts `count` photos; `coverage` of them classified by the active model. */
export async function insertBigLibrary(
  desk: Desk,
  options: { count: number; seed: number; coverage?: number },
): Promise<void> {
  const core = desk.server.core;
  const info = await core.invoke('library.info');
  const labels = await core.invoke('library.labels');
  const images: SyntheticImage[] = makeImages({
    count: options.count,
    seed: options.seed,
    models: [{ id: info.activeModelId!, labels, coverage: options.coverage ?? 1 }],
    reviewedFraction: 0.1,
    tubeFraction: 0.8,
  });
  const paths = libraryPaths(desk.libraryDir);
  const sources: string[] = [];
  for (let i = 0; i < DISTINCT_THUMBS; i++) {
    const file = path.join(desk.root, `thumb-${i}.webp`);
    await sharp({
      create: { width: 160, height: 120, channels: 3, background: { r: 30 * i, g: 90, b: 140 } },
    })
      .webp()
      .toFile(file);
    sources.push(file);
  }
  for (const [i, image] of images.entries()) {
    const target = thumbPath(paths, image.sha256);
    mkdirSync(path.dirname(target), { recursive: true });
    linkSync(sources[i % DISTINCT_THUMBS]!, target);
  }
  const db = core.context.db;
  insertImageRows(db, images, { importId: insertImport(db, { source: '/media/big-card' }) });
}

/** Every photo id in a grid order, walked page by page through the core (no seek). */
export async function walkGridOrder(
  desk: Desk,
  sort: ImageSort = 'confidence',
  descending = false,
): Promise<number[]> {
  const ids: number[] = [];
  let cursor: string | null = null;
  do {
    const page: ImageListResult = await desk.server.core.invoke('library.list', {
      sort,
      descending,
      cursor,
      limit: 1000,
    });
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}
