/**
 * Offline bundles: one tar file carrying everything a library knows about some imports
 * (the photos by sha256, their thumbnails, the predictions and every label event), for
 * a USB stick between laptops with no network. Importing merges it (see merge-slice.ts):
 * importing the same bundle twice changes nothing.
 *
 * Layout: `manifest.json` first (format, version, the shared records), then
 * `originals/<sha256>.<ext>` and `thumbs/<sha256>.webp`. Written to `<file>.partial` and
 * renamed when complete, so a pulled USB stick never leaves a bundle that looks whole.
 */
import { createWriteStream, existsSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { BundleExportResult, BundleImportResult } from '../../contract.js';
import type { CoreContext } from '../context.js';
import type { CoreMessageValue } from '../../shared/core-messages/index.js';
import { issueMessages } from '../validation-messages.js';
import { CoreError } from '../errors.js';
import type { JobHandle } from '../jobs/registry.js';
import { originalPath, thumbPath } from '../library/database.js';
import { deviceIdOf } from './device.js';
import { mergeSlice } from './merge-slice.js';
import { ChecksumMismatch, placeFile } from './place-file.js';
import { readSlice } from './read-slice.js';
import type { SharedSlice } from './shared-records.js';
import { entryChunks, TarWriter, tarEntries, type TarEntry } from './tar.js';

export const BUNDLE_FORMAT = 'inspection-desk-bundle';
/**
 * 2 (issue 11): note changes (`noteEvents`), and label events that may carry the unsure
 * answer. An older app refuses a version-2 bundle ("made by a newer version") instead of
 * reading '(unsure)' as a label; this app still reads version 1.
 */
export const BUNDLE_VERSION = 2;

/**
 * What a bundle job (the Export and Import screens) is told: progress per photo, and a
 * cancel checked between files. Without it (the CLI, `bundle.export`) neither happens.
 */
export type BundleJob = Pick<JobHandle, 'progress' | 'throwIfCancelled'>;

export function checkImports(ctx: CoreContext, importIds: readonly number[]): void {
  for (const importId of importIds) {
    if (!ctx.db.prepare('SELECT 1 FROM imports WHERE id = ?').get(importId)) {
      throw new CoreError('NOT_FOUND', { key: 'bundle.unknownImport', values: { importId } });
    }
  }
}

export async function exportBundle(
  ctx: CoreContext,
  importIds: readonly number[],
  file: string,
  job?: BundleJob,
): Promise<BundleExportResult> {
  checkImports(ctx, importIds);
  const slice = readSlice(ctx.db, importIds);
  const dest = path.resolve(file);
  const partial = `${dest}.partial`;
  const manifest = {
    format: BUNDLE_FORMAT,
    version: BUNDLE_VERSION,
    deviceId: deviceIdOf(ctx.db),
    createdAt: ctx.now().toISOString(),
    ...slice,
  };
  try {
    const out = createWriteStream(partial);
    const opened = new Promise<void>((resolve, reject) => {
      out.once('open', () => resolve());
      out.once('error', reject);
    });
    await opened;
    const tar = new TarWriter(out);
    await tar.addBuffer('manifest.json', Buffer.from(JSON.stringify(manifest)));
    const bytesTotal = slice.images.reduce((sum, i) => sum + i.sizeBytes, 0);
    let done = 0;
    let bytesDone = 0;
    job?.progress({ phase: 'writing', done, total: slice.images.length, bytesDone, bytesTotal });
    for (const image of slice.images) {
      job?.throwIfCancelled();
      const original = originalPath(ctx.paths, image.sha256, image.ext);
      await tar.addFile(
        `originals/${image.sha256}.${image.ext}`,
        original,
        statSync(original).size,
      );
      const thumb = thumbPath(ctx.paths, image.sha256);
      if (existsSync(thumb))
        await tar.addFile(`thumbs/${image.sha256}.webp`, thumb, statSync(thumb).size);
      done++;
      bytesDone += image.sizeBytes;
      job?.progress({ done, bytesDone });
    }
    await tar.finish();
    await fs.rename(partial, dest);
    return {
      file: dest,
      photos: slice.images.length,
      predictions: slice.predictions.length,
      events: slice.events.length,
      bytes: tar.bytes,
    };
  } catch (error) {
    await fs.rm(partial, { force: true }).catch(() => undefined);
    if (error instanceof CoreError) throw error;
    throw new CoreError(
      'DISK_FULL',
      { key: 'bundle.writeFailed', values: { file: dest, detail: (error as Error).message } },
      undefined,
      { cause: error },
    );
  }
}

const Nullable = <T extends z.ZodType>(t: T) => t.nullable();
const SliceSchema = z.object({
  imports: z.array(
    z.object({
      origin: z.string(),
      source: z.string(),
      startedAt: z.string(),
      finishedAt: Nullable(z.string()),
    }),
  ),
  images: z.array(
    z.object({
      sha256: z.string().regex(/^[0-9a-f]{64}$/),
      importOrigin: z.string(),
      ext: z.string().regex(/^[a-z0-9]{1,8}$/),
      format: z.string(),
      originalName: z.string(),
      sourcePath: z.string(),
      sizeBytes: z.number(),
      width: z.number(),
      height: z.number(),
      capturedAt: z.string(),
      capturedFrom: z.enum(['exif', 'file']),
      tubeRow: Nullable(z.number()),
      tubeCol: Nullable(z.number()),
      importedAt: z.string(),
    }),
  ),
  models: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      version: z.string(),
      fileSha256: z.string(),
      manifestJson: z.string(),
      labelsJson: z.string(),
      addedAt: z.string(),
    }),
  ),
  predictions: z.array(
    z.object({
      sha256: z.string(),
      modelId: z.string(),
      label: z.string(),
      confidence: z.number(),
      scoresJson: z.string(),
      embedding: Nullable(z.string()),
      createdAt: z.string(),
    }),
  ),
  events: z.array(
    z.object({
      uid: z.string().min(1),
      deviceId: z.string().min(1),
      deviceSeq: z.number().int(),
      deviceDecision: z.number().int(),
      lamport: z.number().int(),
      sha256: z.string(),
      oldLabel: Nullable(z.string()),
      newLabel: Nullable(z.string()),
      reviewer: z.string(),
      at: z.string(),
      modelId: Nullable(z.string()),
      kind: z.string(),
      undone: z.boolean(),
      parents: z.array(z.string()),
    }),
  ),
  noteEvents: z
    .array(
      z.object({
        uid: z.string().min(1),
        deviceId: z.string().min(1),
        deviceSeq: z.number().int(),
        lamport: z.number().int(),
        sha256: z.string(),
        oldNote: Nullable(z.string()),
        newNote: Nullable(z.string().min(1)),
        author: z.string(),
        at: z.string(),
      }),
    )
    .optional(),
});

