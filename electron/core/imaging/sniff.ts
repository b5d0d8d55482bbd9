/**
 * Recognizes photos by their first bytes, never by their file name: robot SD cards
 * carry `.JPG` files that are really something else, and extension-less dumps.
 */

/** Image formats the library stores and decodes. */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'tiff';

/** File extension of a stored original, per format (lower case, no dot). */
export const FORMAT_EXTENSION: Record<ImageFormat, string> = {
  jpeg: 'jpg',
  png: 'png',
  webp: 'webp',
  tiff: 'tif',
};

/** How many leading bytes `sniffImageFormat` needs to decide. */
export const SNIFF_BYTES = 16;

/** ISO-BMFF brands (bytes 8..12 after `ftyp`) of HEIF stills and sequences. */
const HEIF_BRANDS: ReadonlySet<string> = new Set([
  'heic',
  'heix',
  'hevc',
  'hevx',
  'heim',
  'heis',
  'mif1',
  'msf1',
]);
const AVIF_BRANDS: ReadonlySet<string> = new Set(['avif', 'avis']);

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(head: Uint8Array, bytes: readonly number[], offset = 0): boolean {
  if (head.length < offset + bytes.length) return false;
  return bytes.every((byte, i) => head[offset + i] === byte);
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

/** Recognizes an image by its first bytes (>= 16), not its name. */
export function sniffImageFormat(head: Uint8Array): ImageFormat | null {
  // JPEG: SOI marker followed by the start of any marker segment.
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, PNG_SIGNATURE)) return 'png';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'webp';
  // TIFF, little- or big-endian; 43 is BigTIFF, which libtiff (and so sharp) reads too.
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) {
    return 'tiff';
  }
  if (startsWith(head, [0x49, 0x49, 0x2b, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2b])) {
    return 'tiff';
  }
  return null;
}

/**
 * Images we recognize but do not import (GIF, HEIF/HEIC, AVIF, BMP): named so that the
 * inspector reads "unsupported format" instead of a silent skip or "not a photo".
 */
export function sniffUnsupportedFormat(head: Uint8Array): string | null {
  if (startsWith(head, ascii('GIF87a')) || startsWith(head, ascii('GIF89a'))) return 'GIF';
  if (startsWith(head, ascii('ftyp'), 4)) {
    const brand = String.fromCharCode(...head.subarray(8, 12));
    if (HEIF_BRANDS.has(brand)) return 'HEIF (HEIC)';
    if (AVIF_BRANDS.has(brand)) return 'AVIF';
  }
  if (startsWith(head, ascii('BM')) && head.length >= 14) {
    // The BMP header's file size and reserved zero bytes make "BM" text unlikely to match.
    if (head[6] === 0 && head[7] === 0 && head[8] === 0 && head[9] === 0) return 'BMP';
  }
  return null;
}
