/**
 * Start-up clean-up after a crash (kill -9, power cut) of an import in any process
 * sharing this library: its temp folder, the originals and thumbnails it had placed but
 * not yet committed (orphans: no `images` row names them), and its import row, which is
 * marked failed so nothing shows it as running. Re-importing the card resumes it.
 *
 * A live import in another process is never touched: its temp folder is named after its
 * pid, and orphans are removed only when no import runs anywhere and only if they were
 * written before this clean-up began (an import starting meanwhile writes newer files).
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { CoreContext } from '../context.js';
import type { Db, LibraryPaths } from '../library/database.js';
import { isProcessAlive } from '../library/process-alive.js';
import { liveImportRunners, markInterruptedImports } from './import-record.js';
import { removeDeadTemp } from './library-files.js';

export interface ImportRecovery {
  /** Imports a dead process left 'running', now marked failed. */
  interrupted: number[];
  tempRemoved: number;
  orphansRemoved: number;
}

export async function recoverInterruptedImports(
  ctx: Pick<CoreContext, 'db' | 'paths' | 'now'>,
  isAlive: (pid: number) => boolean = isProcessAlive,
): Promise<ImportRecovery> {
  const startedMs = Date.now();
  const tempRemoved = await removeDeadTemp(ctx.paths, isAlive);
  const dead = ctx.db
    .prepare<[], { id: number; runner_pid: number | null }>(
      `SELECT id, runner_pid FROM imports WHERE status = 'running'`,
    )
    .all()
    .filter((row) => row.runner_pid === null || !isAlive(row.runner_pid));
  let orphansRemoved = 0;
  // Orphans only come from an interrupted import; look for them only then.
  if ((dead.length > 0 || tempRemoved > 0) && liveImportRunners(ctx.db, isAlive).length === 0) {
    orphansRemoved = await removeOrphanFiles(ctx.db, ctx.paths, startedMs);
  }
  // Marked last: a crash during the clean-up leaves the evidence for the next start.
  const interrupted =
    dead.length > 0 ? markInterruptedImports(ctx.db, ctx.now().toISOString(), isAlive) : [];
  return { interrupted, tempRemoved, orphansRemoved };
}

/** Originals and thumbnails no `images` row names, written before `beforeMs`. */
async function removeOrphanFiles(db: Db, paths: LibraryPaths, beforeMs: number): Promise<number> {
  const known = db.prepare<[string], { found: number }>(
    'SELECT 1 AS found FROM images WHERE sha256 = ?',
  );
  let removed = 0;
  for (const root of [paths.originals, paths.thumbs]) {
    for (const shard of await listDir(root)) {
      const dir = path.join(root, shard);
      for (const name of await listDir(dir)) {
        const sha = name.split('.')[0]!;
        if (!/^[0-9a-f]{64}$/.test(sha) || known.get(sha)) continue;
        const file = path.join(dir, name);
        const stat = await fs.stat(file).catch(() => null);
        if (!stat?.isFile() || stat.mtimeMs >= beforeMs) continue;
        await fs.rm(file, { force: true });
        removed++;
      }
    }
  }
  return removed;
}

async function listDir(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch {
    return [];
  }
}
