/**
 * The `imports` and `import_files` rows of an import, and the `images` rows it adds.
 * Counters on the `imports` row are recomputed from `import_files` inside the same
 * transaction as each batch, so a crash at any moment leaves a row that tells the truth.
 */
import type { FileError, ImportSummary, WireMessageValues } from '../../contract.js';
import type { CoreContext } from '../context.js';
import { CoreError } from '../errors.js';
import { writeTransaction, type Db } from '../library/database.js';
import { isProcessAlive } from '../library/process-alive.js';

export type ImportStatus = ImportSummary['status'];

export interface ImageRow {
  sha256: string;
  ext: string;
  format: string;
  originalName: string;
  sourcePath: string;
  importId: number;
  sizeBytes: number;
  width: number;
  height: number;
  capturedAt: string;
  capturedFrom: 'exif' | 'file';
  tubeRow: number | null;
  tubeCol: number | null;
  importedAt: string;
}

export interface ImportFileRow {
  importId: number;
  relPath: string;
  size: number;
  mtimeMs: number;
  status: 'imported' | 'duplicate' | 'error';
  imageId: number | null;
  errorCode: string | null;
  /** English text (older rows have only this). */
  errorMessage: string | null;
  /** The catalog message (electron/shared/core-messages) and its values as JSON. */
  errorKey: string | null;
  errorValues: string | null;
}

/** A file finished (imported or duplicate) by some import of a source. */
export interface FinishedFile {
  importId: number;
  size: number;
  mtimeMs: number;
}

interface ImportRowDb {
  id: number;
  source: string;
  status: ImportStatus;
  started_at: string;
  finished_at: string | null;
  files_seen: number;
  imported: number;
  duplicates: number;
  already_done: number;
  errors: number;
  bytes: number;
  classified: number;
  duration_ms: number | null;
}

function prepare(db: Db) {
  return {
    latestOfSource: db.prepare<
      [string],
      { id: number; status: ImportStatus; runner_pid: number | null }
    >('SELECT id, status, runner_pid FROM imports WHERE source = ? ORDER BY id DESC LIMIT 1'),
    create: db.prepare<[string, string, number]>(
      `INSERT INTO imports (source, status, started_at, runner_pid) VALUES (?, 'running', ?, ?)`,
    ),
    reopen: db.prepare<[number, number]>(
      `UPDATE imports SET status = 'running', finished_at = NULL, runner_pid = ? WHERE id = ?`,
    ),
    running: db.prepare<[], { id: number; runner_pid: number | null }>(
      `SELECT id, runner_pid FROM imports WHERE status = 'running'`,
    ),
    markInterrupted: db.prepare<[string, number]>(
      `UPDATE imports SET status = 'failed', finished_at = coalesce(finished_at, ?)
        WHERE id = ? AND status = 'running'`,
    ),
    finishedFiles: db.prepare<
      [string],
      { import_id: number; rel_path: string; size: number; mtime_ms: number }
    >(
      `SELECT f.import_id, f.rel_path, f.size, f.mtime_ms
         FROM import_files f JOIN imports i ON i.id = f.import_id
        WHERE i.source = ? AND f.status IN ('imported', 'duplicate')`,
    ),
    imageBySha: db.prepare<[string], { id: number }>('SELECT id FROM images WHERE sha256 = ?'),
    insertImage: db.prepare(
      `INSERT INTO images (sha256, ext, format, original_name, source_path, import_id, size_bytes,
                           width, height, captured_at, captured_from, tube_row, tube_col, imported_at)
       VALUES (@sha256, @ext, @format, @originalName, @sourcePath, @importId, @sizeBytes,
               @width, @height, @capturedAt, @capturedFrom, @tubeRow, @tubeCol, @importedAt)
       ON CONFLICT (sha256) DO NOTHING`,
    ),
    upsertFile: db.prepare(
      `INSERT INTO import_files (import_id, rel_path, size, mtime_ms, status, image_id,
                                 error_code, error_message, error_key, error_values)
       VALUES (@importId, @relPath, @size, @mtimeMs, @status, @imageId, @errorCode, @errorMessage,
               @errorKey, @errorValues)
       ON CONFLICT (import_id, rel_path) DO UPDATE SET
         size = excluded.size, mtime_ms = excluded.mtime_ms, status = excluded.status,
         image_id = excluded.image_id, error_code = excluded.error_code,
         error_message = excluded.error_message, error_key = excluded.error_key,
         error_values = excluded.error_values`,
    ),
    refreshCounters: db.prepare<[number]>(
      `UPDATE imports SET
         imported   = (SELECT count(*) FROM import_files WHERE import_id = imports.id AND status = 'imported'),
         duplicates = (SELECT count(*) FROM import_files WHERE import_id = imports.id AND status = 'duplicate'),
         errors     = (SELECT count(*) FROM import_files WHERE import_id = imports.id AND status = 'error'),
         bytes      = (SELECT coalesce(sum(size), 0) FROM import_files
                        WHERE import_id = imports.id AND status = 'imported')
       WHERE id = ?`,
    ),
    setSeen: db.prepare<[number, number, number]>(
      'UPDATE imports SET files_seen = ?, already_done = ? WHERE id = ?',
    ),
    refreshClassified: db.prepare<[string, number, number]>(
      `UPDATE imports SET classified = (
         SELECT count(*) FROM images i JOIN predictions p ON p.image_id = i.id AND p.model_id = ?
          WHERE i.import_id = ?)
       WHERE id = ?`,
    ),
    unclassified: db.prepare<
      [{ modelId: string; importId: number; afterId: number }],
      { id: number; sha256: string; ext: string }
    >(
      `SELECT i.id, i.sha256, i.ext FROM images i
        WHERE i.import_id = @importId AND i.id > @afterId
          AND NOT EXISTS (SELECT 1 FROM predictions p WHERE p.image_id = i.id AND p.model_id = @modelId)
        ORDER BY i.id LIMIT 64`,
    ),
    finish: db.prepare<[ImportStatus, string, number, number]>(
      `UPDATE imports SET status = ?, finished_at = ?, duration_ms = coalesce(duration_ms, 0) + ?
        WHERE id = ?`,
    ),
    counters: db.prepare<[number], Pick<ImportRowDb, 'imported' | 'duplicates' | 'errors'>>(
      'SELECT imported, duplicates, errors FROM imports WHERE id = ?',
    ),
    row: db.prepare<[number], ImportRowDb>('SELECT * FROM imports WHERE id = ?'),
    errorList: db.prepare<
      [number],
      {
        rel_path: string;
        error_code: string;
        error_message: string;
        error_key: string | null;
        error_values: string | null;
      }
    >(
      `SELECT rel_path, error_code, error_message, error_key, error_values FROM import_files
        WHERE import_id = ? AND status = 'error' ORDER BY rel_path`,
    ),
  };
}

