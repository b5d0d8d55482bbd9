/**
 * Opens (or creates) a library folder: `library.sqlite` in WAL mode with the schema
 * migrated, plus the folders for originals and thumbnails.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { CoreError } from '../errors.js';
import { migrations } from './migrations.js';

export type Db = Database.Database;

export interface LibraryPaths {
  root: string;
  database: string;
  originals: string;
  thumbs: string;
  /** Scratch space on the same disk, so renames into place are atomic. */
  tmp: string;
}

export function libraryPaths(root: string): LibraryPaths {
  const abs = path.resolve(root);
  return {
    root: abs,
    database: path.join(abs, 'library.sqlite'),
    originals: path.join(abs, 'originals'),
    thumbs: path.join(abs, 'thumbs'),
    tmp: path.join(abs, 'tmp'),
  };
}

/** Content-addressed location of an original: originals/ab/<sha256>.<ext>. */
export function originalPath(paths: LibraryPaths, sha256: string, ext: string): string {
  return path.join(paths.originals, sha256.slice(0, 2), `${sha256}.${ext}`);
}

/** Thumbnail location: thumbs/ab/<sha256>.webp. */
export function thumbPath(paths: LibraryPaths, sha256: string): string {
  return path.join(paths.thumbs, sha256.slice(0, 2), `${sha256}.webp`);
}

export interface OpenDatabaseOptions {
  /**
   * better-sqlite3's compiled module to load instead of node_modules' own. The desktop app
   * passes the build made for Electron's ABI (scripts/natives.mjs), while the CLI, the
   * server and the tests use the default one, built for Node: one checkout, two runtimes.
   */
  nativeBinding?: string;
}

/**
 * Loads `file` once up front, so a missing or wrong-ABI module is reported as what it is
 * (with what to run) instead of as an unreadable library.
 */
function checkNativeBinding(file: string): void {
  if (!existsSync(file)) {
    throw new CoreError('LIBRARY_INVALID', {
      key: 'library.nativeBindingMissing',
      values: { file },
    });
  }
  try {
    createRequire(import.meta.url)(file);
  } catch (error) {
    // Node's message names both ABIs ("compiled against ... NODE_MODULE_VERSION 115. This
    // version of Node.js requires NODE_MODULE_VERSION 127"), the part worth showing.
    const detail = String((error as Error).message ?? error)
      .split('\n')
      .filter((line) => line.trim() !== '')
      .slice(-2)
      .join(' ');
    throw new CoreError(
      'LIBRARY_INVALID',
      { key: 'library.nativeBindingMismatch', values: { file, detail } },
      { abi: process.versions.modules },
      { cause: error },
    );
  }
}

export function openDatabase(
  root: string,
  options: OpenDatabaseOptions = {},
): { db: Db; paths: LibraryPaths } {
  const { nativeBinding } = options;
  if (nativeBinding !== undefined) checkNativeBinding(nativeBinding);
  const paths = libraryPaths(root);
  for (const dir of [paths.root, paths.originals, paths.thumbs, paths.tmp]) {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      throw new CoreError(
        'LIBRARY_INVALID',
        { key: 'library.cannotCreateFolder', values: { dir, detail: (error as Error).message } },
        undefined,
        { cause: error },
      );
    }
  }
  let db: Db;
  try {
    db = new Database(paths.database, nativeBinding === undefined ? {} : { nativeBinding });
    db.pragma('journal_mode = WAL');
    // NORMAL in WAL mode is durable across application crashes, and loses at most the
    // last transaction on power loss; FULL would fsync every label key press.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    // The review grid's triggers make every write a multi-statement one; with temp files
    // each statement journal costs syscalls (25k inserts: 3.2M pwrite calls, 2.5 s of
    // system time, against 0.2 s in memory).
    db.pragma('temp_store = MEMORY');
    // A grid page reads 500 photos scattered over the review_grid and images tables; with
    // SQLite's default 2 MB page cache most of those pages are evicted between pages and
    // come back through a read() each (a few ms per page at 100,000 photos). 64 MB holds
    // the grid's working set (its table, the images table and the indexes in use) and is
    // allocated only as pages are read.
    db.pragma('cache_size = -65536');
  } catch (error) {
    throw new CoreError(
      'LIBRARY_INVALID',
      {
        key: 'library.unreadable',
        values: { file: paths.database, detail: (error as Error).message },
      },
      undefined,
      { cause: error },
    );
  }
  migrate(db);
  return { db, paths };
}

/**
 * Runs `work` in a write transaction that takes the write lock at BEGIN (BEGIN IMMEDIATE).
 * Every transaction that writes goes through here: a deferred transaction that reads
 * first and writes later must upgrade its lock, and when another process (a window
 * labelling, a server) wrote in between, SQLite fails it at once with "database is
 * locked" (busy_timeout cannot retry an upgrade from a stale snapshot). Taken at BEGIN,
 * the lock is simply waited for, up to busy_timeout.
 */
export function writeTransaction<T>(db: Db, work: () => T): T {
  return db.transaction(work).immediate();
}

export function migrate(db: Db): number {
  const check = (current: number): void => {
    if (current > migrations.length) {
      throw new CoreError('LIBRARY_INVALID', {
        key: 'library.newerSchema',
        values: { current, known: migrations.length },
      });
    }
  };
  const version = (): number => db.pragma('user_version', { simple: true }) as number;
  check(version());
  // Re-read inside the write lock: two processes opening a new library at once must not
  // both run the same migration.
  while (
    writeTransaction(db, () => {
      const current = version();
      check(current);
      if (current >= migrations.length) return false;
      db.exec(migrations[current]!);
      db.pragma(`user_version = ${current + 1}`);
      return true;
    })
  );
  return migrations.length;
}
