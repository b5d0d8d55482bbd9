/**
 * `inspection-desk export --hub`: the data team's dataset across every laptop, through
 * a real hub (PostgreSQL from Debian, s3rver) and the real command in a child process,
 * its credentials in the environment. Three laptops label one inspection with
 * overlapping and conflicting decisions and sync; the export is then Ctrl-C'd while it
 * receives the photos, cut by the network, and run again: it finishes without fetching
 * again what it already had, with each photo once under the label every laptop
 * converged to, and the conflicts listed in conflicts.csv.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncWithHub } from '../../electron/core/hub/sync.js';
import { makeSdCard } from '../fixtures/sd-card.js';
import { parseCsv } from '../helpers/csv.js';
import { useTempDirs } from '../helpers/temp-dir.js';
import { importCard, label, labels, useLaptops } from './laptops.js';
import { cuttableLink, type CuttableLink } from './network-cut.js';
import { createThrowawayHub, testHubServers, type ThrowawayHub } from './throwaway-hub.js';

const servers = testHubServers();
const BIN = path.resolve('bin/inspection-desk.mjs');
const tempDir = useTempDirs();
const laptop = useLaptops();
let th: ThrowawayHub;
const links: CuttableLink[] = [];

beforeAll(async () => {
  th = await createThrowawayHub();
});

afterAll(async () => {
  for (const link of links.splice(0)) await link.close();
  await th?.close();
});

/** Files under a folder, relative, each with what would change if it were written again. */
function filesIn(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    const stat = statSync(file);
    out.set(path.relative(dir, file), `${stat.ino}:${stat.mtimeMs}:${stat.size}`);
  }
  return out;
}

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real command; `during` is called on the running child until it returns true. */
function exportFromHub(args: string[], during?: (child: ChildProcess) => boolean): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'export', ...args], {
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let watching = during !== undefined;
    const watch = setInterval(() => {
      if (watching && during!(child)) watching = false;
    }, 25);
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(watch);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('export --hub', () => {
  it('exports each photo once with the converged label and lists the conflicts, resuming after Ctrl-C and a network cut', async () => {
    const card = await makeSdCard(tempDir('card-'), { photos: 16, width: 640, height: 480 });
    const shas = card.photos.map((p) => p.sha256);
    const [p0, p1, p2, p3, p4] = shas as [string, string, string, string, string];
    const a = await laptop('ana');
    const b = await laptop('bruno');
    const c = await laptop('carla');
    const aImport = await importCard(a, card.root);
    await importCard(b, card.root);
    const bundle = path.join(tempDir('usb-'), 'a.idbundle');
    await a.invoke('bundle.export', { importIds: [aImport], file: bundle });
    await c.invoke('bundle.import', { file: bundle });
    // Agreement on p0, conflicts on p1 (a/b), p2 (b/c), three ways on p3, one on p4.
    await label(a, [p0, p1, p3], 'clear');
    await label(b, [p0], 'clear');
    await label(b, [p1, p2, p3], 'clogged');
    await label(c, [p2], 'clear');
    await label(c, [p3], 'clogged');
    await label(c, [p4], 'clogged');
    for (const core of [a, b, c, a, b, c]) await syncWithHub(core.context, th.address);
    const converged = labels(a);
    expect(labels(b)).toEqual(converged);
    expect(labels(c)).toEqual(converged);

    // The export reads the photos through a slow link it can cut (a plant's line).
    const bytes = card.photos.reduce((sum, p) => sum + p.sizeBytes, 0);
    const slow = await cuttableLink(servers.s3.hostname, Number(servers.s3.port), {
      bytesPerSecond: Math.ceil(bytes / 8),
    });
    links.push(slow);
    const bucket = new URL(`http://x/${th.address.objects.bucket}`).pathname;
    const cache = path.join(tempDir('cache-'), 'staging');
    const dest = path.join(tempDir('datasets-'), 'reboiler-all-laptops');
    const args = [
      '--hub',
      th.address.database,
      '--objects',
      `http://127.0.0.1:${slow.port}${bucket}`,
      '--cache',
      cache,
      dest,
      '--json',
    ];
    const received = () => filesIn(path.join(cache, 'originals')).size;

    // The hub's database out of reach before anything starts: the same advice.
    th.pgLink.cut();
    const down = await exportFromHub(args);
    th.pgLink.restore();
    expect(down.code).not.toBe(0);
    const downError = JSON.parse(down.stdout) as { error: { code: string; message: string } };
    expect(downError.error.code).toBe('HUB_UNREACHABLE');
    expect(downError.error.message).toContain('rode a mesma exportação de novo');
    expect(existsSync(dest)).toBe(false);

    // Ctrl-C once a first photo is in: the job stops cleanly, nothing at the destination.
    const interrupted = await exportFromHub(args, (child) => {
      if (received() < 1) return false;
      child.kill('SIGINT');
      return true;
    });
    expect(interrupted.code, interrupted.stderr).toBe(130);
    // In the staging library's language (pt-BR, as any new library), as its errors are.
    expect(interrupted.stderr).toContain('Exportação cancelada.');
    expect(interrupted.stderr).not.toContain('Export cancelled.');
    expect(existsSync(dest)).toBe(false);

    // The network goes down a few photos later: a clear error saying what to do.
    const before = received();
    const cutRun = await exportFromHub(args, () => {
      if (received() < before + 2) return false;
      slow.cut();
      return true;
    });
    expect(cutRun.code).not.toBe(0);
    const failure = JSON.parse(cutRun.stdout) as { error: { code: string; message: string } };
    expect(failure.error.code).toBe('HUB_UNREACHABLE');
    // The staging library speaks pt-BR, like any new library: what failed, what to do.
    expect(failure.error.message).toContain('rode a mesma exportação de novo');
    expect(failure.error.message).toContain(cache);
    expect(existsSync(dest)).toBe(false);
    const kept = filesIn(path.join(cache, 'originals'));
    expect(kept.size).toBeGreaterThanOrEqual(2);
    expect(kept.size).toBeLessThan(shas.length);

    slow.restore();
    const done = await exportFromHub(args);
    expect(done.code, done.stderr).toBe(0);
    // What was received before is not fetched again (same file, untouched).
    const after = filesIn(path.join(cache, 'originals'));
    expect(after.size).toBe(shas.length);
    for (const [file, identity] of kept) expect(after.get(file), file).toBe(identity);

    const result = JSON.parse(done.stdout) as { total: number; conflicts: number };
    expect(result).toMatchObject({ total: shas.length, conflicts: 3 });
    // Each photo once (A and B read the same card: two hub inspections, one photo each).
    const rows = parseCsv(readFileSync(path.join(dest, 'labels.csv'), 'utf8'));
    expect(rows.map((r) => r.sha256).sort()).toEqual([...shas].sort());
    for (const row of rows) {
      if (converged[row.sha256!] !== undefined) {
        expect(row.label, row.sha256).toBe(converged[row.sha256!]);
        expect(existsSync(path.join(dest, row.path!))).toBe(true);
      }
    }
    const images = [...filesIn(dest).keys()].filter((f) => /\.(jpe?g|png|webp|tiff?)$/i.test(f));
    expect(images).toHaveLength(shas.length);

    // Every competing decision listed; the chosen one is the exported label.
    const conflicts = parseCsv(readFileSync(path.join(dest, 'conflicts.csv'), 'utf8'));
    expect([...new Set(conflicts.map((r) => r.sha256))].sort()).toEqual([p1, p2, p3].sort());
    const ofP3 = conflicts.filter((r) => r.sha256 === p3);
    expect(ofP3.map((r) => `${r.reviewer}:${r.decision_label}`).sort()).toEqual([
      'ana:clear',
      'bruno:clogged',
      'carla:clogged',
    ]);
    for (const sha of [p1, p2, p3]) {
      const chosen = conflicts.filter((r) => r.sha256 === sha && r.chosen === 'true');
      expect(chosen).toHaveLength(1);
      expect(chosen[0]!.decision_label).toBe(converged[sha]);
      expect(chosen[0]!.exported_label).toBe(converged[sha]);
    }
    const manifest = JSON.parse(readFileSync(path.join(dest, 'manifest.json'), 'utf8')) as {
      conflicts: { photos: number; file: string; rule: string };
      source: { hub: string; inspections: { origin: string }[] };
      files: string[];
    };
    expect(manifest.conflicts).toMatchObject({ photos: 3, file: 'conflicts.csv' });
    expect(manifest.conflicts.rule).toContain('Lamport');
    expect(manifest.files).toContain('conflicts.csv');
    // A's and B's readings of the card (C's came from A's bundle: A's origin).
    expect(manifest.source.inspections).toHaveLength(2);

    // Again, with nothing new on the hub: nothing fetched, the same dataset.
    const again = path.join(tempDir('datasets-'), 'again');
    const second = await exportFromHub([...args.slice(0, -2), again, '--json']);
    expect(second.code, second.stderr).toBe(0);
    expect(filesIn(path.join(cache, 'originals'))).toEqual(after);
    expect(readFileSync(path.join(again, 'labels.csv'), 'utf8')).toBe(
      readFileSync(path.join(dest, 'labels.csv'), 'utf8'),
    );
  }, 600_000);
});
