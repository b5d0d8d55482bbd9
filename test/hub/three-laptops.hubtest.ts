/**
 * Three laptops, one inspection, a real hub: PostgreSQL (Debian) and s3rver (an S3
 * protocol server), started by scripts/test-hub.sh (.ci/run does it). Laptop A imports
 * the SD card, B imports a copy of the same card, C gets A's inspection as a bundle.
 * They label offline with overlapping and conflicting decisions, sync through the hub
 * (the network is cut in the middle of B's upload, then B syncs again), and converge:
 * each photo once on the hub, each event once, every conflict listed on every laptop,
 * the same labels everywhere.
 */
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/app.js';
import { serializeError } from '../../electron/core/errors.js';
import { migrateHub } from '../../electron/core/hub/hub-schema.js';
import { syncWithHub, type SyncResult } from '../../electron/core/hub/sync.js';
import { makeSdCard } from '../fixtures/sd-card.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { importCard, idOf, label, labels, useLaptops } from './laptops.js';
import { createThrowawayHub, testHubServers, type ThrowawayHub } from './throwaway-hub.js';

// Fails (never skips) without the servers, saying how to start them.
testHubServers();

const tempDir = useTempDirs();
const laptop = useLaptops();
let th: ThrowawayHub;

beforeAll(async () => {
  th = await createThrowawayHub();
  expect(th.applied).toEqual([1, 2]);
  const owner = th.owner();
  await owner.connect();
  // Applying again changes nothing.
  expect(await migrateHub(owner)).toEqual([]);
  await owner.end();
});

afterAll(async () => {
  await th?.close();
});

function conflicts(core: Core): string[] {
  return (
    core.context.db
      .prepare('SELECT i.sha256 FROM label_conflicts c JOIN images i ON i.id = c.image_id')
      .pluck()
      .all() as string[]
  ).sort();
}

function mbps(r: SyncResult): string {
  return r.uploadMs > 0 ? (r.bytesUploaded / 1e6 / (r.uploadMs / 1000)).toFixed(2) : '-';
}