type Statements = ReturnType<typeof prepare>;
const statementsByDb = new WeakMap<Db, Statements>();

function statements(db: Db): Statements {
  let s = statementsByDb.get(db);
  if (!s) {
    s = prepare(db);
    statementsByDb.set(db, s);
  }
  return s;
}

/**
 * The import row a run of `source` writes to: the latest unfinished one of that source
 * (cancelled, failed, or left 'running' by a process that died), else a new one. An
 * import another live process is running is never shared: this run gets its own row, so
 * each summary counts what that run did. Marks the row running, owned by this process.
 */
export function openImportRun(
  db: Db,
  source: string,
  startedAt: string,
  isAlive: (pid: number) => boolean = isProcessAlive,
): number {
  const s = statements(db);
  return writeTransaction(db, () => {
    const latest = s.latestOfSource.get(source);
    if (latest && latest.status !== 'done' && !isRunByOther(latest, isAlive)) {
      s.reopen.run(process.pid, latest.id);
      return latest.id;
    }
    return Number(s.create.run(source, startedAt, process.pid).lastInsertRowid);
  });
}

function isRunByOther(
  row: { status: ImportStatus; runner_pid: number | null },
  isAlive: (pid: number) => boolean,
): boolean {
  return (
    row.status === 'running' &&
    row.runner_pid !== null &&
    row.runner_pid !== process.pid &&
    isAlive(row.runner_pid)
  );
}

/** Pids of processes running an import of this library right now (this one included). */
export function liveImportRunners(db: Db, isAlive: (pid: number) => boolean = isProcessAlive) {
  return statements(db)
    .running.all()
    .filter((row) => row.runner_pid !== null && isAlive(row.runner_pid));
}

/**
 * Marks 'failed' the imports left 'running' by a process that died (kill -9, power cut),
 * so the library no longer shows them as in progress; re-importing the card resumes them.
 * Returns their ids.
 */
export function markInterruptedImports(
  db: Db,
  finishedAt: string,
  isAlive: (pid: number) => boolean = isProcessAlive,
): number[] {
  const s = statements(db);
  return writeTransaction(db, () => {
    const dead = s.running
      .all()
      .filter((row) => row.runner_pid === null || !isAlive(row.runner_pid))
      .map((row) => row.id);
    for (const id of dead) s.markInterrupted.run(finishedAt, id);
    return dead;
  });
}

