/**
 * Walks an import source (an SD card or a copy of it) and lists the files worth
 * importing. Nothing here writes anywhere; files are opened read-only, and only files
 * whose extension says nothing have their first bytes read.
 *
 * What is skipped and how it is counted:
 * - hidden entries (name starting with '.': `.DS_Store`, `._*` AppleDouble files,
 *   `.Trashes`, `.Spotlight-V100`, `.fseventsd`) and system entries (`System Volume
 *   Information`, `$RECYCLE.BIN`, `RECYCLER`, `LOST.DIR`, `Thumbs.db`, `desktop.ini`):
 *   not counted anywhere; they are the operating system's, not the robot's.
 * - symbolic links: never followed. Anything they point to inside the source is reached
 *   through its real path anyway, and anything outside is not part of the card.
 * - the library folder itself, should the source contain it.
 * - other visible files that are not images by their bytes (robot logs `.txt`,
 *   `.json`, videos...): counted as `ignored`, never reported as errors.
 * Files with an image extension (jpg, jpeg, png, webp, tif, tiff, and gif, heic, heif,
 * avif, bmp, which are reported as UNSUPPORTED_FORMAT) are always candidates, even when
 * their bytes turn out not to be an image: that is reported (NOT_AN_IMAGE), because the
 * inspector expects a photo there.
 * - a name that is not valid UTF-8 cannot be opened by the name Node hands out (it
 *   holds U+FFFD): reported with its own reason, not as a file that disappeared.
 */
import type { Dirent } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { SNIFF_BYTES, sniffImageFormat, sniffUnsupportedFormat } from '../imaging/sniff.js';

export interface SourceFile {
  /** '/'-separated path inside the source. */
  relPath: string;
  absPath: string;
  size: number;
  /** Whole milliseconds, as stored in import_files for the resume check. */
  mtimeMs: number;
}

/** A folder or file of the source that could not be listed (reported, the scan goes on). */
export interface UnreadableEntry {
  relPath: string;
  error: unknown;
}

export interface ScanResult {
  /** Photo candidates in a stable order (sorted by path, folder by folder). */
  files: SourceFile[];
  /** Visible files that are not images (logs, videos...). */
  ignored: number;
  unreadable: UnreadableEntry[];
}

export interface ScanOptions {
  /** Folder never descended into (the library, when it lies inside the source). */
  exclude?: string;
  signal?: AbortSignal;
  /** Called now and then with the number of candidates found so far. */
  onProgress?: (found: number) => void;
  /**
   * Decides whether the failure to list a folder or stat a file means the whole source
   * is gone (rethrown) or just that entry (recorded).
   */
  isSourceGone?: (error: unknown) => Promise<boolean>;
}

export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set([
  'jpg',
  'jpeg',
  'png',
  'webp',
  'tif',
  'tiff',
  // Not imported, but a photo the inspector expects: reported as an unsupported format
  // rather than skipped in silence.
  'gif',
  'heic',
  'heif',
  'avif',
  'bmp',
]);

/** Camera RAW files are TIFF inside; they are not what the robot's photos are. */
const RAW_EXTENSIONS: ReadonlySet<string> = new Set(['dng', 'cr2', 'nef', 'arw', 'orf', 'rw2']);

/** Files described at once per folder. */
const STAT_PARALLELISM = 16;

const SYSTEM_NAMES: ReadonlySet<string> = new Set([
  'system volume information',
  '$recycle.bin',
  'recycler',
  'lost.dir',
  'found.000',
  'thumbs.db',
  'ehthumbs.db',
  'desktop.ini',
]);

/** Hidden or operating-system entries that are never part of an import. */
export function isSkippedName(name: string): boolean {
  return name.startsWith('.') || SYSTEM_NAMES.has(name.toLowerCase());
}

/** Lower-case extension without the dot ('' when none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

/** Lists the photo candidates of `root` (an absolute, real path). */
export async function scanSource(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const result: ScanResult = { files: [], ignored: 0, unreadable: [] };
  let lastReport = 0;

  async function walk(dir: string, relDir: string): Promise<void> {
    if (options.signal?.aborted) return;
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (error) {
      if (relDir === '' || (await options.isSourceGone?.(error))) throw error;
      result.unreadable.push({ relPath: relDir, error });
      return;
    }
    // Plain code-unit order: the same on every machine, whatever the locale.
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const visible = entries.filter((entry) => !isSkippedName(entry.name));
    const files = visible.filter((entry) => entry.isFile());
    // Stat (and sniff) a folder's files a few at a time: an SD card answers many small
    // requests in parallel much faster than one after the other.
    for (let start = 0; start < files.length; start += STAT_PARALLELISM) {
      const chunk = files.slice(start, start + STAT_PARALLELISM);
      const described = await Promise.all(
        chunk.map(async (entry) => {
          const relPath = relDir === '' ? entry.name : `${relDir}/${entry.name}`;
          try {
            return { relPath, file: await describeFile(path.join(dir, entry.name), relPath) };
          } catch (error) {
            return { relPath, error: badNameOr(entry.name, error) };
          }
        }),
      );
      for (const item of described) {
        if ('error' in item) {
          if (await options.isSourceGone?.(item.error)) throw item.error;
          result.unreadable.push({ relPath: item.relPath, error: item.error });
        } else if (item.file === null) {
          result.ignored++;
        } else {
          result.files.push(item.file);
        }
      }
      if (options.onProgress && result.files.length - lastReport >= 50) {
        lastReport = result.files.length;
        options.onProgress(result.files.length);
      }
    }
    // Symbolic links, sockets and devices are neither files nor folders here: never
    // followed, never counted.
    for (const entry of visible) {
      if (!entry.isDirectory()) continue;
      const absPath = path.join(dir, entry.name);
      if (absPath === options.exclude) continue;
      await walk(absPath, relDir === '' ? entry.name : `${relDir}/${entry.name}`);
    }
  }

  await walk(root, '');
  options.onProgress?.(result.files.length);
  return result;
}

/**
 * Node decodes file names as UTF-8 and puts U+FFFD where the bytes are not: such a name
 * no longer reaches the file (ENOENT). Say that the name is the problem (EILSEQ).
 */
function badNameOr(name: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'ENOENT' || !name.includes('\uFFFD')) return error;
  return Object.assign(new Error(`invalid file name encoding: ${name}`), { code: 'EILSEQ' });
}

/** The file as a candidate, or null when it is not a photo at all. */
async function describeFile(absPath: string, relPath: string): Promise<SourceFile | null> {
  const stat = await fs.lstat(absPath);
  const file: SourceFile = {
    relPath,
    absPath,
    size: stat.size,
    mtimeMs: Math.trunc(stat.mtimeMs),
  };
  const ext = extensionOf(relPath);
  if (IMAGE_EXTENSIONS.has(ext)) return file;
  if (RAW_EXTENSIONS.has(ext) || stat.size < SNIFF_BYTES) return null;
  return (await looksLikeImage(absPath)) ? file : null;
}

/** Reads only the first bytes, read-only, to recognize a photo with an unexpected name. */
async function looksLikeImage(absPath: string): Promise<boolean> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(absPath, 'r');
    const head = new Uint8Array(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    const sniffed = head.subarray(0, bytesRead);
    return sniffImageFormat(sniffed) !== null || sniffUnsupportedFormat(sniffed) !== null;
  } catch {
    // An unreadable log file is not worth an error: it would not be imported anyway.
    return false;
  } finally {
    await handle?.close();
  }
}