describe('three laptops sync one inspection through a real hub', () => {
  it('converge with each photo and event once on the hub and every conflict listed', async () => {
    const card = await makeSdCard(tempDir('card-'), { photos: 12, width: 640, height: 480 });
    const shas = card.photos.map((p) => p.sha256);
    const [p0, p1, p2, p3, p4, p5] = shas as [string, string, string, string, string, string];
    const a = await laptop('ana');
    const b = await laptop('bruno');
    const c = await laptop('carla');
    const aImport = await importCard(a, card.root);
    await importCard(b, card.root);
    const bundle = path.join(tempDir('usb-'), 'a.idbundle');
    await a.invoke('bundle.export', { importIds: [aImport], file: bundle });
    await c.invoke('bundle.import', { file: bundle });

    // Offline decisions: agreement on p0, conflicts on p1 (a vs b) and p2 (b vs c),
    // a three-way conflict on p3, a single opinion on p4, an undone decision on p5.
    await label(a, [p0, p1, p3], 'clear');
    await label(b, [p0], 'clear');
    await label(b, [p1, p2], 'clogged');
    await label(c, [p2], 'clear');
    await label(b, [p3], 'clogged');
    await label(c, [p3], 'clogged');
    await label(c, [p4], 'clogged');
    await label(a, [p5], 'clogged');
    await a.invoke('review.undo', {});
    const decisions = [a, b, c].map(
      (core) =>
        core.context.db.prepare('SELECT count(*) FROM label_events').pluck().get() as number,
    );

    expect(await a.invoke('sync.status')).toMatchObject({ hubs: [], conflicts: 0 });
    const first = await syncWithHub(a.context, th.address);
    console.log(
      `sync A (first upload): ${first.photosUploaded} photos, ${(first.bytesUploaded / 1e6).toFixed(2)} MB in ${first.uploadMs} ms = ${mbps(first)} MB/s; whole sync ${first.durationMs} ms`,
    );
    expect(first.photosUploaded).toBe(shas.length);

    // B's sync: the network goes down after the first batch of rows, mid-upload.
    let cutOnce = false;
    const failed = await syncWithHub(b.context, th.address, {
      batch: 3,
      onProgress: (p) => {
        if (p.phase === 'photos-up' && !cutOnce) {
          cutOnce = true;
          th.pgLink.cut();
          th.s3Link.cut();
        }
      },
    }).catch(serializeError);
    expect(failed).toMatchObject({ code: 'HUB_UNREACHABLE', messageKey: 'hub.unreachable' });
    th.pgLink.restore();
    th.s3Link.restore();
    const resumed = await syncWithHub(b.context, th.address, { batch: 3 });
    // A had sent every photo: B's are rows only; the 3 rows B committed before the cut
    // are not sent again.
    expect(resumed.photosUploaded).toBe(0);
    expect(resumed.photosAlreadyOnHub).toBe(shas.length - 3);

    await syncWithHub(c.context, th.address);
    // Everyone syncs once more: each receives what the others sent after its sync.
    for (const core of [a, b, c]) await syncWithHub(core.context, th.address);
    const quiet = await syncWithHub(a.context, th.address);
    console.log(`re-sync with nothing new: ${quiet.durationMs} ms`);
    expect(quiet).toMatchObject({ photosUploaded: 0, eventsPushed: 0, eventsPulled: 0 });

    const owner = th.owner();
    await owner.connect();
    try {
      const photos = await owner.query(
        'SELECT count(*)::int AS n, count(DISTINCT sha256)::int AS d FROM photos',
      );
      expect(photos.rows[0]).toEqual({ n: shas.length, d: shas.length });
      const events = await owner.query(
        'SELECT count(*)::int AS n, count(DISTINCT (device_id, device_seq))::int AS d FROM label_events',
      );
      const total = decisions.reduce((x, y) => x + y, 0);
      expect(events.rows[0]).toEqual({ n: total, d: total });
      const undone = await owner.query('SELECT count(*)::int AS n FROM label_events WHERE undone');
      expect(undone.rows[0]).toEqual({ n: 1 });
      // The least-privilege role cannot rewrite or drop a decision.
      const laptopClient = new pg.Client({
        host: '127.0.0.1',
        port: th.pgLink.port,
        database: th.database,
        user: th.laptopRole,
        password: th.laptopPassword,
      });
      await laptopClient.connect();
      const denied = await laptopClient.query('DELETE FROM label_events').catch((e: Error) => e);
      expect(String(denied)).toMatch(/permission denied/);
      const rewrite = await laptopClient
        .query(`UPDATE label_events SET new_label = 'x'`)
        .catch((e: Error) => e);
      expect(String(rewrite)).toMatch(/permission denied/);
      await laptopClient.end();
    } finally {
      await owner.end();
    }

    // What the Settings screen shows: synced, nothing waiting, three conflicts.
    const status = await b.invoke('sync.status');
    expect(status.conflicts).toBe(3);
    expect(status.hubs).toEqual([
      {
        hub: th.address.key,
        lastSyncAt: expect.any(String) as unknown,
        photosToSend: 0,
        eventsToSend: 0,
      },
    ]);

    const expected = [p1, p2, p3].sort();
    for (const core of [a, b, c]) {
      expect(conflicts(core)).toEqual(expected);
      const listed = await core.invoke('library.list', { filter: { conflict: true }, limit: 50 });
      expect(listed.items.map((i) => i.sha256).sort()).toEqual(expected);
    }
    expect(labels(b)).toEqual(labels(a));
    expect(labels(c)).toEqual(labels(a));
    expect(labels(a)[p0]).toBe('clear');
    expect(labels(a)[p4]).toBe('clogged');
    expect(labels(a)[p5]).toBeUndefined();
    const history = await c.invoke('review.history', { imageId: idOf(c, p3) });
    expect(history.map((e) => `${e.reviewer}:${e.newLabel}`).sort()).toEqual([
      'ana:clear',
      'bruno:clogged',
      'carla:clogged',
    ]);
  });
});
