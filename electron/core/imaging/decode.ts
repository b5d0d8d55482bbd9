/**
 * Decodes a photo once: one sharp pipeline (EXIF auto-orient, shrink-on-load, lanczos3)
 * to a small RGB "preview"; the thumbnail and the model input are derived from that
 * buffer, never from the file again (Immich's decode-once).
 */
import sharp from 'sharp';
import { CoreError } from '../errors.js';
import { readCaptureTime } from './exif.js';
import { sniffImageFormat, SNIFF_BYTES, type ImageFormat } from './sniff.js';

// Every photo is decoded once from its own bytes, so libvips' operation cache (up to
// 50 MB and 100 operations by default) never hits: it only held pixels we never asked for
// again, and made the server's memory wander by tens of MB between imports.
sharp.cache(false);

/** RGB, 8-bit, row-major pixels. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: 3;
}

/** What one decode of a photo yields: everything import and classification need. */
export interface DecodedPhoto {
  format: ImageFormat;
  /** Full size AFTER EXIF orientation. */
  width: number;
  height: number;
  /** Fits inside 512x512, oriented: the model input is derived from this. */
  preview: RawImage;
  /** WebP, fits inside 256x256, oriented. */
  thumbnail: Buffer;
  /** EXIF DateTimeOriginal (else CreateDate/DateTime), null when absent. */
  capturedAt: Date | null;
}

/** Preview edge: large enough for any model input we ship (224..448), small to keep. */
export const PREVIEW_SIZE = 512;
/** Thumbnail edge: the review grid shows cells up to about 250 px. */
export const THUMBNAIL_SIZE = 256;
/**
 * Pixel-bomb guard. Robot and phone cameras stay well below 100 MP; a few-KB PNG that
 * claims 30000x30000 would otherwise make libvips allocate gigabytes.
 */
export const MAX_INPUT_PIXELS = 100_000_000;

const THUMBNAIL_QUALITY = 80;
/** Photos are flattened on white: transparent PNG areas read as background, not black. */
const FLATTEN_BACKGROUND = '#ffffff';

function openImage(bytes: Buffer, format: ImageFormat): sharp.Sharp {
  return sharp(bytes, {
    limitInputPixels: MAX_INPUT_PIXELS,
    // 'error' rejects truncated and corrupt files (a half-written JPEG would otherwise
    // decode as grey bands and be classified). JPEGs go further, 'warning': libjpeg only
    // WARNS of a 64x64 photo whose header claims 9999x9999 ("premature end of data
    // segment", then grey) and of damaged entropy data ("bad Huffman code"); 0 of 400
    // real robot photos warn. libpng warns of harmless things (an sRGB profile), so PNG
    // and the rest stay at 'error'.
    failOn: format === 'jpeg' ? 'warning' : 'error',
    // Top-to-bottom reading lets libvips stream the decode instead of buffering it.
    sequentialRead: true,
  });
}

/** The oriented size: EXIF orientations 5..8 turn the image by 90 degrees. */
function orientedSize(meta: sharp.Metadata): { width: number; height: number } {
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  return (meta.orientation ?? 1) >= 5 ? { width: height, height: width } : { width, height };
}

function describeFormat(format: ImageFormat): string {
  return format === 'jpeg'
    ? 'JPEG'
    : format === 'png'
      ? 'PNG'
      : format === 'webp'
        ? 'WebP'
        : 'TIFF';
}

/** Maps a libvips failure to what a user can act on. */
function decodeError(error: unknown, name: string, format: ImageFormat): CoreError {
  const reason = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(reason)) {
    return tooLarge(name, null);
  }
  const truncated =
    /premature end|truncated|unexpected end|end of (file|data|stream)|short read/i.test(reason);
  const what = truncated
    ? `truncated ${describeFormat(format)}`
    : `corrupt ${describeFormat(format)}`;
  return new CoreError(
    'UNREADABLE_IMAGE',
    { key: 'imaging.unreadable', values: { name, what } },
    { name, format, reason: reason.trim() },
    { cause: error },
  );
}

