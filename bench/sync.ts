/**
 * `npm run bench:sync`: hub sync against a real PostgreSQL and S3-protocol server (the
 * throwaway hub of scripts/test-hub.sh), measured side by side in one run:
 *
 *  1. upload floor: the inspection's bytes sent as one multipart object;
 *  2. a laptop syncs a fresh N-photo inspection (target: < 2x the floor);
 *  3. the same laptop syncs again with nothing new (target: < 1 s);
 *  4. the data team's `export --hub` of that inspection into an empty staging library,
 *     against the download floor (the same bytes as one object, fetched back); then the
 *     same export again, with every photo already received (only rows are read);
 *  5. ten laptops, each with its own inspection and a decision on every photo, sync at
 *     once; then each syncs again (pulling the others' nothing: they hold other
 *     inspections) to show the quiet path under ten clients.
 *
 * The object store is reached through a simulated plant link (default 10 Mbit/s each way,
 * shared by every connection; --mbit 0 for loopback speed), so the floor and the sync
 * pay the same link, as on site.
 *
 *   eval "$(bash scripts/test-hub.sh start)"; npm run bench:sync [-- --photos 5000 --kb 40 --mbit 10]
 */
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore, type Core } from '../electron/core/app.js';
import { originalPath } from '../electron/core/library/database.js';
import { openObjectStore } from '../electron/core/hub/object-store.js';
import { syncWithHub, type SyncResult } from '../electron/core/hub/sync.js';
import { resolveHubInspections, startHubExport } from '../electron/core/hub/hub-export.js';
import { ExportOptions } from '../electron/contract.js';
import { createThrowawayHub } from '../test/hub/throwaway-hub.js';

const { values } = parseArgs({
  options: {
    photos: { type: 'string', default: '5000' },
    kb: { type: 'string', default: '40' },
    laptops: { type: 'string', default: '10' },
    'laptop-photos': { type: 'string', default: '500' },
    mbit: { type: 'string', default: '10' },
  },
});
const PHOTOS = Number(values.photos);
const KB = Number(values.kb);
const LAPTOPS = Number(values.laptops);
const LAPTOP_PHOTOS = Number(values['laptop-photos']);
/** The plant link to the object store, simulated on loopback (0: unlimited). */
const MBIT = Number(values.mbit);

const work = mkdtempSync(path.join(os.tmpdir(), 'bench-sync-'));
const cores: Core[] = [];

/** A library with one import of `count` photo files of random bytes (sync never decodes). */
async function laptopWith(name: string, count: number): Promise<{ core: Core; bytes: number }> {
  const core = await createCore({
    libraryDir: path.join(work, name),
    defaultModelDirs: [],
    defaultReviewer: name,
  });
  cores.push(core);
  const { db, paths } = core.context;
  const importId = Number(
    db
      .prepare(
        `INSERT INTO imports (source, status, started_at, finished_at)
         VALUES (?, 'done', '2026-03-12T10:00:00Z', '2026-03-12T11:00:00Z')`,
      )
      .run(`/media/${name}/SD`).lastInsertRowid,
  );
  const insert = db.prepare(
    `INSERT INTO images (sha256, ext, format, original_name, source_path, import_id, size_bytes,
       width, height, captured_at, captured_from, imported_at)
     VALUES (?, 'jpg', 'jpeg', ?, ?, ?, ?, 640, 480, ?, 'exif', '2026-03-12T11:00:00Z')`,
  );
  let bytes = 0;
  const rows: [string, string, number][] = [];
  for (let i = 0; i < count; i++) {
    const data = randomBytes(Math.round(KB * 1024 * (0.75 + ((i * 7919) % 50) / 100)));
    const sha = createHash('sha256').update(data).digest('hex');
    const file = originalPath(paths, sha, 'jpg');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, data);
    bytes += data.length;
    rows.push([sha, `IMG_${String(i).padStart(5, '0')}.JPG`, data.length]);
  }
  db.transaction(() => {
    rows.forEach(([sha, name2, size], i) =>
      insert.run(
        sha,
        name2,
        `DCIM/${name2}`,
        importId,
        size,
        new Date(Date.UTC(2026, 2, 12, 10, 0, i)).toISOString(),
      ),
    );
  })();
  return { core, bytes };
}

async function label(core: Core, value: string): Promise<void> {
  const ids = core.context.db.prepare('SELECT id FROM images').pluck().all() as number[];
  for (let i = 0; i < ids.length; i += 100) {
    await core.invoke('review.setLabel', { imageIds: ids.slice(i, i + 100), label: value });
  }
}

/** The download floor: the upload floor's object fetched back to a file. */
async function downloadFloor(key: string): Promise<number> {
  const store = openObjectStore(hub.address.objects);
  const started = performance.now();
  await pipeline(
    Readable.from(await store.get(key)),
    createWriteStream(path.join(work, 'floor-back.bin')),
  );
  const ms = performance.now() - started;
  store.close();
  return ms;
}

