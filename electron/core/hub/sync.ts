/**
 * Hub sync: push this laptop's photos, predictions and label events to the hub, then
 * pull other laptops' events, predictions and photos for the inspections held here.
 *
 * Every step is idempotent and resumable. Photos are content-addressed objects (an
 * upload first asks whether the key is there) and their rows are written after their
 * files, so a hub row never points at nothing; rows are appended with
 * `ON CONFLICT DO NOTHING`. Progress is kept in the library (`sync_state`,
 * `sync_pushed_photos`) and advances only after the hub (push) or the library (pull)
 * committed: a sync cut by the network at any moment loses nothing and, run again,
 * continues from where it stopped. The laptop stays fully usable offline meanwhile.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import pg from 'pg';
import type { HubSyncResult } from '../../contract.js';
import type { CoreContext } from '../context.js';
import { CoreError } from '../errors.js';
import { originalPath, thumbPath, writeTransaction } from '../library/database.js';
import { mapLimited } from '../models/map-limited.js';
import { deviceIdOf } from '../sync/device.js';
import { mergeSlice } from '../sync/merge-slice.js';
import { placeFile } from '../sync/place-file.js';
import { readEvents, readNoteEvents } from '../sync/read-slice.js';
import type {
  SharedEvent,
  SharedImage,
  SharedImport,
  SharedModel,
  SharedNoteEvent,
  SharedPrediction,
} from '../sync/shared-records.js';
import type { HubAddress } from './hub-address.js';
import { checkHubSchema } from './hub-schema.js';
import { openObjectStore, type ObjectStore } from './object-store.js';

export interface SyncProgress {
  phase: 'photos-up' | 'predictions-up' | 'events-up' | 'photos-down' | 'events-down';
  done: number;
  total: number | null;
  /** Photo bytes moved so far in this phase (photos-down). */
  bytesDone?: number;
  bytesTotal?: number;
}

/** What one sync did: the contract's HubSyncResult. */
export type SyncResult = HubSyncResult;

export interface SyncOptions {
  onProgress?(progress: SyncProgress): void;
  /** Photos moved at once (default 4). */
  concurrency?: number;
  /** Rows per hub statement (default 500). */
  batch?: number;
  /**
   * Each photo sent (or found already on the hub), as it happens: finer than
   * onProgress's 'photos-up', which reports batches whose rows the hub committed.
   */
  onPhoto?(progress: SyncProgress): void;
  /**
   * Called between photos and batches; throws to stop there (a job's throwIfCancelled).
   * What was committed before stays, so the next run resumes from it.
   */
  stop?(): void;
}

/** The options as the steps receive them: defaults applied. */
type StepOptions = Required<Pick<SyncOptions, 'concurrency' | 'batch'>> &
  Pick<SyncOptions, 'onProgress' | 'onPhoto' | 'stop'>;

/** Writers of hub_seq rows take this lock, so sequence order is commit order. */
const APPEND_LOCK = 0x1d5c;

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  tif: 'image/tiff',
};

/** Network failures (a link that drops, a server that is down), as opposed to bugs. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'ECONNABORTED',
]);

function isNetworkError(error: unknown): boolean {
  const e = error as { code?: string; name?: string; message?: string; $metadata?: unknown };
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  if (e.$metadata !== undefined) return true; // the S3 client's errors (HTTP or transport)
  if (e.name === 'TimeoutError') return true;
  return /Connection terminated|connection error|not queryable|socket hang up|timeout/i.test(
    e.message ?? '',
  );
}

/** The object storage said no to these credentials, or there were none to give. */
function objectsRefused(what: string, error: unknown): CoreError | null {
  const e = error as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const refused =
    e.name === 'CredentialsProviderError' ||
    e.name === 'InvalidAccessKeyId' ||
    e.name === 'SignatureDoesNotMatch' ||
    e.name === 'AccessDenied' ||
    e.$metadata?.httpStatusCode === 403;
  if (!refused) return null;
  return new CoreError(
    'HUB_INVALID',
    { key: 'hub.objectsRefused', values: { what, detail: `${e.name}: ${e.message ?? ''}` } },
    undefined,
    { cause: error },
  );
}

