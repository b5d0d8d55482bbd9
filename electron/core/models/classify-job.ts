/**
 * The "classify the library" job: every photo missing a prediction of the model (or
 * every photo, with `all`), read from the library's originals, decoded once, classified
 * in batches and stored one transaction per batch. Safe to re-run: a cancelled or failed
 * run leaves finished batches stored and the next run picks up the rest.
 */
import { readFile } from 'node:fs/promises';
import type { ClassifyFailure, ClassifyResult } from '../../contract.js';
import type { CoreContext } from '../context.js';
import { CoreError, isCoreError, serializeError } from '../errors.js';
import { describeRaw, isUsableOutput, type ModelOutput } from '../inference/postprocess.js';
import { decodePhoto, type RawImage } from '../imaging/decode.js';
import type { JobHandle } from '../jobs/registry.js';
import { originalPath } from '../library/database.js';
import { mapLimited } from './map-limited.js';
import type { LoadedModel } from './registry.js';
import { storePredictions } from './registry.js';

/** Photos read, decoded and stored together; also the unit of cancellation. */
const PAGE_SIZE = 32;
/** Concurrent decodes: sharp already spreads each decode over libvips threads. */
const DECODE_CONCURRENCY = 2;
/** At most this many per-photo failures are listed in the result; the rest are only counted. */
export const MAX_LISTED_FAILURES = 50;

interface ImageRef {
  id: number;
  sha256: string;
  ext: string;
  original_name: string;
  size_bytes: number;
}

interface Decoded {
  ref: ImageRef;
  preview: RawImage | null;
  error: CoreError | null;
}

/** What a classify job runs with. */
export interface ClassifyJobOptions {
  model: LoadedModel;
  /** Re-classify photos that already have a prediction of this model. */
  all: boolean;
  /**
   * Instead: photos with no stored embedding of this model (the embeddings backfill),
   * every one or only the reviewed ones (what the improve job needs).
   */
  missingEmbeddings?: 'all' | 'reviewed';
}

function selection(all: boolean, missingEmbeddings?: 'all' | 'reviewed'): string {
  if (missingEmbeddings) {
    return `FROM images i WHERE i.id <= @maxId
       AND NOT EXISTS (SELECT 1 FROM embeddings e WHERE e.model_id = @modelId AND e.image_id = i.id)
       ${missingEmbeddings === 'reviewed' ? 'AND EXISTS (SELECT 1 FROM labels l WHERE l.image_id = i.id)' : ''}`;
  }
  return all
    ? 'FROM images i WHERE i.id <= @maxId'
    : `FROM images i WHERE i.id <= @maxId
       AND NOT EXISTS (SELECT 1 FROM predictions p WHERE p.image_id = i.id AND p.model_id = @modelId)`;
}

async function decodePage(ctx: CoreContext, refs: ImageRef[]): Promise<Decoded[]> {
  return mapLimited(refs, DECODE_CONCURRENCY, async (ref) => {
    try {
      const bytes = await readFile(originalPath(ctx.paths, ref.sha256, ref.ext));
      const { preview } = await decodePhoto(bytes, ref.original_name);
      return { ref, preview, error: null };
    } catch (error) {
      const failure = isCoreError(error)
        ? error
        : new CoreError(
            'NOT_FOUND',
            {
              key: 'models.classify.originalUnreadable',
              values: { name: ref.original_name, reason: (error as Error).message },
            },
            { imageId: ref.id },
            { cause: error },
          );
      return { ref, preview: null, error: failure };
    }
  });
}

