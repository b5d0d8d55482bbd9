/**
 * Writes originals and thumbnails into the library, content-addressed and atomically:
 * bytes go to a temp file in the library's `tmp/` (same disk), are fsynced, then renamed
 * into place. A crash or a full disk therefore never leaves a half-written original
 * under its final name, and a file already in place is never written again.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fromFsError } from '../errors.js';
import { originalPath, thumbPath, type LibraryPaths } from '../library/database.js';

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
  /** Removes temp files an interrupted import left behind (call with no import running). */
  removeStaleTemp(): Promise<void>;
}

export function createLibraryWriter(
  paths: LibraryPaths,
  write: DurableWrite = writeDurably,
): LibraryWriter {
  const madeDirs = new Set<string>();

  async function place(dest: string, bytes: Uint8Array): Promise<string> {
    if (await exists(dest)) return dest;
    const dir = path.dirname(dest);
    const tmp = path.join(paths.tmp, `${TEMP_PREFIX}${randomUUID()}.part`);
    try {
      if (!madeDirs.has(dir)) {
        await fs.mkdir(dir, { recursive: true });
        madeDirs.add(dir);
      }
      await write(tmp, bytes);
      await fs.rename(tmp, dest);
    } catch (error) {
      await fs.rm(tmp, { force: true }).catch(() => undefined);
      throw fromFsError(error, `the library folder ${paths.root}`);
    }
    return dest;
  }

  return {
    storeOriginal: (sha256, ext, bytes) => place(originalPath(paths, sha256, ext), bytes),
    storeThumbnail: (sha256, webp) => place(thumbPath(paths, sha256), webp),
    async removeStaleTemp() {
      let names: string[];
      try {
        names = await fs.readdir(paths.tmp);
      } catch {
        return;
      }
      await Promise.all(
        names
          .filter((name) => name.startsWith(TEMP_PREFIX))
          .map((name) => fs.rm(path.join(paths.tmp, name), { force: true }).catch(() => undefined)),
      );
    },
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.access(file);
    return true;
  } catch {
    return false;
  }
}
