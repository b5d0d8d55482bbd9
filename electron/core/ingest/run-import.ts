/**
 * The import job: scan the source, skip what earlier runs finished, then for each file
 * one read that hashes and feeds both the library copy and the decoder, batched inserts,
 * and classification of the new photos as they arrive.
 *
 * Concurrency: an ordered pool keeps a few files in flight (read + hash of the next
 * files while the current ones decode in sharp on libuv's threads), and releases them
 * in card order to one committer that writes a transaction per batch (16 files or
 * 250 ms). New photos go to a classification queue that runs onnxruntime batches beside
 * the import. Every stage is bounded, so memory stays flat whatever the card's size.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { ImportSummary } from '../../contract.js';
import type { CoreContext } from '../context.js';
import { CoreError, isCoreError } from '../errors.js';
import { describeFsError } from '../fs-errors.js';
import { renderCoreMessage, type CoreMessage } from '../../shared/core-messages/index.js';
import { decodePhoto, type DecodedPhoto } from '../imaging/decode.js';
import {
  FORMAT_EXTENSION,
  SNIFF_BYTES,
  sniffImageFormat,
  sniffUnsupportedFormat,
  type ImageFormat,
} from '../imaging/sniff.js';
import type { JobHandle } from '../jobs/registry.js';
import { originalPath, writeTransaction } from '../library/database.js';
import {
  activeModelId,
  getActiveModel,
  storePredictions,
  type LoadedModel,
} from '../models/registry.js';
import { createClassifyQueue, type ClassifyQueue } from './classify-queue.js';
import {
  finishImportRun,
  finishedFilesOfSource,
  findImageBySha,
  insertImage,
  readImportSummary,
  recordImportFile,
  recordSeen,
  refreshClassified,
  refreshCounters,
  unclassifiedImages,
  type ImportFileRow,
} from './import-record.js';
import {
  createLibraryWriter,
  removeDeadTemp,
  writeDurably,
  type DurableWrite,
} from './library-files.js';
import { runOrdered } from './ordered-pool.js';
import { scanSource, type SourceFile } from './scan.js';
import { createSourceReader, type SourceBytes } from './source-reader.js';
import { isSourceGone, sourceGoneError } from './source.js';
import { parseTubePosition } from './tube-position.js';

/** Side effects and tuning a test may replace. */
export interface IngestDeps {
  /** Durable write of a library file (temp file + fsync). */
  write: DurableWrite;
  /**
   * Reads a whole source file, read-only, with its sha256 (see source-reader.ts);
   * `inspect` sees the first bytes first and may refuse the file by throwing.
   */
  readSource(absPath: string, inspect?: (head: Buffer) => void): Promise<SourceBytes>;
  /** Files in flight at once. */
  concurrency: number;
  /** Files per database transaction, and the longest a finished file waits for one. */
  batchSize: number;
  batchMs: number;
}

/** A photo file bigger than this is refused before reading it into memory. */
export const MAX_FILE_BYTES = 512 * 1024 * 1024;

export function defaultIngestDeps(): IngestDeps {
  // Two or three files in flight keep two cores busy (one reading and hashing, one
  // decoding) without holding more than a few photos in memory.
  const concurrency = Math.min(4, Math.max(2, os.availableParallelism() + 1));
  const reader = createSourceReader({ keep: concurrency, maxFileBytes: MAX_FILE_BYTES });
  return {
    write: writeDurably,
    readSource: (absPath, inspect) => reader.read(absPath, inspect),
    concurrency,
    batchSize: 16,
    batchMs: 250,
  };
}

export interface ImportRequest {
  importId: number;
  /** Absolute, real path (see resolveSource). */
  source: string;
  classify: boolean;
}

/** A photo accepted by one worker; files with the same bytes wait for it (see prepare). */
interface Claim {
  index: number;
  /** Resolves true once the photo is safely in the library folder, false if it failed. */
  ready: Promise<boolean>;
  settle(ok: boolean): void;
  /** Set when its row is inserted. */
  imageId: number | null;
}