function unreachable(what: string, error: unknown): unknown {
  if (error instanceof CoreError) return error;
  const refused = objectsRefused(what, error);
  if (refused) return refused;
  if (!isNetworkError(error)) return error;
  const e = error as { message?: string; code?: string; name?: string };
  const detail = [e.code ?? e.name, e.message].filter(Boolean).join(': ') || String(error);
  return new CoreError(
    'HUB_UNREACHABLE',
    { key: 'hub.unreachable', values: { what, detail } },
    undefined,
    { cause: error },
  );
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A connection to the hub's database; password and user from the environment. */
export async function connectHub(address: HubAddress): Promise<pg.Client> {
  const client = new pg.Client({
    connectionString: address.database,
    connectionTimeoutMillis: 15_000,
    keepAlive: true,
    // A dropped link must fail the sync (to resume later), not hang it.
    query_timeout: 120_000,
  });
  // A connection lost between queries is reported by the next query; don't crash.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (error) {
    await client.end().catch(() => undefined);
    const failure = unreachable(address.key, error);
    // A refused password or an unknown database is not a network problem: say what it is.
    throw failure instanceof CoreError
      ? failure
      : new CoreError(
          'HUB_INVALID',
          {
            key: 'hub.refused',
            values: { hub: address.key, detail: (error as Error).message ?? String(error) },
          },
          undefined,
          { cause: error },
        );
  }
  return client;
}

class SyncState {
  constructor(
    private readonly ctx: CoreContext,
    private readonly hub: string,
  ) {}
  get(key: string): string | null {
    const v = this.ctx.db
      .prepare('SELECT value FROM sync_state WHERE hub = ? AND key = ?')
      .pluck()
      .get(this.hub, key) as string | undefined;
    return v ?? null;
  }
  set(key: string, value: string): void {
    this.ctx.db
      .prepare(
        `INSERT INTO sync_state (hub, key, value) VALUES (?, ?, ?)
         ON CONFLICT (hub, key) DO UPDATE SET value = excluded.value`,
      )
      .run(this.hub, key, value);
  }
}

interface LocalPhoto extends SharedImage {
  importId: number;
}

function localImports(ctx: CoreContext, device: string): (SharedImport & { id: number })[] {
  return ctx.db
    .prepare(
      `SELECT id, coalesce(origin, @device || '/' || id) AS origin, source,
              started_at AS startedAt, finished_at AS finishedAt
       FROM imports`,
    )
    .all({ device }) as (SharedImport & { id: number })[];
}

function photosToPush(ctx: CoreContext, hub: string, device: string): LocalPhoto[] {
  return ctx.db
    .prepare(
      `SELECT i.sha256, coalesce(im.origin, @device || '/' || im.id) AS importOrigin, i.ext,
              i.format, i.original_name AS originalName, i.source_path AS sourcePath,
              i.size_bytes AS sizeBytes, i.width, i.height, i.captured_at AS capturedAt,
              i.captured_from AS capturedFrom, i.tube_row AS tubeRow, i.tube_col AS tubeCol,
              i.imported_at AS importedAt, i.import_id AS importId
       FROM images i JOIN imports im ON im.id = i.import_id
       WHERE NOT EXISTS (SELECT 1 FROM sync_pushed_photos s
                         WHERE s.hub = @hub AND s.sha256 = i.sha256)
       ORDER BY i.id`,
    )
    .all({ device, hub }) as LocalPhoto[];
}