/** `export --hub` of every inspection on the hub into `dest`, through staging `cache`. */
async function hubExport(cache: string, dest: string): Promise<number> {
  const staging = await createCore({ libraryDir: cache, defaultModelDirs: [] });
  try {
    const started = performance.now();
    const inspections = await resolveHubInspections(hub.address, [], { cache });
    const { jobId } = startHubExport(
      staging.context,
      hub.address,
      inspections,
      ExportOptions.parse({ dest, formats: ['folders', 'labels-csv'] }),
    );
    let job = await staging.invoke('jobs.wait', { jobId, timeoutMs: 600_000 });
    while (job.status === 'running') {
      job = await staging.invoke('jobs.wait', { jobId, timeoutMs: 600_000 });
    }
    if (job.status !== 'done') throw new Error(`hub export ${job.status}: ${job.error?.message}`);
    return performance.now() - started;
  } finally {
    await staging.close();
  }
}

/** The floor: the same number of bytes as one multipart object. */
const FLOOR_KEY = `bench/floor-${randomBytes(4).toString('hex')}.bin`;

async function uploadFloor(bytes: number): Promise<number> {
  const file = path.join(work, 'floor.bin');
  const out = createWriteStream(file);
  const chunk = randomBytes(1 << 20);
  for (let left = bytes; left > 0; left -= chunk.length) {
    out.write(left >= chunk.length ? chunk : chunk.subarray(0, left));
  }
  await new Promise<void>((resolve) => out.end(resolve));
  const store = openObjectStore(hub.address.objects);
  const started = performance.now();
  await store.put(FLOOR_KEY, file, 'application/octet-stream');
  const ms = performance.now() - started;
  store.close();
  return ms;
}

const mb = (b: number) => (b / 1e6).toFixed(1);
const hub = await createThrowawayHub({ objectsBytesPerSecond: (MBIT * 1e6) / 8 });
try {
  console.log(
    `hub: ${hub.address.key}; ${PHOTOS} photos of ~${KB} KB; ${LAPTOPS} laptops x ${LAPTOP_PHOTOS}; object link ${MBIT || 'unlimited'} Mbit/s`,
  );
  const main = await laptopWith('laptop-00', PHOTOS);
  await label(main.core, 'clear');
  const floorMs = await uploadFloor(main.bytes);
  const t0 = performance.now();
  const first: SyncResult = await syncWithHub(main.core.context, hub.address);
  const syncMs = performance.now() - t0;
  const t1 = performance.now();
  const quiet = await syncWithHub(main.core.context, hub.address);
  const quietMs = performance.now() - t1;

  const downFloorMs = await downloadFloor(FLOOR_KEY);
  const cache = path.join(work, 'hub-export-staging');
  const exportMs = await hubExport(cache, path.join(work, 'dataset-1'));
  const reExportMs = await hubExport(cache, path.join(work, 'dataset-2'));

  const others = await Promise.all(
    Array.from({ length: LAPTOPS }, (_, i) =>
      laptopWith(`laptop-${String(i + 1).padStart(2, '0')}`, LAPTOP_PHOTOS),
    ),
  );
  for (const o of others) await label(o.core, 'clogged');
  const t2 = performance.now();
  const results = await Promise.all(others.map((o) => syncWithHub(o.core.context, hub.address)));
  const tenMs = performance.now() - t2;
  const t3 = performance.now();
  await Promise.all(others.map((o) => syncWithHub(o.core.context, hub.address)));
  const tenQuietMs = performance.now() - t3;
  const tenBytes = others.reduce((s, o) => s + o.bytes, 0);

  const lines = [
    ['figure', 'value', 'target'],
    [
      `upload floor: ${mb(main.bytes)} MB as one multipart object`,
      `${(floorMs / 1000).toFixed(1)} s (${mb(main.bytes / (floorMs / 1000))} MB/s)`,
      '',
    ],
    [
      `sync of a fresh ${PHOTOS}-photo inspection (${first.eventsPushed} events)`,
      `${(syncMs / 1000).toFixed(1)} s = ${(syncMs / floorMs).toFixed(2)}x the floor`,
      '< 2x',
    ],
    ['re-sync with nothing new', `${quietMs.toFixed(0)} ms`, '< 1000 ms'],
    [
      `download floor: the same ${mb(main.bytes)} MB as one object`,
      `${(downFloorMs / 1000).toFixed(1)} s (${mb(main.bytes / (downFloorMs / 1000))} MB/s)`,
      '',
    ],
    [
      `export --hub of it (new staging library; folders, labels.csv)`,
      `${(exportMs / 1000).toFixed(1)} s = ${(exportMs / downFloorMs).toFixed(2)}x the floor`,
      '',
    ],
    [
      'the same export again (every photo already received)',
      `${(reExportMs / 1000).toFixed(1)} s`,
      '',
    ],
    [
      `${LAPTOPS} laptops x ${LAPTOP_PHOTOS} photos at once (${mb(tenBytes)} MB, ${results.reduce((s, r) => s + r.eventsPushed, 0)} events)`,
      `${(tenMs / 1000).toFixed(1)} s (${mb(tenBytes / (tenMs / 1000))} MB/s)`,
      '',
    ],
    [`${LAPTOPS} quiet re-syncs at once`, `${tenQuietMs.toFixed(0)} ms`, ''],
  ];
  for (const [a, b, c] of lines) console.log(`${a!.padEnd(70)} ${b!.padEnd(34)} ${c}`);
  if (quiet.photosUploaded !== 0 || quiet.eventsPushed !== 0)
    throw new Error('quiet re-sync sent something');
} finally {
  for (const core of cores) await core.close();
  await hub.close();
  rmSync(work, { recursive: true, force: true });
}