function tooLarge(name: string, size: { width: number; height: number } | null): CoreError {
  const megapixels = MAX_INPUT_PIXELS / 1_000_000;
  return new CoreError(
    'IMAGE_TOO_LARGE',
    size
      ? {
          key: 'imaging.tooLargeSized',
          values: { name, width: String(size.width), height: String(size.height), megapixels },
        }
      : { key: 'imaging.tooLarge', values: { name, megapixels } },
    { name, ...size, maxPixels: MAX_INPUT_PIXELS },
  );
}

/** The size a file's header claims, read without the pixel limit (header only, no decode). */
async function claimedSize(bytes: Buffer): Promise<{ width: number; height: number } | null> {
  try {
    return orientedSize(await sharp(bytes, { limitInputPixels: false }).metadata());
  } catch {
    return null;
  }
}

/** Derives the WebP thumbnail from the preview pixels (no second decode of the file). */
export async function thumbnailFromPreview(preview: RawImage): Promise<Buffer> {
  return sharp(preview.data, {
    raw: { width: preview.width, height: preview.height, channels: preview.channels },
  })
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, {
      fit: 'inside',
      withoutEnlargement: true,
      kernel: 'lanczos3',
    })
    .webp({ quality: THUMBNAIL_QUALITY })
    .toBuffer();
}

/**
 * Decodes once (sharp, shrink-on-load, limitInputPixels). `name` is only for error messages.
 * Throws CoreError: EMPTY_FILE, NOT_AN_IMAGE, UNREADABLE_IMAGE (truncated/corrupt),
 * IMAGE_TOO_LARGE (pixel bomb).
 */
export async function decodePhoto(bytes: Buffer, name: string): Promise<DecodedPhoto> {
  if (bytes.length === 0) {
    throw new CoreError('EMPTY_FILE', { key: 'imaging.empty', values: { name } }, { name });
  }
  const format = sniffImageFormat(bytes.subarray(0, SNIFF_BYTES));
  if (!format) {
    throw new CoreError('NOT_AN_IMAGE', { key: 'imaging.notAnImage', values: { name } }, { name });
  }

  const image = openImage(bytes, format);
  let meta: sharp.Metadata;
  try {
    meta = await image.metadata();
  } catch (error) {
    const failure = decodeError(error, name, format);
    if (failure.code === 'IMAGE_TOO_LARGE') throw tooLarge(name, await claimedSize(bytes));
    throw failure;
  }
  const size = orientedSize(meta);
  // Checked here from the header so the message can name the claimed size.
  if (size.width * size.height > MAX_INPUT_PIXELS) throw tooLarge(name, size);

  let preview: RawImage;
  try {
    const { data, info } = await image
      .rotate()
      // Resizing straight from the file lets libjpeg shrink-on-load (DCT scaling by
      // 1/2, 1/4, 1/8): a 12 MP JPEG is decoded at ~1/4 of its pixels.
      .resize(PREVIEW_SIZE, PREVIEW_SIZE, {
        fit: 'inside',
        withoutEnlargement: true,
        kernel: 'lanczos3',
      })
      .flatten({ background: FLATTEN_BACKGROUND })
      // Grey, CMYK and 16-bit inputs all become 8-bit sRGB with exactly 3 channels.
      .toColourspace('srgb')
      .removeAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) {
      throw new Error(`expected 3 channels after conversion, got ${info.channels}`);
    }
    preview = { data, width: info.width, height: info.height, channels: 3 };
  } catch (error) {
    throw decodeError(error, name, format);
  }

  const [thumbnail, capturedAt] = await Promise.all([
    thumbnailFromPreview(preview),
    readCaptureTime(meta.exif),
  ]);
  return { format, width: size.width, height: size.height, preview, thumbnail, capturedAt };
}