/** Files of `source` any import already finished, by relative path. */
export function finishedFilesOfSource(db: Db, source: string): Map<string, FinishedFile[]> {
  const byPath = new Map<string, FinishedFile[]>();
  for (const row of statements(db).finishedFiles.iterate(source)) {
    const list = byPath.get(row.rel_path) ?? [];
    list.push({ importId: row.import_id, size: row.size, mtimeMs: row.mtime_ms });
    byPath.set(row.rel_path, list);
  }
  return byPath;
}

export function findImageBySha(db: Db, sha256: string): number | null {
  return statements(db).imageBySha.get(sha256)?.id ?? null;
}

/** Inserts an image unless its sha256 is already in the library; returns its id and whether it is new. */
export function insertImage(db: Db, row: ImageRow): { id: number; created: boolean } {
  const s = statements(db);
  const result = s.insertImage.run(row);
  if (result.changes === 1) return { id: Number(result.lastInsertRowid), created: true };
  const existing = s.imageBySha.get(row.sha256);
  if (!existing) throw new CoreError('INTERNAL', `Image ${row.sha256} vanished while importing.`);
  return { id: existing.id, created: false };
}

export function recordImportFile(db: Db, row: ImportFileRow): void {
  statements(db).upsertFile.run(row);
}

/** Recomputes imported/duplicates/errors/bytes from import_files; returns them. */
export function refreshCounters(
  db: Db,
  importId: number,
): { imported: number; duplicates: number; errors: number } {
  const s = statements(db);
  s.refreshCounters.run(importId);
  return s.counters.get(importId) ?? { imported: 0, duplicates: 0, errors: 0 };
}

export function recordSeen(db: Db, importId: number, filesSeen: number, alreadyDone: number): void {
  statements(db).setSeen.run(filesSeen, alreadyDone, importId);
}

/** Recomputes how many photos of the import `modelId` has classified; returns it. */
export function refreshClassified(db: Db, importId: number, modelId: string): number {
  const s = statements(db);
  s.refreshClassified.run(modelId, importId, importId);
  return s.row.get(importId)?.classified ?? 0;
}

/** Up to 64 photos of the import `modelId` has not classified, with ids above `afterId`. */
export function unclassifiedImages(
  db: Db,
  importId: number,
  modelId: string,
  afterId: number,
): { id: number; sha256: string; ext: string }[] {
  return statements(db).unclassified.all({ modelId, importId, afterId });
}

export function finishImportRun(
  db: Db,
  importId: number,
  status: ImportStatus,
  finishedAt: string,
  durationMs: number,
): void {
  statements(db).finish.run(status, finishedAt, Math.round(durationMs), importId);
}

/** The import's row; throws NOT_FOUND naming the id when the library has no such import. */
export function requireImport(db: Db, importId: number): ImportRowDb {
  const row = statements(db).row.get(importId);
  if (!row) {
    throw new CoreError(
      'NOT_FOUND',
      { key: 'ingest.importNotFound', values: { importId: String(importId) } },
      { importId },
    );
  }
  return row;
}

/**
 * What an import did, as the contract's ImportSummary. Counters cover every run of the
 * import (a resumed import adds to its row):
 * - imported/duplicates/errors: files of the source with that outcome in this import;
 * - alreadyDone: files skipped by the latest run because an EARLIER import of the same
 *   source had finished them (unchanged path, size and modification time);
 * - filesSeen: visible files the latest run found (photos, and other files such as robot
 *   logs, which are ignored: ignored = filesSeen - imported - duplicates - errors - alreadyDone
 *   once the import is done);
 * - bytes: size of the photos this import added to the library;
 * - durationMs: time spent importing, summed over runs.
 * Throws NOT_FOUND for an unknown import id.
 */
export function readImportSummary(ctx: Pick<CoreContext, 'db'>, importId: number): ImportSummary {
  const s = statements(ctx.db);
  const row = requireImport(ctx.db, importId);
  return {
    importId: row.id,
    source: row.source,
    status: row.status,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    filesSeen: row.files_seen,
    imported: row.imported,
    duplicates: row.duplicates,
    alreadyDone: row.already_done,
    errors: row.errors,
    bytes: row.bytes,
    classified: row.classified,
    durationMs: row.duration_ms,
    errorList: s.errorList.all(importId).map(fileError),
  };
}

function fileError(row: {
  rel_path: string;
  error_code: string;
  error_message: string;
  error_key: string | null;
  error_values: string | null;
}): FileError {
  const error: FileError = { path: row.rel_path, code: row.error_code, message: row.error_message };
  if (row.error_key !== null) {
    error.messageKey = row.error_key;
    if (row.error_values !== null) {
      error.messageValues = JSON.parse(row.error_values) as WireMessageValues;
    }
  }
  return error;
}
