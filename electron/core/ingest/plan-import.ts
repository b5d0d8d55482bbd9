/**
 * Step 1 of an import: scan the source and decide what this run does. Files an earlier
 * run of this import finished are resumed (skipped), files another import of the same
 * source finished are "already done", the rest is to do. Records what the scan saw,
 * and the entries it could not read, in one transaction. Re-runnable: it only reads the
 * card and rewrites the same rows.
 */
import fs from 'node:fs/promises';
import type { CoreContext } from '../context.js';
import { isCoreError } from '../errors.js';
import { writeTransaction } from '../library/database.js';
import {
  finishedFilesOfSource,
  recordImportFile,
  recordSeen,
  refreshCounters,
} from './import-record.js';
import type { ImportProgress } from './import-progress.js';
import { fileRow, readFailure, unknownFile } from './outcome.js';
import { scanSource, type SourceFile } from './scan.js';
import { isSourceGone } from './source.js';

/** Thrown when the whole source went away; the import converts it once, at the top. */
export class SourceGone extends Error {
  constructor(readonly original: unknown) {
    super('source gone');
  }
}

/** The files this run imports, in card order; null when the job was cancelled. */
export async function planImport(
  ctx: CoreContext,
  importId: number,
  source: string,
  signal: AbortSignal,
  progress: ImportProgress,
): Promise<SourceFile[] | null> {
  const { db } = ctx;
  const { counters } = progress;
  let scan;
  try {
    scan = await scanSource(source, {
      // Real path: the scanner compares it with the real paths it walks.
      exclude: await fs.realpath(ctx.paths.root).catch(() => ctx.paths.root),
      signal,
      isSourceGone: (error) => isSourceGone(source, error),
      onProgress(found) {
        progress.done = found;
        progress.report();
      },
    });
  } catch (error) {
    throw isCoreError(error) ? error : new SourceGone(error);
  }
  if (signal.aborted) return null;

  const finished = finishedFilesOfSource(db, source);
  const todo: SourceFile[] = [];
  for (const file of scan.files) {
    const matches = (finished.get(file.relPath) ?? []).filter(
      (f) => f.size === file.size && f.mtimeMs === file.mtimeMs,
    );
    if (matches.length === 0) todo.push(file);
    else if (matches.some((f) => f.importId === importId)) counters.resumed++;
    else counters.alreadyDone++;
  }
  counters.ignored = scan.ignored;
  const unreadable = scan.unreadable.map(({ relPath, error }) =>
    readFailure(unknownFile(relPath), error),
  );
  writeTransaction(db, () => {
    recordSeen(
      db,
      importId,
      scan.files.length + scan.ignored + unreadable.length,
      counters.alreadyDone,
    );
    for (const outcome of unreadable) recordImportFile(db, { ...fileRow(outcome), importId });
    Object.assign(counters, refreshCounters(db, importId));
  });
  return todo;
}
