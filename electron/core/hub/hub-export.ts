/**
 * `export --hub`: the data team's dataset across every laptop. The hub's inspections
 * are received into a staging library (a plain Inspection Desk library in a cache
 * folder) by the same pull laptops use, so each photo is there once (by sha256) and its
 * current label is settled exactly as laptops settle it; the ordinary export
 * (core/export) then writes it, in the same formats, with the photos two people labeled
 * differently listed in conflicts.csv. Photos stream from object storage and are
 * checked against their sha256 before they take their place. The staging library
 * persists: a run cut by the network (or Ctrl-C) is run again and fetches only what it
 * lacks; a later run fetches only what is new on the hub.
 */
import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { ExportOptions, ExportResult } from '../../contract.js';
import type { CoreContext } from '../context.js';
import { CoreError, isCoreError } from '../errors.js';
import { checkDestination, prepareExport } from '../export/plan.js';
import { runExport } from '../export/run-export.js';
import type { HubAddress } from './hub-address.js';
import { checkHubSchema } from './hub-schema.js';
import { connectHub, listHubInspections, pullInspections, type HubInspection } from './sync.js';

/** Where the staging library of one hub and one choice of inspections lives by default. */
export function defaultHubExportCache(
  address: HubAddress,
  origins: string[] | null,
  env: NodeJS.ProcessEnv = process.env,
  home = os.homedir(),
): string {
  const base =
    env.XDG_CACHE_HOME ||
    (process.platform === 'win32'
      ? (env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'))
      : process.platform === 'darwin'
        ? path.join(home, 'Library', 'Caches')
        : path.join(home, '.cache'));
  const key = createHash('sha256')
    .update(`${address.key}\n${origins === null ? '*' : [...origins].sort().join('\n')}`)
    .digest('hex')
    .slice(0, 16);
  return path.join(base, 'inspection-desk', 'hub-export', key);
}

/**
 * The inspections the user named: an origin ('<device>/<import>') exactly, or the folder
 * name of the card (case-insensitive), which names every laptop's reading of that card.
 * No refs: every inspection on the hub.
 */
export function matchHubInspections(all: HubInspection[], refs: string[]): HubInspection[] {
  if (refs.length === 0) return all;
  const chosen = new Map<string, HubInspection>();
  for (const ref of refs) {
    const wanted = ref.trim().toLocaleLowerCase();
    const matches = all.filter(
      (i) =>
        i.origin.toLocaleLowerCase() === wanted ||
        path.basename(i.source.replace(/\\/g, '/')).toLocaleLowerCase() === wanted,
    );
    if (matches.length === 0) {
      const known = all
        .slice(0, 10)
        .map((i) => `${i.origin} (${path.basename(i.source.replace(/\\/g, '/'))})`)
        .join(', ');
      throw new CoreError('NOT_FOUND', {
        key: 'hubExport.unknownInspection',
        values: { ref: ref.trim(), known: known || '-' },
      });
    }
    for (const m of matches) chosen.set(m.origin, m);
  }
  return [...chosen.values()];
}

/** A hub out of reach, told as an export: run the same export again, nothing is lost. */
function asExportError(error: unknown, cache: string): unknown {
  if (!isCoreError(error, 'HUB_UNREACHABLE')) return error;
  return new CoreError(
    'HUB_UNREACHABLE',
    { key: 'hubExport.unreachable', values: { ...error.localized?.values, cache } },
    undefined,
    { cause: error },
  );
}

/** Connects once to check the hub and resolve the inspections, before any job starts. */
export async function resolveHubInspections(
  address: HubAddress,
  refs: string[],
  options: { cache: string; migrationsDir?: string },
): Promise<HubInspection[]> {
  try {
    const client = await connectHub(address);
    try {
      await checkHubSchema(client, address.key, options.migrationsDir);
      return matchHubInspections(await listHubInspections(client), refs);
    } finally {
      await client.end().catch(() => undefined);
    }
  } catch (error) {
    throw asExportError(error, options.cache);
  }
}

/** The model with the most predictions here: the hub export's `predicted` column. */
function busiestModel(ctx: CoreContext): string | undefined {
  return ctx.db
    .prepare(
      'SELECT model_id FROM predictions GROUP BY model_id ORDER BY count(*) DESC, model_id LIMIT 1',
    )
    .pluck()
    .get() as string | undefined;
}

/**
 * Starts the hub export as an `export` job of the staging library `ctx`: receive, then
 * write. Progress and cancel work as for a local export (phase `downloading`, then the
 * export's own phases). Fails at once on an unusable destination.
 */
export function startHubExport(
  ctx: CoreContext,
  address: HubAddress,
  inspections: HubInspection[],
  options: ExportOptions,
): { jobId: string } {
  const running = ctx.jobs.running('export');
  if (running) {
    throw new CoreError(
      'JOB_RUNNING',
      { key: 'export.alreadyRunning', values: { jobId: running.id } },
      { jobId: running.id },
    );
  }
  checkDestination(ctx, options.dest);
  const origins = inspections.map((i) => i.origin);
  const job = ctx.jobs.start('export', async (handle): Promise<ExportResult> => {
    handle.progress({ phase: 'downloading', done: 0, total: null });
    try {
      await pullInspections(ctx, address, origins, {
        stop: () => handle.throwIfCancelled(),
        onProgress: (p) => {
          if (p.phase === 'photos-down') {
            handle.progress({
              phase: 'downloading',
              done: p.done,
              total: p.total,
              bytesDone: p.bytesDone ?? 0,
              bytesTotal: p.bytesTotal ?? null,
            });
          }
        },
      });
    } catch (error) {
      throw asExportError(error, ctx.paths.root);
    }
    handle.throwIfCancelled();
    const modelId = options.filter?.modelId ?? busiestModel(ctx);
    const prepared = prepareExport(ctx, {
      ...options,
      filter: { ...options.filter, ...(modelId ? { modelId } : {}) },
    });
    prepared.source = {
      hub: address.key,
      stagingLibrary: ctx.paths.root,
      inspections: inspections.map((i) => ({
        origin: i.origin,
        source: i.source,
        startedAt: i.startedAt,
        photos: i.photos,
      })),
    };
    return runExport(ctx, handle, prepared);
  });
  return { jobId: job.id };
}