async function pushPhotos(
  ctx: CoreContext,
  client: pg.Client,
  store: ObjectStore,
  hub: string,
  device: string,
  options: StepOptions,
  result: SyncResult,
): Promise<void> {
  const photos = photosToPush(ctx, hub, device);
  const imports = new Map(localImports(ctx, device).map((i) => [i.origin, i]));
  const markPushed = ctx.db.prepare(
    'INSERT OR IGNORE INTO sync_pushed_photos (hub, sha256) VALUES (?, ?)',
  );
  let done = 0;
  let handled = 0;
  const bytesTotal = photos.reduce((sum, p) => sum + p.sizeBytes, 0);
  let bytesHandled = 0;
  const started = Date.now();
  for (const batch of chunks(photos, options.batch)) {
    const onHub = new Set(
      (
        await client.query('SELECT sha256 FROM photos WHERE sha256 = ANY($1)', [
          batch.map((p) => p.sha256),
        ])
      ).rows.map((r: { sha256: string }) => r.sha256),
    );
    const withThumb = new Set<string>();
    await mapLimited(batch, options.concurrency, async (photo) => {
      options.stop?.();
      const thumb = thumbPath(ctx.paths, photo.sha256);
      if (existsSync(thumb)) withThumb.add(photo.sha256);
      const handledOne = () => {
        handled++;
        bytesHandled += photo.sizeBytes;
        options.onPhoto?.({
          phase: 'photos-up',
          done: handled,
          total: photos.length,
          bytesDone: bytesHandled,
          bytesTotal,
        });
      };
      if (onHub.has(photo.sha256)) {
        result.photosAlreadyOnHub++;
        handledOne();
        return;
      }
      const file = originalPath(ctx.paths, photo.sha256, photo.ext);
      const key = `originals/${photo.sha256}.${photo.ext}`;
      if (!(await store.has(key))) {
        const size = statSync(file).size;
        await store.put(key, file, CONTENT_TYPES[photo.ext] ?? 'application/octet-stream');
        result.photosUploaded++;
        result.bytesUploaded += size;
      }
      const thumbKey = `thumbs/${photo.sha256}.webp`;
      if (withThumb.has(photo.sha256) && !(await store.has(thumbKey))) {
        await store.put(thumbKey, thumb, 'image/webp');
        result.bytesUploaded += statSync(thumb).size;
      }
      handledOne();
    });
    const origins = [...new Set(batch.map((p) => p.importOrigin))];
    const inspections = origins.map((o) => {
      const i = imports.get(o);
      return {
        origin: o,
        source: i?.source ?? o,
        startedAt: i?.startedAt ?? new Date(0).toISOString(),
        finishedAt: i?.finishedAt ?? null,
      };
    });
    const rows = batch.map(({ importId: _local, ...p }) => ({
      ...p,
      hasThumb: withThumb.has(p.sha256),
    }));
    await client.query('BEGIN');
    try {
      await client.query(
        `INSERT INTO inspections (origin, source, started_at, finished_at)
         SELECT origin, source, "startedAt", "finishedAt"
         FROM json_to_recordset($1::json)
           AS x(origin text, source text, "startedAt" text, "finishedAt" text)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(inspections)],
      );
      await client.query(
        `INSERT INTO photos (sha256, ext, format, original_name, source_path, size_bytes, width,
                             height, captured_at, captured_from, tube_row, tube_col, imported_at,
                             has_thumb)
         SELECT sha256, ext, format, "originalName", "sourcePath", "sizeBytes", width, height,
                "capturedAt", "capturedFrom", "tubeRow", "tubeCol", "importedAt", "hasThumb"
         FROM json_to_recordset($1::json) AS x(sha256 text, ext text, format text,
           "originalName" text, "sourcePath" text, "sizeBytes" bigint, width int, height int,
           "capturedAt" text, "capturedFrom" text, "tubeRow" int, "tubeCol" int,
           "importedAt" text, "hasThumb" boolean)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(rows)],
      );
      await client.query(
        `INSERT INTO inspection_photos (origin, sha256)
         SELECT "importOrigin", sha256 FROM json_to_recordset($1::json)
           AS x("importOrigin" text, sha256 text)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(rows)],
      );
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    writeTransaction(ctx.db, () => {
      for (const p of batch) markPushed.run(hub, p.sha256);
    });
    done += batch.length;
    options.onProgress?.({ phase: 'photos-up', done, total: photos.length });
  }
  result.uploadMs += Date.now() - started;
}

async function pushPredictions(
  ctx: CoreContext,
  client: pg.Client,
  state: SyncState,
  batchSize: number,
  result: SyncResult,
): Promise<void> {
  const models = ctx.db
    .prepare(
      `SELECT id, name, version, file_sha256 AS fileSha256, manifest_json AS manifestJson,
              labels_json AS labelsJson, added_at AS addedAt FROM models`,
    )
    .all() as SharedModel[];
  if (models.length > 0) {
    await client.query(
      `INSERT INTO models (id, name, version, file_sha256, manifest_json, labels_json, added_at)
       SELECT id, name, version, "fileSha256", "manifestJson", "labelsJson", "addedAt"
       FROM json_to_recordset($1::json) AS x(id text, name text, version text,
         "fileSha256" text, "manifestJson" text, "labelsJson" text, "addedAt" text)
       ON CONFLICT DO NOTHING`,
      [JSON.stringify(models)],
    );
  }
  // Predictions are never rewritten in place, only added: a creation-time cursor (>=, so
  // rows of the same instant are sent again and ignored by the hub) finds the new ones.
  const since = state.get('predictionsPushedAt') ?? '';
  const rows = ctx.db
    .prepare(
      `SELECT i.sha256, p.model_id AS modelId, p.label, p.confidence, p.scores_json AS scoresJson,
              p.embedding, p.created_at AS createdAt
       FROM predictions p JOIN images i ON i.id = p.image_id
       WHERE p.created_at >= ? ORDER BY p.created_at`,
    )
    .all(since) as (Omit<SharedPrediction, 'embedding'> & { embedding: Buffer | null })[];
  for (const batch of chunks(rows, batchSize)) {
    const json = batch.map((p) => ({
      ...p,
      embedding: p.embedding ? p.embedding.toString('base64') : null,
    }));
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      const inserted = await client.query(
        `INSERT INTO predictions (sha256, model_id, label, confidence, scores_json, embedding,
                                  created_at)
         SELECT sha256, "modelId", label, confidence, "scoresJson", decode(embedding, 'base64'),
                "createdAt"
         FROM json_to_recordset($1::json) AS x(sha256 text, "modelId" text, label text,
           confidence double precision, "scoresJson" text, embedding text, "createdAt" text)
         ON CONFLICT DO NOTHING`,
        [JSON.stringify(json)],
      );
      await client.query('COMMIT');
      result.predictionsPushed += inserted.rowCount ?? 0;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    state.set('predictionsPushedAt', batch[batch.length - 1]!.createdAt);
  }
}

/**
 * Pushes a local append-only table after its cursor: reads each batch of rows by id,
 * inserts them on the hub (`ON CONFLICT DO NOTHING`: the hub keeps each row once, by its
 * unique id) under the append lock, and moves the cursor only once the batch committed,
 * so a dropped connection re-sends at most one batch. Returns the rows the hub took.
 */
async function pushAppendOnly<Row>(
  ctx: CoreContext,
  client: pg.Client,
  state: SyncState,
  batchSize: number,
  table: { local: 'label_events' | 'note_events'; cursor: string },
  read: (idsJson: string) => Row[],
  insertFromJson: string,
): Promise<number> {
  const after = Number(state.get(table.cursor) ?? '0');
  const ids = ctx.db
    .prepare(`SELECT id FROM ${table.local} WHERE id > ? ORDER BY id`)
    .pluck()
    .all(after) as number[];
  let inserted = 0;
  for (const batch of chunks(ids, batchSize)) {
    const rows = read(JSON.stringify(batch));
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [APPEND_LOCK]);
      const answer = await client.query(insertFromJson, [JSON.stringify(rows)]);
      await client.query('COMMIT');
      inserted += answer.rowCount ?? 0;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    state.set(table.cursor, String(batch[batch.length - 1]));
  }
  return inserted;
}

/**
 * Note changes (issue 11, hub schema 2): every change this laptop holds after the cursor,
 * its own and merged ones alike.
 */
async function pushNoteEvents(
  ctx: CoreContext,
  client: pg.Client,
  state: SyncState,
  batchSize: number,
): Promise<void> {
  await pushAppendOnly(
    ctx,
    client,
    state,
    batchSize,
    { local: 'note_events', cursor: 'notesPushedId' },
    (ids) => readNoteEvents(ctx.db, 'n.id IN (SELECT value FROM json_each(@ids))', { ids }),
    `INSERT INTO note_events (event_uid, device_id, device_seq, lamport, sha256, old_note,
                              new_note, author, at)
     SELECT uid, "deviceId", "deviceSeq", lamport, sha256, "oldNote", "newNote", author, at
     FROM json_to_recordset($1::json) AS x(uid text, "deviceId" text, "deviceSeq" bigint,
       lamport bigint, sha256 text, "oldNote" text, "newNote" text, author text, at text)
     ON CONFLICT DO NOTHING`,
  );
}

/** The other laptops' note changes on photos held here (after the rows' cursor). */
async function pullNoteEvents(
  ctx: CoreContext,
  client: pg.Client,
  state: SyncState,
  device: string,
  origins: string[],
  scope: string,
  batchSize: number,
  changed: Set<number>,
  stop?: SyncOptions['stop'],
): Promise<void> {
  const held = 'sha256 IN (SELECT sha256 FROM inspection_photos WHERE origin = ANY($2))';
  await pullAfterCursor<SharedNoteEvent & { hub_seq: string }>(
    ctx,
    client,
    state,
    `notesPulledSeq:${scope}`,
    `SELECT hub_seq, event_uid AS uid, device_id AS "deviceId", device_seq AS "deviceSeq",
            lamport, sha256, old_note AS "oldNote", new_note AS "newNote", author, at
     FROM note_events WHERE hub_seq > $1 AND ${held} AND device_id <> $4
     ORDER BY hub_seq LIMIT $3`,
    [origins, batchSize, device],
    (ready) => {
      const noteEvents = ready.map(({ hub_seq: _seq, ...n }) => ({
        ...n,
        deviceSeq: Number(n.deviceSeq),
        lamport: Number(n.lamport),
      }));
      const merged = mergeSlice(
        ctx.db,
        { imports: [], images: [], models: [], predictions: [], events: [], noteEvents },
        ctx.now().toISOString(),
      );
      merged.changedImageIds.forEach((id) => changed.add(id));
    },
    stop,
  );
}

async function pushEvents(
  ctx: CoreContext,
  client: pg.Client,
  state: SyncState,
  batchSize: number,
  result: SyncResult,
): Promise<void> {
  result.eventsPushed += await pushAppendOnly(
    ctx,
    client,
    state,
    batchSize,
    { local: 'label_events', cursor: 'eventsPushedId' },
    (ids) => readEvents(ctx.db, 'e.id IN (SELECT value FROM json_each(@ids))', { ids }),
    `INSERT INTO label_events (event_uid, device_id, device_seq, device_decision, lamport,
                               sha256, old_label, new_label, reviewer, at, model_id, kind,
                               undone, parents)
     SELECT uid, "deviceId", "deviceSeq", "deviceDecision", lamport, sha256, "oldLabel",
            "newLabel", reviewer, at, "modelId", kind, undone,
            ARRAY(SELECT json_array_elements_text(parents))
     FROM json_to_recordset($1::json) AS x(uid text, "deviceId" text, "deviceSeq" bigint,
       "deviceDecision" bigint, lamport bigint, sha256 text, "oldLabel" text,
       "newLabel" text, reviewer text, at text, "modelId" text, kind text, undone boolean,
       parents json)
     ON CONFLICT DO NOTHING`,
  );
  // Undo flags only ever turn on: send every undone event's id; the hub keeps the flag.
  const undone = ctx.db
    .prepare('SELECT event_uid FROM label_events WHERE undone = 1')
    .pluck()
    .all() as string[];
  if (undone.length > 0) {
    await client.query(
      'UPDATE label_events SET undone = true WHERE event_uid = ANY($1) AND NOT undone',
      [undone],
    );
  }
}

interface HubPhotoRow {
  sha256: string;
  origin: string;
  ext: string;
  format: string;
  original_name: string;
  source_path: string;
  size_bytes: string;
  width: number;
  height: number;
  captured_at: string;
  captured_from: 'exif' | 'file';
  tube_row: number | null;
  tube_col: number | null;
  imported_at: string;
  has_thumb: boolean;
}

function toPrediction(r: Record<string, unknown>): SharedPrediction {
  return {
    sha256: r.sha256 as string,
    modelId: r.model_id as string,
    label: r.label as string,
    confidence: Number(r.confidence),
    scoresJson: r.scores_json as string,
    embedding: r.embedding ? (r.embedding as Buffer).toString('base64') : null,
    createdAt: r.created_at as string,
  };
}

async function hubModels(client: pg.Client): Promise<SharedModel[]> {
  const rows = await client.query(
    `SELECT id, name, version, file_sha256 AS "fileSha256", manifest_json AS "manifestJson",
            labels_json AS "labelsJson", added_at AS "addedAt" FROM models`,
  );
  return rows.rows as SharedModel[];
}

/**
 * A download a flaky link cut mid-body (a reset connection) is asked for again, twice:
 * the SDK retries requests, not a body already streaming. placeFile keeps nothing of a
 * cut download, so asking again is safe. A link that stays down still fails the sync.
 */
async function fetchAgainOnDrop(options: StepOptions, fetch: () => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await fetch();
      return;
    } catch (error) {
      if (attempt >= 3 || !isNetworkError(error)) throw error;
      options.stop?.();
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

async function pullPhotos(
  ctx: CoreContext,
  client: pg.Client,
  store: ObjectStore,
  hub: string,
  origins: string[],
  options: StepOptions,
  result: SyncResult,
): Promise<void> {
  const rows = (
    await client.query(
      `SELECT p.*, ip.origin FROM inspection_photos ip JOIN photos p ON p.sha256 = ip.sha256
       WHERE ip.origin = ANY($1) ORDER BY ip.origin, p.captured_at`,
      [origins],
    )
  ).rows as HubPhotoRow[];
  const known = ctx.db.prepare('SELECT 1 FROM images WHERE sha256 = ?').pluck();
  // A photo of two inspections (two laptops read the same card) is fetched once.
  const seen = new Set<string>();
  const missing = rows.filter((r) => {
    if (known.get(r.sha256) !== undefined || seen.has(r.sha256)) return false;
    seen.add(r.sha256);
    return true;
  });
  if (missing.length === 0) return;
  const bytesTotal = missing.reduce((sum, r) => sum + Number(r.size_bytes), 0);
  let placed = 0;
  let bytesPlaced = 0;
  const inspections = (
    await client.query(
      `SELECT origin, source, started_at AS "startedAt", finished_at AS "finishedAt"
       FROM inspections WHERE origin = ANY($1)`,
      [origins],
    )
  ).rows as SharedImport[];
  const models = await hubModels(client);
  const markPushed = ctx.db.prepare(
    'INSERT OR IGNORE INTO sync_pushed_photos (hub, sha256) VALUES (?, ?)',
  );
  for (const batch of chunks(missing, options.batch)) {
    await mapLimited(batch, options.concurrency, async (r) => {
      options.stop?.();
      await fetchAgainOnDrop(options, async () =>
        placeFile(
          ctx.paths,
          originalPath(ctx.paths, r.sha256, r.ext),
          await store.get(`originals/${r.sha256}.${r.ext}`),
          r.sha256,
        ),
      );
      result.bytesDownloaded += Number(r.size_bytes);
      if (r.has_thumb) {
        await fetchAgainOnDrop(options, async () =>
          placeFile(
            ctx.paths,
            thumbPath(ctx.paths, r.sha256),
            await store.get(`thumbs/${r.sha256}.webp`),
            null,
          ),
        );
      }
      placed++;
      bytesPlaced += Number(r.size_bytes);
      options.onProgress?.({
        phase: 'photos-down',
        done: placed,
        total: missing.length,
        bytesDone: bytesPlaced,
        bytesTotal,
      });
    });
    const predictions = (
      await client.query('SELECT * FROM predictions WHERE sha256 = ANY($1)', [
        batch.map((r) => r.sha256),
      ])
    ).rows.map(toPrediction);
    const images: SharedImage[] = batch.map((r) => ({
      sha256: r.sha256,
      importOrigin: r.origin,
      ext: r.ext,
      format: r.format,
      originalName: r.original_name,
      sourcePath: r.source_path,
      sizeBytes: Number(r.size_bytes),
      width: r.width,
      height: r.height,
      capturedAt: r.captured_at,
      capturedFrom: r.captured_from,
      tubeRow: r.tube_row,
      tubeCol: r.tube_col,
      importedAt: r.imported_at,
    }));
    const merged = mergeSlice(
      ctx.db,
      { imports: inspections, images, models, predictions, events: [] },
      ctx.now().toISOString(),
    );
    result.photosDownloaded += merged.imagesAdded;
    result.predictionsPulled += merged.predictionsAdded;
    writeTransaction(ctx.db, () => {
      for (const r of batch) markPushed.run(hub, r.sha256);
    });
  }
}

/**
 * Pulls a hub table after this laptop's cursor, in hub order, a batch at a time: the rows
 * up to the first whose photo is not here yet (it comes with a later sync's photos) go to
 * `merge`, then the cursor moves past them. `select` takes the cursor as $1, then `args`.
 */
async function pullAfterCursor<Row extends { sha256: string; hub_seq: unknown }>(
  ctx: CoreContext,
  client: pg.Client,
  state: SyncState,
  cursorKey: string,
  select: string,
  args: unknown[],
  merge: (ready: Row[]) => void,
  stop?: SyncOptions['stop'],
): Promise<void> {
  let cursor = Number(state.get(cursorKey) ?? '0');
  for (;;) {
    stop?.();
    const rows = (await client.query(select, [cursor, ...args])).rows as Row[];
    const { ready, stopped } = rowsWithPhotosHere(ctx, rows);
    if (ready.length === 0) break;
    merge(ready);
    cursor = Number(ready[ready.length - 1]!.hub_seq);
    state.set(cursorKey, String(cursor));
    if (stopped) break;
  }
}

/**
 * The rows a cursor may move past: those before the first whose photo is not here yet
 * (another laptop added it to the inspection after this sync listed the photos). The
 * cursor stops there, so the next sync fetches the photo first, then that row.
 */
function rowsWithPhotosHere<T extends { sha256: string }>(
  ctx: CoreContext,
  rows: T[],
): { ready: T[]; stopped: boolean } {
  const known = ctx.db.prepare('SELECT 1 FROM images WHERE sha256 = ?').pluck();
  const first = rows.findIndex((r) => known.get(r.sha256) === undefined);
  return first === -1
    ? { ready: rows, stopped: false }
    : { ready: rows.slice(0, first), stopped: true };
}

function originsKey(origins: string[]): string {
  return createHash('sha256').update(origins.join('\n')).digest('hex').slice(0, 16);
}

async function pullRows(
  ctx: CoreContext,
  client: pg.Client,
  state: SyncState,
  device: string,
  origins: string[],
  batchSize: number,
  result: SyncResult,
  onProgress?: SyncOptions['onProgress'],
  stop?: SyncOptions['stop'],
): Promise<void> {
  // The cursors hold for one set of inspections: a laptop that gains an inspection reads
  // the hub's rows again from the start (merging is idempotent).
  const scope = originsKey(origins);
  const held = 'sha256 IN (SELECT sha256 FROM inspection_photos WHERE origin = ANY($2))';
  const models = await hubModels(client);
  // Predictions are pulled whole, with no stop between batches: they are few per photo.
  await pullAfterCursor<Record<string, unknown> & { sha256: string; hub_seq: unknown }>(
    ctx,
    client,
    state,
    `predictionsPulledSeq:${scope}`,
    `SELECT * FROM predictions WHERE hub_seq > $1 AND ${held} ORDER BY hub_seq LIMIT $3`,
    [origins, batchSize],
    (ready) => {
      const merged = mergeSlice(
        ctx.db,
        { imports: [], images: [], models, predictions: ready.map(toPrediction), events: [] },
        ctx.now().toISOString(),
      );
      result.predictionsPulled += merged.predictionsAdded;
    },
  );
  let pulled = 0;
  const changed = new Set<number>();
  // Events pulled from the hub need no push back: when nothing of this laptop's waited
  // to be sent, the push cursor moves past them, in the same write transaction (a
  // decision taken meanwhile in another window gets a later id and is still sent).
  const maxId = ctx.db.prepare('SELECT coalesce(max(id), 0) FROM label_events').pluck();
  await pullAfterCursor<SharedEvent & { hub_seq: string }>(
    ctx,
    client,
    state,
    `eventsPulledSeq:${scope}`,
    `SELECT hub_seq, event_uid AS uid, device_id AS "deviceId", device_seq AS "deviceSeq",
            device_decision AS "deviceDecision", lamport, sha256, old_label AS "oldLabel",
            new_label AS "newLabel", reviewer, at, model_id AS "modelId", kind, undone,
            parents
     FROM label_events WHERE hub_seq > $1 AND ${held} AND device_id <> $4
     ORDER BY hub_seq LIMIT $3`,
    [origins, batchSize, device],
    (ready) => {
      const events = ready.map(({ hub_seq: _seq, ...e }) => ({
        ...e,
        deviceSeq: Number(e.deviceSeq),
        deviceDecision: Number(e.deviceDecision),
        lamport: Number(e.lamport),
      }));
      const merged = writeTransaction(ctx.db, () => {
        const caughtUp = Number(state.get('eventsPushedId') ?? '0') >= (maxId.get() as number);
        const slice = mergeSlice(
          ctx.db,
          { imports: [], images: [], models: [], predictions: [], events },
          ctx.now().toISOString(),
        );
        if (caughtUp) state.set('eventsPushedId', String(maxId.get() as number));
        return slice;
      });
      merged.changedImageIds.forEach((id) => changed.add(id));
      result.eventsPulled += merged.eventsAdded;
      pulled += ready.length;
      onProgress?.({ phase: 'events-down', done: pulled, total: null });
    },
    stop,
  );
  await pullNoteEvents(ctx, client, state, device, origins, scope, batchSize, changed, stop);
  // Undo flags set on the hub after this laptop pulled the event.
  const undone = (
    await client.query(
      `SELECT event_uid FROM label_events WHERE undone AND ${held.replace('$2', '$1')}`,
      [origins],
    )
  ).rows.map((r: { event_uid: string }) => r.event_uid);
  if (undone.length > 0) {
    ctx.db
      .prepare(
        `UPDATE label_events SET undone = 1
         WHERE undone = 0 AND event_uid IN (SELECT value FROM json_each(?))`,
      )
      .run(JSON.stringify(undone));
  }
  if (changed.size > 0) {
    ctx.events.emit('library.changed', { imageIds: [...changed], reason: 'review' });
  }
}

/** A result with every counter at zero, filled in as the sync goes. */
function emptySyncResult(hub: string): SyncResult {
  return {
    hub,
    photosUploaded: 0,
    bytesUploaded: 0,
    photosAlreadyOnHub: 0,
    predictionsPushed: 0,
    eventsPushed: 0,
    photosDownloaded: 0,
    bytesDownloaded: 0,
    predictionsPulled: 0,
    eventsPulled: 0,
    conflicts: 0,
    uploadMs: 0,
    durationMs: 0,
  };
}

/** One full sync with the hub: push, then pull. Run it again after any failure. */
export async function syncWithHub(
  ctx: CoreContext,
  address: HubAddress,
  options: SyncOptions = {},
): Promise<SyncResult> {
  const started = Date.now();
  const opts = { concurrency: 8, batch: 500, ...options };
  const result = emptySyncResult(address.key);
  const client = await connectHub(address);
  const store = openObjectStore(address.objects);
  const state = new SyncState(ctx, address.key);
  const device = deviceIdOf(ctx.db);
  try {
    await checkHubSchema(client, address.key, ctx.options.hubMigrationsDir);
    await client.query(
      `INSERT INTO devices (device_id, last_sync) VALUES ($1, now()) ON CONFLICT DO NOTHING`,
      [device],
    );
    await pushPhotos(ctx, client, store, address.key, device, opts, result);
    opts.stop?.();
    await pushPredictions(ctx, client, state, opts.batch, result);
    opts.stop?.();
    await pushEvents(ctx, client, state, opts.batch, result);
    opts.stop?.();
    await pushNoteEvents(ctx, client, state, opts.batch);
    opts.stop?.();
    const origins = localImports(ctx, device)
      .map((i) => i.origin)
      .sort();
    await pullPhotos(ctx, client, store, address.key, origins, opts, result);
    await pullRows(
      ctx,
      client,
      state,
      device,
      origins,
      opts.batch,
      result,
      opts.onProgress,
      opts.stop,
    );
    await client.query('UPDATE devices SET last_sync = now() WHERE device_id = $1', [device]);
    result.conflicts = ctx.db
      .prepare('SELECT count(*) FROM label_conflicts')
      .pluck()
      .get() as number;
    state.set('lastSyncAt', ctx.now().toISOString());
    if (result.photosDownloaded > 0) {
      ctx.events.emit('library.changed', { imageIds: [], reason: 'import' });
    }
  } catch (error) {
    throw unreachable(address.key, error);
  } finally {
    store.close();
    await client.end().catch(() => undefined);
  }
  result.durationMs = Date.now() - started;
  return result;
}

/** An inspection as the hub knows it: one SD-card import on one laptop. */
export interface HubInspection {
  /** '<device id>/<import id>' of the laptop that read the card. */
  origin: string;
  source: string;
  startedAt: string;
  photos: number;
}

export async function listHubInspections(client: pg.Client): Promise<HubInspection[]> {
  const rows = await client.query(
    `SELECT i.origin, i.source, i.started_at AS "startedAt", count(ip.sha256)::int AS photos
     FROM inspections i LEFT JOIN inspection_photos ip ON ip.origin = i.origin
     GROUP BY i.origin ORDER BY i.started_at, i.origin`,
  );
  return rows.rows as HubInspection[];
}

/**
 * Receives everything the hub holds about some inspections (every laptop's photos,
 * predictions and label events) into this library, merged the way laptops merge, and
 * sends nothing: the hub export's staging library. Resumable like a sync: files already
 * here are not fetched again, and the row cursors continue where the last run stopped.
 * `origins` null: every inspection on the hub.
 */
export async function pullInspections(
  ctx: CoreContext,
  address: HubAddress,
  origins: string[] | null,
  options: SyncOptions = {},
): Promise<SyncResult & { inspections: HubInspection[] }> {
  const started = Date.now();
  const opts = { concurrency: 8, batch: 500, ...options };
  const result = emptySyncResult(address.key);
  const client = await connectHub(address);
  const store = openObjectStore(address.objects);
  const state = new SyncState(ctx, address.key);
  const device = deviceIdOf(ctx.db);
  let inspections: HubInspection[];
  try {
    await checkHubSchema(client, address.key, ctx.options.hubMigrationsDir);
    const all = await listHubInspections(client);
    inspections = origins === null ? all : all.filter((i) => origins.includes(i.origin));
    const chosen = inspections.map((i) => i.origin).sort();
    await pullPhotos(ctx, client, store, address.key, chosen, opts, result);
    await pullRows(
      ctx,
      client,
      state,
      device,
      chosen,
      opts.batch,
      result,
      opts.onProgress,
      opts.stop,
    );
    result.conflicts = ctx.db
      .prepare('SELECT count(*) FROM label_conflicts')
      .pluck()
      .get() as number;
  } catch (error) {
    throw unreachable(address.key, error);
  } finally {
    store.close();
    await client.end().catch(() => undefined);
  }
  result.durationMs = Date.now() - started;
  return { ...result, inspections };
}