type Outcome =
  | {
      kind: 'imported';
      file: SourceFile;
      sha256: string;
      format: ImageFormat;
      size: number;
      decoded: DecodedPhoto;
      claim: Claim;
    }
  | { kind: 'duplicate'; file: SourceFile; imageId: number }
  | { kind: 'sameAsPending'; file: SourceFile; claim: Claim }
  | { kind: 'error'; file: SourceFile; code: string; message: CoreMessage };

/**
 * Progress counters (job.progress `counters`). imported/duplicates/errors cover the whole
 * import, earlier runs included; `resumed` = files an earlier run of this same import
 * finished, `alreadyDone` = files an earlier import of the same source finished,
 * `ignored` = visible files that are not photos (robot logs...), `classifyFailed` = 1
 * when the model could not classify (the photos are imported all the same).
 */
type ImportCounters = {
  imported: number;
  duplicates: number;
  errors: number;
  alreadyDone: number;
  resumed: number;
  ignored: number;
  classified: number;
  classifyFailed: number;
};

/** Thrown by the read's first-bytes check to refuse a file before reading it whole. */
class RefusedFile extends Error {
  constructor(readonly outcome: Outcome) {
    super('refused by its first bytes');
  }
}

/** Thrown by a worker when the whole source went away; converted once at the top. */
class SourceGone extends Error {
  constructor(readonly original: unknown) {
    super('source gone');
  }
}

