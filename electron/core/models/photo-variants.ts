/**
 * Transformed copies of a photo for robustness checks (`npm run eval -- --variants`):
 * what another camera, mount or light does to the same scene. Each variant is made with
 * sharp from the original file's bytes and then decoded by the app's own `decodePhoto`,
 * so the model sees it exactly as it would see such a photo imported from a card.
 */
import sharp from 'sharp';

/** A named transformation of a photo file's bytes into another photo file's bytes. */
export interface PhotoVariant {
  name: string;
  description: string;
  /** null for the original (the bytes are used as they are). */
  apply: ((upright: sharp.Sharp) => sharp.Sharp) | null;
}

/** 12 MP in 4:3, a common phone and inspection-camera sensor. */
const TWELVE_MP = { width: 4000, height: 3000 };

/** The variants of the model card's robustness table, in its order. */
export const PHOTO_VARIANTS: readonly PhotoVariant[] = [
  { name: 'original', description: 'the photo as it is', apply: null },
  { name: 'rot90', description: 'rotated 90° clockwise', apply: (s) => s.rotate(90) },
  { name: 'rot180', description: 'rotated 180°', apply: (s) => s.rotate(180) },
  { name: 'rot270', description: 'rotated 270° clockwise', apply: (s) => s.rotate(270) },
  { name: 'hflip', description: 'mirrored left-right', apply: (s) => s.flop() },
  { name: 'vflip', description: 'mirrored top-bottom', apply: (s) => s.flip() },
  { name: 'dark', description: 'brightness x0.5', apply: (s) => s.linear(0.5, 0) },
  { name: 'gray', description: 'grayscale', apply: (s) => s.grayscale().toColourspace('srgb') },
  { name: 'jpeg-q20', description: 'JPEG quality 20', apply: (s) => s.jpeg({ quality: 20 }) },
  {
    name: 'upscale-12mp',
    description: 'upscaled to 4000x3000 (12 MP)',
    apply: (s) => s.resize(TWELVE_MP.width, TWELVE_MP.height, { fit: 'fill' }),
  },
];

/** Names accepted by `--variants NAME,...`. */
export const VARIANT_NAMES = PHOTO_VARIANTS.map((v) => v.name);

/**
 * The variant's file bytes. The original is first turned upright (EXIF orientation
 * applied) so a rotation is a rotation of what the inspector sees; the result is a
 * JPEG at quality 95 (what cameras write), unless the variant is itself an encoding.
 */
export async function makeVariant(bytes: Buffer, variant: PhotoVariant): Promise<Buffer> {
  if (!variant.apply) return bytes;
  const upright = await sharp(bytes).rotate().toBuffer();
  const transformed = variant.apply(sharp(upright));
  const encoded = variant.name.startsWith('jpeg') ? transformed : transformed.jpeg({ quality: 95 });
  return encoded.toBuffer();
}
