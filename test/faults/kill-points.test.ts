/**
 * kill -9 at seeded points (issue 14): an import, a label writer and an export are killed
 * mid-way by SIGKILL (no clean-up code runs), then the next start and a re-run must leave
 * the library whole: every photo stored exactly once with its files, every acknowledged
 * label on disk, no orphan or temp file, no import left "running", integrity_check ok.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeSdCard } from '../fixtures/sd-card.js';
import {
  acknowledgedLabels,
  cli,
  failures,
  readLibrary,
  seeded,
  snapshotTree,
  startCli,
  startNode,
} from './harness.js';

const WRITER = path.resolve('test/faults/workers/write-labels.ts');
const SEED = Number(process.env.FAULT_SEED ?? 20261206);
const root = mkdtempSync(path.join(os.tmpdir(), 'inspection-kills-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The highest "importando: n/N" the CLI printed so far (pt-BR: a new library's language). */
function importedSoFar(output: string): number {
  const all = [...output.matchAll(/importando: (\d+)\/(\d+)/g)];
  return all.length ? Number(all.at(-1)![1]) : 0;
}

/** Whether an export's partial folder under `dir` already holds a copied photo. */
function midCopy(dir: string): boolean {
  for (const name of readdirSync(dir)) {
    if (!name.includes('.partial-')) continue;
    const partial = path.join(dir, name);
    for (const label of readdirSync(partial)) {
      const folder = path.join(partial, label);
      try {
        if (readdirSync(folder).length > 0) return true;
      } catch {
        // Not a folder (or not yet).
      }
    }
  }
  return false;
}

describe('kill -9', () => {
  it(`kills imports at seeded points (seed ${SEED}); the next runs finish with every photo once`, async () => {
    const random = seeded(SEED);
    const library = path.join(root, 'import-kills');
    const card = await makeSdCard(path.join(root, 'card-import'), {
      photos: 60,
      width: 320,
      height: 240,
      seed: 7,
    });
    const before = snapshotTree(card.root);
    const killedAt: number[] = [];
    for (let round = 0; round < 3; round++) {
      const target = 1 + Math.floor(random() * (card.expected.imported - 2));
      const run = startCli(library, ['import', card.root]);
      // Killed once the CLI says it got past `target` files, or at once if it is
      // already further (a resumed run skips what is done).
      await run
        .waitFor((out) => importedSoFar(out) >= target || /Importadas? |Nada novo/.test(out))
        .catch(() => undefined);
      run.child.kill('SIGKILL');
      const ended = await run.done;
      killedAt.push(ended.signal === 'SIGKILL' ? target : -1);
    }
    const last = await cli(library, ['import', card.root, '--json']);
    expect(last.code, last.stderr).toBe(0);
    const state = readLibrary(library);
    expect(state.integrity).toBe('ok');
    expect(state.images).toHaveLength(card.expected.imported);
    expect(state.missingFiles).toEqual([]);
    expect(state.orphans).toEqual([]);
    expect(state.temp).toEqual([]);
    expect(state.unclassified).toBe(0);
    expect(state.imports.filter((i) => i.status === 'running')).toEqual([]);
    expect(snapshotTree(card.root)).toEqual(before);
    // At least one kill really hit a running import (the test proves something).
    expect(killedAt.some((k) => k > 0)).toBe(true);
  });

  it('kills a label writer at seeded points: every acknowledged label is on disk', async () => {
    const random = seeded(SEED + 1);
    const library = path.join(root, 'label-kills');
    const card = await makeSdCard(path.join(root, 'card-labels'), {
      photos: 16,
      width: 160,
      height: 120,
      seed: 8,
    });
    expect((await cli(library, ['import', card.root, '--no-classify'])).code).toBe(0);
    for (let round = 0; round < 3; round++) {
      const writer = startNode([WRITER, library, '--batch', '3', '--unique']);
      const target = 5 + Math.floor(random() * 60);
      await writer
        .waitFor((out) => (out.match(/^ack /gm) ?? []).length >= target)
        .catch(() => undefined);
      writer.child.kill('SIGKILL');
      const ended = await writer.done;
      expect(failures(ended.stdout)).toEqual([]);
      const state = readLibrary(library);
      expect(state.integrity).toBe('ok');
      // Each acknowledged label is on disk, or a later one of the same writer (a write
      // that committed in the instant between its commit and its "ack" line).
      const order = (label: string | undefined) => Number(label?.slice(1) ?? -1);
      const acked = acknowledgedLabels(ended.stdout);
      expect(acked.size).toBeGreaterThan(0);
      for (const [imageId, label] of acked) {
        expect(order(state.labels.get(imageId)), `photo ${imageId}`).toBeGreaterThanOrEqual(
          order(label),
        );
      }
    }
  });

  it('kills an export mid-copy: no folder that looks complete, the next start cleans up, a re-run exports', async () => {
    const library = path.join(root, 'export-kills');
    const card = await makeSdCard(path.join(root, 'card-export'), {
      photos: 80,
      width: 1280,
      height: 960,
      seed: 9,
    });
    expect((await cli(library, ['import', card.root])).code).toBe(0);
    const out = path.join(root, 'exports');
    const dest = path.join(out, 'dataset');
    mkdirSync(out);
    const run = startCli(library, ['export', dest]);
    // Killed as soon as the partial folder holds a copied photo: mid-copy.
    let ended = false;
    void run.done.then(() => (ended = true));
    while (!ended && !midCopy(out)) await new Promise((resolve) => setTimeout(resolve, 2));
    run.child.kill('SIGKILL');
    const killed = await run.done;
    expect(killed.signal, 'the export finished before it could be killed').toBe('SIGKILL');
    expect(existsSync(dest)).toBe(false);
    expect(readdirSync(out).some((n) => n.includes('.partial-'))).toBe(true);
    // Any start of the library removes what the killed export left.
    expect((await cli(library, ['imports'])).code).toBe(0);
    expect(readdirSync(out).filter((n) => n.includes('.partial-'))).toEqual([]);
    const again = await cli(library, ['export', dest, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(existsSync(path.join(dest, 'labels.csv'))).toBe(true);
    expect(readLibrary(library).temp).toEqual([]);
  });
});