/** Runs one import job to its end; returns the import's summary. */
export async function runImport(
  ctx: CoreContext,
  job: JobHandle,
  request: ImportRequest,
  deps: IngestDeps,
): Promise<ImportSummary> {
  const { db } = ctx;
  const { importId, source } = request;
  const startedMs = performance.now();
  const writer = createLibraryWriter(ctx.paths, deps.write, `import${importId}`);
  const claims = new Map<string, Claim>();
  const batch: Outcome[] = [];
  let batchStartedMs = 0;
  let queue: ClassifyQueue | null = null;
  let model: LoadedModel | null = null;
  /** The active model opening (null: not classifying); settles to null if it failed. */
  let loading: Promise<LoadedModel | null> | null = null;
  let phase = 'scanning';
  let done = 0;
  let total: number | null = null;
  let bytesDone = 0;
  let bytesTotal: number | null = null;
  const counters: ImportCounters = {
    imported: 0,
    duplicates: 0,
    errors: 0,
    alreadyDone: 0,
    resumed: 0,
    ignored: 0,
    classified: 0,
    classifyFailed: 0,
  };

  function report(): void {
    job.progress({ phase, done, total, bytesDone, bytesTotal, counters: { ...counters } });
  }

  function finish(status: ImportSummary['status']): ImportSummary {
    finishImportRun(db, importId, status, ctx.now().toISOString(), performance.now() - startedMs);
    return readImportSummary(ctx, importId);
  }

  async function prepare(file: SourceFile, index: number): Promise<Outcome> {
    if (file.size > MAX_FILE_BYTES) {
      return failure(file, 'IMAGE_TOO_LARGE', {
        key: 'ingest.file.tooLarge',
        values: { path: file.relPath, size: formatBytes(file.size) },
      });
    }
    let read: SourceBytes;
    try {
      read = await deps.readSource(file.absPath, (head) => {
        const refusal = refuseByContent(file, head);
        if (refusal) throw new RefusedFile(refusal);
      });
    } catch (error) {
      if (error instanceof RefusedFile) return error.outcome;
      if (await isSourceGone(source, error, file.absPath)) throw new SourceGone(error);
      return readFailure(file, error);
    }
    try {
      return await store(file, index, read.bytes, read.sha256);
    } finally {
      // The bytes are in the library (or refused) by now: the buffer can take the next file.
      read.release();
    }
  }

  /** Decodes and stores one file read from the card (see prepare). */
  async function store(
    file: SourceFile,
    index: number,
    bytes: Buffer,
    sha256: string,
  ): Promise<Outcome> {
    if (bytes.length === 0) {
      return failure(file, 'EMPTY_FILE', {
        key: 'ingest.file.empty',
        values: { path: file.relPath },
      });
    }
    const existing = findImageBySha(db, sha256);
    if (existing !== null) return { kind: 'duplicate', file, imageId: existing };

    // Two identical files on one card: the one earlier in card order is imported and
    // the later one waits for it, so the photo is decoded and stored once. Waiting only
    // on earlier files cannot deadlock, because the pool releases in card order.
    for (let held = claims.get(sha256); held && held.index < index; held = claims.get(sha256)) {
      if (await held.ready) return { kind: 'sameAsPending', file, claim: held };
    }
    const claim = createClaim(index);
    claims.set(sha256, claim);
    const release = (ok: boolean): void => {
      claim.settle(ok);
      if (!ok && claims.get(sha256) === claim) claims.delete(sha256);
    };

    const format = sniffImageFormat(bytes.subarray(0, SNIFF_BYTES));
    if (format === null) {
      release(false);
      return refuseByContent(file, bytes) ?? failure(file, 'NOT_AN_IMAGE', notAnImage(file));
    }
    let decoded: DecodedPhoto;
    try {
      decoded = await decodePhoto(bytes, file.relPath);
    } catch (error) {
      release(false);
      return decodeFailure(file, error);
    }
    try {
      await writer.storeOriginal(sha256, FORMAT_EXTENSION[format], bytes);
      await writer.storeThumbnail(sha256, decoded.thumbnail);
    } catch (error) {
      release(false);
      throw error;
    }
    release(true);
    return { kind: 'imported', file, sha256, format, size: bytes.length, decoded, claim };
  }

  async function commit(outcome: Outcome): Promise<void> {
    if (batch.length === 0) batchStartedMs = performance.now();
    batch.push(outcome);
    if (batch.length >= deps.batchSize || performance.now() - batchStartedMs >= deps.batchMs) {
      await flush();
    }
  }

  /**
   * Writes the batch in one transaction, then announces the new photos and queues them
   * for classification (waiting when the model is behind: that is the back-pressure).
   */
  async function flush(): Promise<void> {
    if (batch.length === 0) return;
    const outcomes = batch.splice(0);
    const importedAt = ctx.now().toISOString();
    const fresh: { id: number; decoded: DecodedPhoto }[] = [];
    try {
      writeTransaction(db, () => {
        for (const outcome of outcomes) {
          const row = fileRow(outcome);
          if (outcome.kind === 'imported') {
            const image = insertImage(db, imageRow(outcome, importId, importedAt));
            outcome.claim.imageId = image.id;
            row.imageId = image.id;
            if (image.created) fresh.push({ id: image.id, decoded: outcome.decoded });
            else row.status = 'duplicate';
          }
          recordImportFile(db, { ...row, importId });
        }
        Object.assign(counters, refreshCounters(db, importId));
      });
    } catch (error) {
      throw fromDatabaseError(error);
    }
    for (const outcome of outcomes) {
      if (outcome.kind === 'imported' && claims.get(outcome.sha256) === outcome.claim) {
        // From now on the database answers "is this photo known?".
        claims.delete(outcome.sha256);
      }
      done++;
      bytesDone += outcome.file.size;
    }
    if (fresh.length > 0) {
      ctx.events.emit('library.changed', { imageIds: fresh.map((f) => f.id), reason: 'import' });
    }
    report();
    if (queue) {
      for (const photo of fresh)
        await queue.add({ imageId: photo.id, preview: photo.decoded.preview });
    }
  }

  function storeClassified(rows: Parameters<typeof storePredictions>[2]): void {
    if (!model) return;
    storePredictions(ctx, model.id, rows);
    counters.classified = refreshClassified(db, importId, model.id);
    ctx.events.emit('library.changed', {
      imageIds: rows.map((r) => r.imageId),
      reason: 'classify',
    });
    report();
  }

  /** Classifies photos of this import an earlier, interrupted run left unclassified. */
  async function classifyLeftovers(): Promise<void> {
    if (!model || !queue) return;
    let afterId = 0;
    for (;;) {
      const rows = unclassifiedImages(db, importId, model.id, afterId);
      if (rows.length === 0 || job.signal.aborted || queue.failure) return;
      phase = 'classifying';
      report();
      for (const row of rows) {
        if (job.signal.aborted) return;
        afterId = row.id;
        const file = originalPath(ctx.paths, row.sha256, row.ext);
        try {
          const decoded = await decodePhoto(await fs.readFile(file), path.basename(file));
          await queue.add({ imageId: row.id, preview: decoded.preview });
        } catch (error) {
          // The original was readable when imported; leave it for models.classify.
          ctx.logger.warn(`Could not classify ${file}:`, error);
        }
      }
      await queue.drain();
    }
  }

  try {
    await removeDeadTemp(ctx.paths);
    report();
    let scan;
    try {
      scan = await scanSource(source, {
        // Real path: the scanner compares it with the real paths it walks.
        exclude: await fs.realpath(ctx.paths.root).catch(() => ctx.paths.root),
        signal: job.signal,
        isSourceGone: (error) => isSourceGone(source, error),
        onProgress(found) {
          done = found;
          report();
        },
      });
    } catch (error) {
      throw isCoreError(error) ? error : new SourceGone(error);
    }
    if (job.signal.aborted) return finish('cancelled');

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

    const activeId = request.classify ? activeModelId(ctx) : null;
    // Open the model only when there is something to classify: new files, or photos of
    // this import an interrupted run stored but did not classify. A finished card
    // re-imported opens nothing.
    if (
      activeId !== null &&
      (todo.length > 0 || unclassifiedImages(db, importId, activeId, 0).length > 0)
    ) {
      // Reading and decoding start at once; the first batch waits for the session if it
      // is still opening (the inference thread and the session take 0.1-0.4 s).
      const opening = getActiveModel(ctx).then((loaded) => {
        if (!loaded) throw new Error('the active model is not registered in this library');
        model = loaded;
        counters.classified = refreshClassified(db, importId, loaded.id);
        return loaded;
      });
      loading = opening.catch((error: unknown) => {
        ctx.logger.warn(
          'The active model could not be loaded; importing without classifying:',
          error,
        );
        counters.classifyFailed = 1;
        return null;
      });
      queue = createClassifyQueue(
        { classify: async (previews) => (await opening).classify(previews) },
        { store: storeClassified },
      );
    }

    phase = 'importing';
    done = 0;
    total = todo.length;
    bytesTotal = todo.reduce((sum, f) => sum + f.size, 0);
    report();

    const window = deps.concurrency * 2;
    await runOrdered(
      todo,
      { concurrency: deps.concurrency, window, signal: job.signal },
      prepare,
      commit,
    );
    await flush();
    await queue?.drain();
    // Photos an interrupted run left unclassified need the model even when this run had
    // no new file to wait for it; and nothing may touch the library after the job ends.
    await loading;
    if (queue?.failure) {
      // A model that never loaded was reported above.
      if (model) ctx.logger.warn('Classification stopped during the import:', queue.failure);
      counters.classifyFailed = 1;
    }
    await classifyLeftovers();
    phase = job.signal.aborted ? 'cancelled' : 'done';
    report();
    return finish(job.signal.aborted ? 'cancelled' : 'done');
  } catch (error) {
    // Keep everything that finished: the files released so far are committed.
    try {
      await flush();
      await queue?.drain();
    } catch (flushError) {
      // The first failure is the one to report (a full disk fails the flush too).
      ctx.logger.warn('Could not commit the last finished files:', flushError);
    }
    await loading;
    finish('failed');
    if (error instanceof SourceGone) {
      throw sourceGoneError(source, error.original, counters.imported + counters.duplicates);
    }
    throw error;
  } finally {
    await writer.dispose();
  }
}

