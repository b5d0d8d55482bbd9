/**
 * Capture time from the EXIF block sharp hands out (`metadata().exif`). exifr parses it
 * as the TIFF structure it is; sharp prefixes JPEG/WebP blocks with the APP1 "Exif\0\0"
 * header, which exifr does not expect on a bare block.
 */
import exifr from 'exifr';

const EXIF_HEADER = Buffer.from('Exif\0\0', 'latin1');

/** Tag names as exifr spells them; 0x0132 "DateTime" is `ModifyDate` there. */
const DATE_TAGS = ['DateTimeOriginal', 'CreateDate', 'ModifyDate'] as const;

/**
 * The moment the photo was taken: DateTimeOriginal, else CreateDate, else the IFD0
 * DateTime; null when the block is absent, unreadable or holds no valid date. EXIF times
 * carry no zone, so they are read as the laptop's local time (the robot's clock is set
 * to the plant's local time too).
 */
export async function readCaptureTime(exif: Buffer | undefined): Promise<Date | null> {
  if (!exif || exif.length < 8) return null;
  const tiff = exif.subarray(0, EXIF_HEADER.length).equals(EXIF_HEADER)
    ? exif.subarray(EXIF_HEADER.length)
    : exif;
  let tags: Record<string, unknown> | undefined;
  try {
    tags = (await exifr.parse(tiff, { pick: [...DATE_TAGS] })) as
      Record<string, unknown> | undefined;
  } catch {
    // A damaged EXIF block must not cost the photo: its file time is used instead.
    return null;
  }
  for (const tag of DATE_TAGS) {
    const value = tags?.[tag];
    if (value instanceof Date && isPlausibleCaptureTime(value)) return value;
  }
  return null;
}

/** Digital inspection cameras did not exist before this. */
const EARLIEST_YEAR = 1990;
/** A camera clock a little ahead of the laptop's is still believed. */
const FUTURE_SLACK_MS = 2 * 24 * 60 * 60 * 1000;

/**
 * Whether an EXIF date can be a capture time. A camera with an unset clock writes
 * "0000:00:00 00:00:00", which the Date constructor turns into 30 November 1899; a
 * damaged block gives years like 2206. Either way the file time is the better guess.
 */
export function isPlausibleCaptureTime(value: Date, now: number = Date.now()): boolean {
  const time = value.getTime();
  return (
    !Number.isNaN(time) && value.getFullYear() >= EARLIEST_YEAR && time <= now + FUTURE_SLACK_MS
  );
}