async function readManifest(
  handle: fs.FileHandle,
  entry: TarEntry,
  file: string,
): Promise<SharedSlice> {
  const chunks: Buffer[] = [];
  for await (const chunk of entryChunks(handle, entry)) chunks.push(chunk);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    throw new CoreError('BUNDLE_INVALID', {
      key: 'bundle.damaged',
      values: {
        file,
        detail: {
          key: 'bundle.detail.manifestNotJson',
          values: { reason: (error as Error).message },
        },
      },
    });
  }
  const head = z.object({ format: z.string(), version: z.number() }).safeParse(json);
  if (!head.success || head.data.format !== BUNDLE_FORMAT) {
    throw new CoreError('BUNDLE_INVALID', {
      key: 'bundle.notABundle',
      values: { file, detail: { key: 'bundle.detail.otherFormat' } },
    });
  }
  if (head.data.version > BUNDLE_VERSION) {
    throw new CoreError('BUNDLE_INVALID', {
      key: 'bundle.newerFormat',
      values: { file, version: head.data.version },
    });
  }
  const slice = SliceSchema.safeParse(json);
  if (!slice.success) {
    throw new CoreError('BUNDLE_INVALID', {
      key: 'bundle.damaged',
      values: { file, detail: issueMessages(slice.error, { root: 'manifest.json', input: json }) },
    });
  }
  return slice.data;
}

export async function importBundle(
  ctx: CoreContext,
  file: string,
  job?: BundleJob,
): Promise<BundleImportResult> {
  const src = path.resolve(file);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(src, 'r');
  } catch (error) {
    throw new CoreError(
      'NOT_FOUND',
      { key: 'bundle.fileNotFound', values: { file: src } },
      undefined,
      {
        cause: error,
      },
    );
  }
  try {
    let slice: SharedSlice | null = null;
    const arrived = new Set<string>();
    try {
      for await (const entry of tarEntries(handle)) {
        if (slice === null) {
          if (entry.name !== 'manifest.json') {
            throw new CoreError('BUNDLE_INVALID', {
              key: 'bundle.notABundle',
              values: {
                file: src,
                detail: { key: 'bundle.detail.firstEntry', values: { name: entry.name } },
              },
            });
          }
          slice = await readManifest(handle, entry, src);
          job?.progress({ phase: 'reading', done: 0, total: slice.images.length });
          continue;
        }
        job?.throwIfCancelled();
        const original = /^originals\/([0-9a-f]{64})\.([a-z0-9]{1,8})$/.exec(entry.name);
        const thumb = /^thumbs\/([0-9a-f]{64})\.webp$/.exec(entry.name);
        if (original) {
          const [, sha, ext] = original as unknown as [string, string, string];
          await placeFile(
            ctx.paths,
            originalPath(ctx.paths, sha, ext),
            entryChunks(handle, entry),
            sha,
          );
          arrived.add(sha);
          job?.progress({ done: arrived.size });
        } else if (thumb) {
          const sha = thumb[1]!;
          await placeFile(ctx.paths, thumbPath(ctx.paths, sha), entryChunks(handle, entry), null);
        }
      }
    } catch (error) {
      if (error instanceof CoreError) throw error;
      const detail: CoreMessageValue =
        error instanceof ChecksumMismatch
          ? { key: 'bundle.detail.checksum', values: { detail: error.message } }
          : (error as Error).message;
      throw new CoreError(
        'BUNDLE_INVALID',
        { key: 'bundle.damaged', values: { file: src, detail } },
        undefined,
        { cause: error },
      );
    }
    if (slice === null) {
      throw new CoreError('BUNDLE_INVALID', {
        key: 'bundle.notABundle',
        values: { file: src, detail: { key: 'bundle.detail.noManifest' } },
      });
    }
    // A photo row never points at nothing: only photos whose file is here are merged.
    const present = slice.images.filter(
      (i) => arrived.has(i.sha256) || existsSync(originalPath(ctx.paths, i.sha256, i.ext)),
    );
    job?.throwIfCancelled();
    job?.progress({ phase: 'merging' });
    const merged = mergeSlice(ctx.db, { ...slice, images: present }, ctx.now().toISOString());
    if (merged.imagesAdded > 0 || merged.predictionsAdded > 0) {
      ctx.events.emit('library.changed', { imageIds: [], reason: 'import' });
    } else if (merged.changedImageIds.length > 0) {
      ctx.events.emit('library.changed', { imageIds: merged.changedImageIds, reason: 'review' });
    }
    const { changedImageIds: _changed, ...counts } = merged;
    return {
      file: src,
      photosInBundle: slice.images.length,
      eventsInBundle: slice.events.length,
      ...counts,
    };
  } finally {
    await handle.close();
  }
}