function createClaim(index: number): Claim {
  let settle!: (ok: boolean) => void;
  const ready = new Promise<boolean>((resolve) => {
    settle = resolve;
  });
  return { index, ready, settle, imageId: null };
}

function notAnImage(file: SourceFile): CoreMessage {
  return { key: 'ingest.file.notAnImage', values: { path: file.relPath } };
}

/**
 * What a file's first bytes already say: not a photo at all, or a photo in a format we
 * do not import (an animated GIF, a HEIC from a phone). Null when it may be a photo.
 */
function refuseByContent(file: SourceFile, head: Uint8Array): Outcome | null {
  if (head.length === 0) return null; // EMPTY_FILE, said once the read is done.
  if (sniffImageFormat(head.subarray(0, SNIFF_BYTES)) !== null) return null;
  const unsupported = sniffUnsupportedFormat(head);
  if (unsupported !== null) {
    return failure(file, 'UNSUPPORTED_FORMAT', {
      key: 'ingest.file.unsupportedFormat',
      values: { path: file.relPath, format: unsupported },
    });
  }
  return failure(file, 'NOT_AN_IMAGE', notAnImage(file));
}

function failure(file: SourceFile, code: string, message: CoreMessage): Outcome {
  return { kind: 'error', file, code, message };
}

function unknownFile(relPath: string): SourceFile {
  return { relPath, absPath: relPath, size: 0, mtimeMs: 0 };
}

