/**
 * Writes originals and thumbnails into the library, content-addressed and atomically:
 * bytes go to a temp file in the library's `tmp/` (same disk), are fsynced, then renamed
 * into place. A crash or a full disk therefore never leaves a half-written original
 * under its final name, and a file already in place is never written again.
 *
 * Each writer has its own temp folder, `tmp/ingest-<pid>-<run>/`: two processes
 * importing into one library at once never touch each other's temp files, and the
 * clean-up at start removes only the folders of processes that are gone.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fromFsError } from '../fs-errors.js';
import { originalPath, thumbPath, type LibraryPaths } from '../library/database.js';
import { isProcessAlive } from '../library/process-alive.js';

/** Writes `bytes` to a new file at `tmpPath` and makes them durable (fsync). */
export type DurableWrite = (tmpPath: string, bytes: Uint8Array) => Promise<void>;

/** Prefix of this module's temp files, so a clean-up never touches another domain's. */
const TEMP_PREFIX = 'ingest-';

export async function writeDurably(tmpPath: string, bytes: Uint8Array): Promise<void> {
  // 'wx': a fresh file, never someone else's.
  const handle = await fs.open(tmpPath, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export interface LibraryWriter {
  /** Stores an original unless it is already there; returns its path. */
  storeOriginal(sha256: string, ext: string, bytes: Uint8Array): Promise<string>;
  storeThumbnail(sha256: string, webp: Uint8Array): Promise<string>;
  /** This writer's temp folder (made on first write). */
  readonly tempDir: string;
  /** Removes this writer's temp folder (at the end of its import). */
  dispose(): Promise<void>;
}

/** `ingest-<pid>-<run>`: the pid tells clean-up whether its owner still runs. */
const TEMP_DIR = /^ingest-(\d+)-[\w-]+$/;

export function createLibraryWriter(
  paths: LibraryPaths,
  write: DurableWrite = writeDurably,
  run: string = randomUUID(),
): LibraryWriter {
  const madeDirs = new Set<string>();
  const tempDir = path.join(paths.tmp, `${TEMP_PREFIX}${process.pid}-${run}`);

  async function place(dest: string, bytes: Uint8Array): Promise<string> {
    if (await exists(dest)) return dest;
    const dir = path.dirname(dest);
    const tmp = path.join(tempDir, `${randomUUID()}.part`);
    try {
      for (const needed of [tempDir, dir]) {
        if (!madeDirs.has(needed)) {
          await fs.mkdir(needed, { recursive: true });
          madeDirs.add(needed);
        }
      }
      await write(tmp, bytes);
      await fs.rename(tmp, dest);
    } catch (error) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw fromFsError(error, { role: 'library', path: paths.root });
    }
    return dest;
  }

  return {
    storeOriginal: (sha256, ext, bytes) => place(originalPath(paths, sha256, ext), bytes),
    storeThumbnail: (sha256, webp) => place(thumbPath(paths, sha256), webp),
    tempDir,
    async dispose() {
      await fs.rm(tempDir, { recursive: true, force: true }).catch(() => undefined);
    },
  };
}

/**
 * Removes the temp folders of imports whose process is gone (killed, crashed), and the
 * single temp files of older versions; a live import's folder is left alone, whichever
 * process runs it. Returns how many entries were removed.
 */
export async function removeDeadTemp(
  paths: LibraryPaths,
  isAlive: (pid: number) => boolean = isProcessAlive,
): Promise<number> {
  let names: string[];
  try {
    names = await fs.readdir(paths.tmp);
  } catch {
    return 0;
  }
  const dead = names.filter((name) => {
    const owner = TEMP_DIR.exec(name);
    if (owner) return !isAlive(Number(owner[1]));
    // Before per-process folders: `ingest-<uuid>.part`, written by an older version.
    return name.startsWith(TEMP_PREFIX) && name.endsWith('.part');
  });
  await Promise.all(
    dead.map((name) =>
      fs.rm(path.join(paths.tmp, name), { recursive: true, force: true }).catch(() => undefined),
    ),
  );
  return dead.length;
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
