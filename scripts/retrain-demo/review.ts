/**
 * The inspector's review, played from the dataset's labels: where the active model got a
 * photo right the reviewer accepts it (Space in the app), where it got it wrong the
 * reviewer sets the true label (a number key), one batch per label as a multi-selection.
 */
import type { ImageFilter, ImageListResult, ImageSummary } from '../../electron/contract.js';
import type { Core } from '../../electron/core/app.js';
import type { DatasetSplit } from './dataset.js';

/** Recorded as the reviewer of every decision, so the library says where labels came from. */
export const DEMO_REVIEWER = 'dataset labels (retrain demo)';
const PAGE = 1000;

export interface ReviewOutcome {
  photos: number;
  accepted: number;
  relabeled: number;
  /** Relabeled photos by (model said → truth), e.g. "obstructed → clear": 3. */
  corrections: Map<string, number>;
  /** Photos the dataset has no (unambiguous) label for: left unreviewed. */
  noTruth: number;
  /** Photos whose name gave a tube position (the export's split keeps a tube's photos together). */
  withTube: number;
}

/** Every photo matching a filter, through the grid's own keyset paging. */
export async function listAll(core: Core, filter: ImageFilter): Promise<ImageSummary[]> {
  const photos: ImageSummary[] = [];
  let cursor: string | null = null;
  do {
    const page: ImageListResult = await core.invoke('library.list', {
      filter,
      sort: 'imported',
      cursor,
      limit: PAGE,
    });
    photos.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== null);
  return photos;
}

/** Reviews every photo of one import against the split's labels. */
export async function reviewImport(
  core: Core,
  importId: number,
  split: DatasetSplit,
): Promise<ReviewOutcome> {
  const photos = await listAll(core, { importId });
  const accept: number[] = [];
  const relabel = new Map<string, number[]>();
  const corrections = new Map<string, number>();
  let noTruth = 0;
  for (const photo of photos) {
    const truth = split.truthByName.get(photo.originalName);
    if (truth === undefined) {
      noTruth++;
      continue;
    }
    if (photo.predicted === truth) {
      accept.push(photo.id);
      continue;
    }
    relabel.set(truth, [...(relabel.get(truth) ?? []), photo.id]);
    const key = `model said ${photo.predicted ?? 'nothing'}, relabeled ${truth}`;
    corrections.set(key, (corrections.get(key) ?? 0) + 1);
  }
  let accepted = 0;
  let relabeled = 0;
  if (accept.length > 0) {
    accepted = (await core.invoke('review.accept', { imageIds: accept, reviewer: DEMO_REVIEWER }))
      .changed;
  }
  for (const [label, imageIds] of relabel) {
    relabeled += (
      await core.invoke('review.setLabel', { imageIds, label, reviewer: DEMO_REVIEWER })
    ).changed;
  }
  const withTube = photos.filter((p) => p.tubeRow !== null && p.tubeCol !== null).length;
  return { photos: photos.length, accepted, relabeled, corrections, noTruth, withTube };
}
