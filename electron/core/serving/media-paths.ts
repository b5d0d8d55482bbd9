/**
 * Which library file a photo URL path names, shared by every shell that serves photos
 * (the HTTP server's /media route and the desktop's app:// protocol): an exact content
 * hash and a known extension, or nothing, before the file system is touched, which also
 * rules out path traversal.
 */
import type { LibraryPaths } from '../library/database.js';
import { originalPath, thumbPath } from '../library/database.js';
import { FORMAT_EXTENSION } from '../imaging/sniff.js';

export const MEDIA_PREFIX = '/media/';

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  tif: 'image/tiff',
};

const THUMB = /^\/media\/thumbs\/([0-9a-f]{64})\.webp$/;
const ORIGINAL = /^\/media\/originals\/([0-9a-f]{64})\.([a-z]{2,4})$/;

export interface MediaFile {
  file: string;
  sha256: string;
  contentType: string;
}

/** The library file behind a media URL path, or null when the path is not one. */
export function resolveMediaPath(paths: LibraryPaths, pathname: string): MediaFile | null {
  const thumb = THUMB.exec(pathname);
  if (thumb) {
    return { file: thumbPath(paths, thumb[1]!), sha256: thumb[1]!, contentType: 'image/webp' };
  }
  const original = ORIGINAL.exec(pathname);
  if (original) {
    const [, sha256, ext] = original as unknown as [string, string, string];
    const known = Object.values(FORMAT_EXTENSION) as string[];
    const contentType = CONTENT_TYPES[ext];
    if (!known.includes(ext) || !contentType) return null;
    return { file: originalPath(paths, sha256, ext), sha256, contentType };
  }
  return null;
}
