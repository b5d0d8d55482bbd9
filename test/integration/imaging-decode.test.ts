import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodePhoto, PREVIEW_SIZE } from '../../electron/core/imaging/decode.js';
import { isCoreError, type ErrorCode } from '../../electron/core/errors.js';

function solid(width: number, height: number, color: string): sharp.Sharp {
  return sharp({ create: { width, height, channels: 3, background: color } });
}

async function codeOf(promise: Promise<unknown>): Promise<{ code: ErrorCode; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isCoreError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected the decode to fail');
}

/** A valid PNG that claims width x height (1-bit grey, all zero: tiny once deflated). */
function pngClaiming(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer): number => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const rows = Buffer.alloc((1 + Math.ceil(width / 8)) * height);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('decoding a photo once', () => {
  it.each([
    ['jpeg', (s: sharp.Sharp) => s.jpeg()],
    ['png', (s: sharp.Sharp) => s.png()],
    ['webp', (s: sharp.Sharp) => s.webp()],
    ['tiff', (s: sharp.Sharp) => s.tiff()],
  ] as const)(
    'decodes a %s into full size, a 512 preview and a WebP thumbnail',
    async (format, encode) => {
      const bytes = await encode(solid(1200, 800, '#d02010')).toBuffer();
      const photo = await decodePhoto(bytes, `photo.${format}`);
      expect(photo.format).toBe(format);
      expect([photo.width, photo.height]).toEqual([1200, 800]);
      expect([photo.preview.width, photo.preview.height]).toEqual([PREVIEW_SIZE, 341]);
      expect(photo.preview.data.length).toBe(PREVIEW_SIZE * 341 * 3);
      // The colour survives: the preview's first pixel is still the red the photo was.
      const [r, g, b] = photo.preview.data;
      expect(r).toBeGreaterThan(190);
      expect(g).toBeLessThan(60);
      expect(b).toBeLessThan(60);
      const thumb = await sharp(photo.thumbnail).metadata();
      expect(thumb.format).toBe('webp');
      expect([thumb.width, thumb.height]).toEqual([256, 171]);
    },
  );

  it('keeps small photos at their size instead of enlarging them', async () => {
    const photo = await decodePhoto(await solid(100, 40, '#0000ff').png().toBuffer(), 'small.png');
    expect([photo.preview.width, photo.preview.height]).toEqual([100, 40]);
  });

  it('turns an EXIF-rotated camera JPEG upright and reads when it was taken', async () => {
    const bytes = await solid(600, 400, '#808080')
      .jpeg()
      .withMetadata({ orientation: 6 })
      .withExif({ IFD2: { DateTimeOriginal: '2024:05:06 07:08:09' } })
      .toBuffer();
    expect((await sharp(bytes).metadata()).orientation).toBe(6);
    const photo = await decodePhoto(bytes, 'IMG_0001.JPG');
    expect([photo.width, photo.height]).toEqual([400, 600]);
    expect(photo.preview.height).toBeGreaterThan(photo.preview.width);
    expect(photo.capturedAt?.getFullYear()).toBe(2024);
    expect(photo.capturedAt).toEqual(new Date(2024, 4, 6, 7, 8, 9));
  });

  it('has no capture time when the photo carries no EXIF date', async () => {
    const photo = await decodePhoto(await solid(20, 20, '#fff').png().toBuffer(), 'a.png');
    expect(photo.capturedAt).toBeNull();
  });

  it('gives grey, transparent, 16-bit and CMYK photos as 8-bit RGB', async () => {
    const inputs = [
      await solid(30, 20, '#808080').greyscale().png().toBuffer(),
      await sharp({
        create: { width: 30, height: 20, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
      })
        .png()
        .toBuffer(),
      await solid(30, 20, '#808080').toColourspace('rgb16').png().toBuffer(),
      await solid(30, 20, '#ff0000').toColourspace('cmyk').jpeg().toBuffer(),
    ];
    const previews = await Promise.all(inputs.map((b, i) => decodePhoto(b, `in-${i}`)));
    for (const { preview } of previews) {
      expect(preview.channels).toBe(3);
      expect(preview.data.length).toBe(30 * 20 * 3);
    }
    // Transparent areas are white, not black.
    expect([...previews[1]!.preview.data.subarray(0, 3)]).toEqual([255, 255, 255]);
  });

  it('refuses a truncated JPEG instead of classifying grey bands', async () => {
    const noise = Buffer.alloc(300 * 200 * 3);
    for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
    const jpeg = await sharp(noise, { raw: { width: 300, height: 200, channels: 3 } })
      .jpeg()
      .toBuffer();
    const error = await codeOf(decodePhoto(jpeg.subarray(0, jpeg.length >> 1), 'IMG_0042.JPG'));
    expect(error.code).toBe('UNREADABLE_IMAGE');
    expect(error.message).toContain('`IMG_0042.JPG` is not a readable image (truncated JPEG)');
  });

  it('explains empty files, non-images and pixel bombs', async () => {
    expect(await codeOf(decodePhoto(Buffer.alloc(0), 'EMPTY.JPG'))).toMatchObject({
      code: 'EMPTY_FILE',
      message: expect.stringContaining('EMPTY.JPG'),
    });
    expect(
      await codeOf(decodePhoto(Buffer.from('robot log: tube 12 ok\n'.repeat(4)), 'LOG.JPG')),
    ).toMatchObject({
      code: 'NOT_AN_IMAGE',
    });
    const bomb = pngClaiming(20_000, 20_000);
    expect(bomb.length).toBeLessThan(200_000);
    const error = await codeOf(decodePhoto(bomb, 'bomb.png'));
    expect(error.code).toBe('IMAGE_TOO_LARGE');
    expect(error.message).toContain('20000x20000');
  });
});
