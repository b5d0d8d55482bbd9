/**
 * Runs a planned export. Everything is written into `<dest>.partial-<job id>` next to the
 * destination and renamed to `<dest>` at the very end, so a cancelled, crashed or failed
 * export never leaves a folder that looks complete; the partial folder is removed on
 * failure. Originals are copied (reflinked where the file system can) from the library,
 * never re-encoded: the exported bytes are the ones the camera wrote.
 */
import { constants as fsConstants } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { appVersion } from '../app-version.js';
import type { ExportResult } from '../../contract.js';
import type { CoreContext } from '../context.js';
import { CoreError, isCoreError } from '../errors.js';
import { fromFsError } from '../fs-errors.js';
import type { JobHandle } from '../jobs/registry.js';
import { originalPath } from '../library/database.js';
import { readSettings } from '../settings/handlers.js';
import { csvDocument, spreadsheetText } from './csv.js';
import {
  LABELS_CSV,
  MANIFEST_JSON,
  METADATA_CSV,
  REPORT_HTML,
  type ExportItem,
  type PreparedExport,
} from './plan.js';
import { CONFLICT_RULE, CONFLICTS_CSV, conflictsCsv } from './conflicts.js';
import { trackPartialFolder } from './partial-folders.js';
import { renderReport } from './report.js';

/** The file operations an export needs (unit tests inject failures such as a full disk). */
export interface ExportFileSystem {
  copyFile(from: string, to: string, mode: number): Promise<void>;
}

const nodeFileSystem: ExportFileSystem = {
  copyFile: (from, to, mode) => fs.copyFile(from, to, mode),
};

/** Copies in flight at once: enough to overlap disk latency, few enough for a USB stick. */
const COPY_CONCURRENCY = 4;

export const SPLIT_METHOD =
  'bucket = int(sha256(key + ":split") first 8 hex digits, 16) mod 100, where key is ' +
  '"tube:<row>:<col>" for photos with a tube position (all photos of a tube share a split) ' +
  'and the photo sha256 otherwise; train if bucket < train, val if < train + val, else test.';

function missingOriginal(item: ExportItem, file: string, error: unknown): CoreError {
  return new CoreError(
    'NOT_FOUND',
    {
      key: 'export.originalMissing',
      values: { name: item.originalName, imageId: String(item.imageId), file },
    },
    { imageId: item.imageId, file },
    { cause: error },
  );
}

async function copyImages(
  ctx: CoreContext,
  job: JobHandle,
  prepared: PreparedExport,
  root: string,
  files: ExportFileSystem,
): Promise<void> {
  const items = prepared.items.filter((i) => i.relPath !== null);
  const folders = new Set(
    items.map((i) => path.dirname(path.join(root, ...(i.relPath as string).split('/')))),
  );
  for (const folder of folders) await fs.mkdir(folder, { recursive: true });
  let next = 0;
  let done = 0;
  let bytesDone = 0;
  job.progress({
    phase: 'copying',
    done: 0,
    total: items.length,
    bytesDone: 0,
    bytesTotal: prepared.bytesTotal,
  });
  async function worker(): Promise<void> {
    while (next < items.length) {
      job.throwIfCancelled();
      const item = items[next++] as ExportItem;
      const from = originalPath(ctx.paths, item.sha256, item.ext);
      const to = path.join(root, ...(item.relPath as string).split('/'));
      try {
        // EXCL: never overwrite; FICLONE: a copy-on-write clone where supported, else a copy.
        await files.copyFile(from, to, fsConstants.COPYFILE_EXCL | fsConstants.COPYFILE_FICLONE);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
          const sourceExists = await fs.stat(from).then(
            () => true,
            () => false,
          );
          if (!sourceExists) throw missingOriginal(item, from, error);
        }
        throw error;
      }
      done++;
      bytesDone += item.sizeBytes;
      job.progress({ done, bytesDone, counters: { copied: done } });
    }
  }
  await Promise.all(Array.from({ length: Math.min(COPY_CONCURRENCY, items.length) }, worker));
}

function metadataCsv(prepared: PreparedExport): string {
  const split = prepared.options.split !== undefined;
  const header = [
    'file_name',
    'label',
    ...(split ? ['split'] : []),
    'reviewed',
    'predicted',
    'confidence',
    'tube_row',
    'tube_col',
    'captured_at',
    'sha256',
    // Issue 11, appended so readers by position keep working: unsure rows have an empty
    // label; the note is free text (commas, quotes, line breaks: quoted per RFC 4180).
    'unsure',
    'note',
  ];
  const rows = prepared.items
    .filter((i) => i.relPath !== null)
    .map((i) => [
      i.relPath,
      i.label,
      ...(split ? [i.split] : []),
      i.reviewed,
      i.predicted,
      i.confidence,
      i.tubeRow,
      i.tubeCol,
      i.capturedAt,
      i.sha256,
      i.unsure,
      spreadsheetText(i.note),
    ]);
  return csvDocument(header, rows);
}

function labelsCsv(prepared: PreparedExport): string {
  const header = [
    'path',
    'label',
    'predicted',
    'confidence',
    'model',
    'reviewer',
    'reviewed_at',
    'sha256',
    'split',
    'source_path',
    'captured_at',
    'tube_row',
    'tube_col',
    'unsure',
    'note',
  ];
  const rows = prepared.items.map((i) => [
    i.relPath ?? '',
    i.label,
    i.predicted,
    i.confidence,
    i.modelId,
    i.reviewed ? i.reviewer : null,
    i.reviewed ? i.reviewedAt : null,
    i.sha256,
    i.split,
    spreadsheetText(i.sourcePath),
    i.capturedAt,
    i.tubeRow,
    i.tubeCol,
    i.unsure,
    spreadsheetText(i.note),
  ]);
  return csvDocument(header, rows);
}

