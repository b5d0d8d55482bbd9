/**
 * Faults H1, M1 and M4 of issue 14, with real processes on one library file:
 * - a CLI import while another process writes labels (H1: "database is locked");
 * - two imports of one card at once (M1: shared temp files and import record);
 * - a re-run after an import was stopped between storing and classifying, and the
 *   re-import of a finished card (M4: photos left unclassified, a bogus warning).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../electron/contract.js';
import { createCore } from '../../electron/core/app.js';
import { makeSdCard, type SdCardDescription } from '../fixtures/sd-card.js';
import {
  acknowledgedLabels,
  cli,
  failures,
  readLibrary,
  snapshotTree,
  startCli,
  startNode,
} from './harness.js';

const WRITER = path.resolve('test/faults/workers/write-labels.ts');
const HOLDER = path.resolve('test/faults/workers/hold-write-lock.ts');
const root = mkdtempSync(path.join(os.tmpdir(), 'inspection-faults-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let cards = 0;
async function card(photos: number): Promise<SdCardDescription> {
  return makeSdCard(path.join(root, `card-${++cards}`), {
    photos,
    width: 320,
    height: 240,
    seed: cards,
  });
}

function summaryOf(stdout: string): ImportSummary {
  return JSON.parse(stdout) as ImportSummary;
}

describe('two processes on one library', () => {
  it('starts an import while another process holds the write lock: it waits instead of failing', async () => {
    const library = path.join(root, 'h1-lock');
    const photos = await card(8);
    const core = await createCore({ libraryDir: library, defaultModelDirs: [] });
    try {
      for (let round = 0; round < 3; round++) {
        const holder = startNode([HOLDER, path.join(library, 'library.sqlite'), '700']);
        await holder.waitFor((out) => out.includes('locked'));
        // Reads, then writes the import row while the other process commits in between:
        // a deferred transaction failed here at once with "database is locked".
        const { jobId } = await core.invoke('ingest.start', {
          source: photos.root,
          classify: false,
        });
        const job = await core.invoke('jobs.wait', { jobId, timeoutMs: 120_000 });
        expect(job.error).toBeNull();
        expect(job.status).toBe('done');
        expect((await holder.done).stdout).toContain('released');
      }
    } finally {
      await core.close();
    }
  });

  it('imports with the CLI while another process labels: both succeed, every acknowledged label is kept', async () => {
    const library = path.join(root, 'h1');
    const first = await card(40);
    expect((await cli(library, ['import', first.root, '--no-classify'])).code).toBe(0);
    for (let round = 0; round < 2; round++) {
      const next = await card(30);
      const before = snapshotTree(next.root);
      const writer = startNode([WRITER, library, '--count', '300', '--batch', '25']);
      await writer.waitFor((out) => /^ack /m.test(out));
      const imported = await cli(library, ['import', next.root, '--json']);
      const labelled = await writer.done;
      expect(imported.stderr).not.toMatch(/locked|busy/i);
      expect(imported.code, imported.stderr).toBe(0);
      expect(summaryOf(imported.stdout)).toMatchObject({
        status: 'done',
        imported: next.expected.imported,
      });
      expect(failures(labelled.stdout)).toEqual([]);
      expect(labelled.code).toBe(0);
      const state = readLibrary(library);
      expect(state.integrity).toBe('ok');
      for (const [imageId, label] of acknowledgedLabels(labelled.stdout)) {
        expect(state.labels.get(imageId), `label of photo ${imageId}`).toBe(label);
      }
      // The card is only read.
      expect(snapshotTree(next.root)).toEqual(before);
    }
  });

  it('runs two imports of one card at once: both finish, each photo stored once, summaries add up', async () => {
    const library = path.join(root, 'm1');
    const shared = await card(40);
    // The library exists (and its model is installed) before both start.
    expect((await cli(library, ['imports'])).code).toBe(0);
    const a = startCli(library, ['import', shared.root, '--json']);
    const b = startCli(library, ['import', shared.root, '--json']);
    const [ra, rb] = await Promise.all([a.done, b.done]);
    expect(ra.code, ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    const sa = summaryOf(ra.stdout);
    const sb = summaryOf(rb.stdout);
    // Two records, not one shared: each summary tells what its own run did.
    expect(sa.importId).not.toBe(sb.importId);
    expect(sa.imported + sb.imported).toBe(shared.expected.imported);
    const state = readLibrary(library);
    expect(state.integrity).toBe('ok');
    expect(state.images).toHaveLength(shared.expected.imported);
    expect(state.missingFiles).toEqual([]);
    expect(state.orphans).toEqual([]);
    expect(state.temp).toEqual([]);
    expect(state.imports.every((i) => i.status === 'done')).toBe(true);
    const db = new Database(path.join(library, 'library.sqlite'), { readonly: true });
    try {
      for (const summary of [sa, sb]) {
        const stored = db
          .prepare('SELECT count(*) AS n FROM images WHERE import_id = ?')
          .get(summary.importId) as { n: number };
        expect(stored.n, `photos of import ${summary.importId}`).toBe(summary.imported);
      }
    } finally {
      db.close();
    }
  });

  it('classifies on re-run the photos an interrupted import stored but did not classify', async () => {
    const library = path.join(root, 'm4');
    const photos = await card(20);
    expect((await cli(library, ['import', photos.root, '--json'])).code).toBe(0);
    // What a kill -9 between storing and classifying leaves: the import 'running' under
    // a process that is gone, and photos without predictions.
    const db = new Database(path.join(library, 'library.sqlite'));
    // (runner_pid still names the CLI process that imported, which has exited.)
    db.prepare(`UPDATE imports SET status = 'running', finished_at = NULL`).run();
    db.prepare(
      'DELETE FROM predictions WHERE image_id IN (SELECT id FROM images WHERE id % 2 = 0)',
    ).run();
    db.close();
    expect(readLibrary(library).unclassified).toBeGreaterThan(0);

    const rerun = await cli(library, ['import', photos.root, '--json']);
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).not.toMatch(/could not be loaded|not open/);
    expect(summaryOf(rerun.stdout)).toMatchObject({
      status: 'done',
      classified: photos.expected.imported,
    });
    expect(readLibrary(library).unclassified).toBe(0);

    // A finished card imported again: nothing to do, and nothing to warn about.
    const again = await cli(library, ['import', photos.root, '--json']);
    expect(again.code).toBe(0);
    expect(again.stderr).not.toMatch(/could not be loaded|not open|warn/i);
    expect(summaryOf(again.stdout)).toMatchObject({ status: 'done', imported: 0 });
  });
});