/** Runs the job; returns what it did (also when cancelled part-way). */
export async function runClassifyJob(
  ctx: CoreContext,
  job: JobHandle,
  { model, all, missingEmbeddings }: ClassifyJobOptions,
): Promise<ClassifyResult> {
  const started = Date.now();
  const maxId =
    (ctx.db.prepare('SELECT MAX(id) AS maxId FROM images').get() as { maxId: number | null })
      .maxId ?? 0;
  const params = { maxId, modelId: model.id };
  const totals = ctx.db
    .prepare(
      `SELECT COUNT(*) AS n, COALESCE(SUM(i.size_bytes), 0) AS bytes ${selection(all, missingEmbeddings)}`,
    )
    .get(params) as { n: number; bytes: number };
  const page = ctx.db.prepare(
    `SELECT i.id, i.sha256, i.ext, i.original_name, i.size_bytes ${selection(all, missingEmbeddings)} AND i.id > @after
     ORDER BY i.id LIMIT ${PAGE_SIZE}`,
  );
  const nextPage = (after: number): ImageRef[] => page.all({ ...params, after }) as ImageRef[];

  let classified = 0;
  let failed = 0;
  const failures: ClassifyFailure[] = [];
  let bytesDone = 0;
  job.progress({
    phase: 'classifying',
    total: totals.n,
    bytesTotal: totals.bytes,
    counters: { classified, failed },
  });

  let refs = job.signal.aborted ? [] : nextPage(0);
  // Decoding the next page (sharp, on libuv threads) overlaps with inference of this one.
  let decoding = refs.length ? decodePage(ctx, refs) : null;
  while (decoding) {
    const decoded = await decoding;
    const last = refs[refs.length - 1]!.id;
    refs = job.signal.aborted ? [] : nextPage(last);
    decoding = refs.length ? decodePage(ctx, refs) : null;

    const ok = decoded.filter((d): d is Decoded & { preview: RawImage } => d.preview !== null);
    const fail = (ref: ImageRef, error: unknown): void => {
      failed++;
      if (failures.length < MAX_LISTED_FAILURES) {
        failures.push({ imageId: ref.id, name: ref.original_name, error: serializeError(error) });
        ctx.logger.warn(`classify: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    for (const bad of decoded) if (bad.error) fail(bad.ref, bad.error);
    if (ok.length > 0) {
      const outputs = await classifyEach(model, ok);
      const rows: { imageId: number; output: ModelOutput }[] = [];
      ok.forEach((d, i) => {
        const result = outputs[i]!;
        if (result instanceof Error) fail(d.ref, result);
        else if (!isUsableOutput(result)) {
          fail(
            d.ref,
            new CoreError(
              'MODEL_INVALID',
              {
                key: 'models.classify.badOutput',
                values: { value: describeRaw(result.raw ?? Float32Array.of(result.confidence)) },
              },
              { imageId: d.ref.id },
            ),
          );
        } else rows.push({ imageId: d.ref.id, output: result });
      });
      storePredictions(ctx, model.id, rows);
      classified += rows.length;
      if (rows.length > 0) {
        ctx.events.emit('library.changed', {
          imageIds: rows.map((r) => r.imageId),
          reason: 'classify',
        });
      }
    }
    bytesDone += decoded.reduce((sum, d) => sum + d.ref.size_bytes, 0);
    job.progress({
      done: classified + failed,
      bytesDone,
      counters: { classified, failed },
    });
    if (job.signal.aborted) {
      await decoding?.catch(() => undefined);
      break;
    }
  }
  return { modelId: model.id, classified, failed, durationMs: Date.now() - started, failures };
}

/**
 * Classifies a page in one batch; when the batch fails, photo by photo, so one photo the
 * model cannot take fails alone (with its reason) instead of failing its whole page.
 */
async function classifyEach(
  model: LoadedModel,
  page: readonly { preview: RawImage }[],
): Promise<(ModelOutput | Error)[]> {
  try {
    return await model.classify(page.map((d) => d.preview));
  } catch {
    const results: (ModelOutput | Error)[] = [];
    for (const d of page) {
      try {
        const [output] = await model.classify([d.preview]);
        results.push(output ?? new Error('the model returned no result'));
      } catch (error) {
        results.push(error instanceof Error ? error : new Error(String(error)));
      }
    }
    return results;
  }
}