function manifest(ctx: CoreContext, prepared: PreparedExport, createdAt: string): unknown {
  const { items, plan, options } = prepared;
  const reviewed = items.filter((i) => i.reviewed).length;
  const unsure = items.filter((i) => i.unsure).length;
  return {
    format: 'inspection-desk-export',
    formatVersion: 1,
    createdAt,
    app: { name: 'Inspection Desk', version: appVersion() },
    library: ctx.paths.root,
    options: {
      formats: options.formats,
      reviewedOnly: options.reviewedOnly,
      split: options.split ?? null,
      filter: options.filter ?? {},
      includeUnsure: options.includeUnsure,
    },
    split: options.split ? { ...options.split, method: SPLIT_METHOD } : null,
    // Unsure photos are not a class: they have no label (see `unsure` below).
    labels: [...new Set(items.filter((i) => !i.unsure).map((i) => i.label))].sort(),
    counts: plan.counts,
    totals: {
      images: items.length,
      reviewed,
      modelOnly: items.length - reviewed - unsure,
      unlabeled: plan.unlabeled,
      unsure,
      unsureLeftOut: plan.unsure?.leftOut ?? 0,
      bytes: prepared.copiesImages ? prepared.bytesTotal : 0,
    },
    models: prepared.model ? [prepared.model] : [],
    files: plan.files,
    // How photos two people labeled differently are represented (see conflicts.ts).
    conflicts: {
      photos: plan.conflicts ?? 0,
      file: prepared.conflicts.length > 0 ? CONFLICTS_CSV : null,
      rule: CONFLICT_RULE,
    },
    ...(prepared.source ? { source: prepared.source } : {}),
  };
}

async function writeDocuments(
  ctx: CoreContext,
  prepared: PreparedExport,
  root: string,
): Promise<void> {
  const createdAt = ctx.now().toISOString();
  const { formats } = prepared.options;
  if (formats.includes('metadata-csv'))
    await fs.writeFile(path.join(root, METADATA_CSV), metadataCsv(prepared));
  if (formats.includes('labels-csv'))
    await fs.writeFile(path.join(root, LABELS_CSV), labelsCsv(prepared));
  if (prepared.conflicts.length > 0)
    await fs.writeFile(path.join(root, CONFLICTS_CSV), conflictsCsv(prepared.conflicts));
  await fs.writeFile(
    path.join(root, MANIFEST_JSON),
    `${JSON.stringify(manifest(ctx, prepared, createdAt), null, 2)}\n`,
  );
  await fs.writeFile(
    path.join(root, REPORT_HTML),
    renderReport({
      // The report counts and shows labels; unsure photos have none (the CSVs list them).
      items: prepared.items.filter((i) => !i.unsure),
      model: prepared.model,
      createdAt,
      reviewedOnly: prepared.options.reviewedOnly,
      unlabeled: prepared.plan.unlabeled,
      language: readSettings(ctx.db).language,
    }),
  );
}

/** Renames the finished folder to `dest` (replacing an empty `dest` folder). */
async function moveIntoPlace(partial: string, dest: string): Promise<void> {
  try {
    await fs.rmdir(dest);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') throw destTaken(dest, error);
  }
  try {
    await fs.rename(partial, dest);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' || code === 'ENOTEMPTY') throw destTaken(dest, error);
    throw error;
  }
}

function destTaken(dest: string, error: unknown): CoreError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTEMPTY' || code === 'EEXIST' || code === 'ENOTDIR') {
    return new CoreError(
      'DEST_NOT_EMPTY',
      { key: 'export.dest.filledMeanwhile', values: { dest } },
      { dest },
      { cause: error },
    );
  }
  return fromFsError(error, { role: 'exportDest', path: dest });
}

/** Runs the export job; returns what was written. */
export async function runExport(
  ctx: CoreContext,
  job: JobHandle,
  prepared: PreparedExport,
  files: ExportFileSystem = nodeFileSystem,
): Promise<ExportResult> {
  const started = Date.now();
  const { dest } = prepared;
  const partial = `${dest}.partial-${job.id}`;
  // Recorded before the folder exists, so a kill at any point leaves a record to clean.
  const forgetPartial = await trackPartialFolder(ctx.paths, job.id, partial);
  try {
    await fs.mkdir(path.dirname(dest), { recursive: true });
    await fs.mkdir(partial);
  } catch (error) {
    await forgetPartial();
    throw fromFsError(error, { role: 'exportDest', path: path.dirname(dest) });
  }
  try {
    if (prepared.copiesImages) await copyImages(ctx, job, prepared, partial, files);
    job.throwIfCancelled();
    job.progress({ phase: 'writing' });
    await writeDocuments(ctx, prepared, partial);
    job.throwIfCancelled();
    await moveIntoPlace(partial, dest);
  } catch (error) {
    await fs.rm(partial, { recursive: true, force: true }).catch(() => undefined);
    throw isCoreError(error) ? error : fromFsError(error, { role: 'exportDest', path: dest });
  } finally {
    await forgetPartial().catch(() => undefined);
  }
  job.progress({ phase: 'done', done: prepared.items.length, total: prepared.items.length });
  return { ...prepared.plan, durationMs: Date.now() - started };
}