/** A card file that could not be read: the one fs-error mapping names the reason. */
function readFailure(file: SourceFile, error: unknown): Outcome {
  const { code, message } = describeFsError(error, { role: 'sourceFile', path: file.relPath });
  return failure(file, code, message);
}

function decodeFailure(file: SourceFile, error: unknown): Outcome {
  if (isCoreError(error)) {
    return failure(
      file,
      error.code,
      error.localized ?? {
        key: 'ingest.file.unreadableImage',
        values: { path: file.relPath, detail: error.message },
      },
    );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return failure(file, 'UNREADABLE_IMAGE', {
    key: 'ingest.file.unreadableImage',
    values: { path: file.relPath, detail },
  });
}

const NO_ERROR = { errorCode: null, errorMessage: null, errorKey: null, errorValues: null };

function fileRow(outcome: Outcome): Omit<ImportFileRow, 'importId'> {
  const base = {
    relPath: outcome.file.relPath,
    size: outcome.file.size,
    mtimeMs: outcome.file.mtimeMs,
  };
  switch (outcome.kind) {
    case 'imported':
      return { ...base, status: 'imported', imageId: null, ...NO_ERROR };
    case 'duplicate':
      return {
        ...base,
        status: 'duplicate',
        imageId: outcome.imageId,
        ...NO_ERROR,
      };
    case 'sameAsPending':
      return {
        ...base,
        status: 'duplicate',
        imageId: outcome.claim.imageId,
        ...NO_ERROR,
      };
    case 'error':
      return {
        ...base,
        status: 'error',
        imageId: null,
        errorCode: outcome.code,
        // English for older readers and logs; the key lets the UI show the user's language.
        errorMessage: renderCoreMessage('en', outcome.message),
        errorKey: outcome.message.key,
        errorValues: outcome.message.values ? JSON.stringify(outcome.message.values) : null,
      };
  }
}

function imageRow(
  outcome: Extract<Outcome, { kind: 'imported' }>,
  importId: number,
  importedAt: string,
) {
  const { file, decoded } = outcome;
  const tube = parseTubePosition(file.relPath);
  return {
    sha256: outcome.sha256,
    ext: FORMAT_EXTENSION[outcome.format],
    format: outcome.format,
    originalName: path.posix.basename(file.relPath),
    sourcePath: file.relPath,
    importId,
    sizeBytes: outcome.size,
    width: decoded.width,
    height: decoded.height,
    capturedAt: (decoded.capturedAt ?? new Date(file.mtimeMs)).toISOString(),
    capturedFrom: decoded.capturedAt ? ('exif' as const) : ('file' as const),
    tubeRow: tube?.row ?? null,
    tubeCol: tube?.col ?? null,
    importedAt,
  };
}

/** SQLite failures a user can act on; the rest stay internal errors. */
function fromDatabaseError(error: unknown): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'SQLITE_FULL') {
    return new CoreError(
      'DISK_FULL',
      { key: 'ingest.diskFull' },
      { errno: code },
      { cause: error },
    );
  }
  return error;
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GB`
    : `${Math.round(bytes / 1024 ** 2)} MB`;
}
