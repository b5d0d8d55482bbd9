/**
 * Camera-like JPEGs without a camera: a smooth synthetic scene (a tube seen from its
 * end: steel wall gradients, a dark bore with a lit rim, deposit blobs, a vignette)
 * drawn at low resolution, upscaled with sharp, then per-pixel sensor noise, encoded at
 * quality 92 with 4:2:0 chroma and EXIF like a robot camera writes. Flat colours would
 * compress to a few KB and decode unrealistically fast; noise gives the entropy of a
 * real 12 MP photo (3-4 MB) and so the real cost of reading, hashing and decoding it.
 */
import sharp from 'sharp';

/** Bump when the pictures change, so cached workloads are rebuilt. */
export const SCENE_VERSION = 1;

/** Low-resolution canvas the scene is drawn on before upscaling. */
const CANVAS_W = 400;
const CANVAS_H = 300;
/** Standard deviation-ish of the per-pixel noise, in 8-bit levels (tuned for 3-4 MB). */
const NOISE_LEVEL = 8;
const QUALITY = 92;

/** Deterministic PRNG (mulberry32): the same index always gives the same photo. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NOISE_TABLE_SIZE = 1 << 20;
let noiseTable: Int16Array | null = null;

/**
 * A table of roughly Gaussian noise (sum of three uniforms). Each image row reads it
 * from a random offset: per-pixel noise at the cost of a memory read, and JPEG blocks
 * never see a repeated pattern they could exploit.
 */
function noise(): Int16Array {
  if (!noiseTable) {
    const random = seeded(0x5eed);
    noiseTable = new Int16Array(NOISE_TABLE_SIZE);
    for (let i = 0; i < NOISE_TABLE_SIZE; i++) {
      noiseTable[i] = Math.round((random() + random() + random() - 1.5) * 2 * NOISE_LEVEL);
    }
  }
  return noiseTable;
}

function clamp(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v;
}

/** The low-resolution scene: RGB bytes of CANVAS_W x CANVAS_H. */
function drawScene(index: number, obstructed: boolean): Buffer {
  const random = seeded(index * 7919 + 17);
  const pixels = Buffer.alloc(CANVAS_W * CANVAS_H * 3);
  const cx = CANVAS_W / 2 + (random() - 0.5) * 60;
  const cy = CANVAS_H / 2 + (random() - 0.5) * 40;
  const bore = 90 + random() * 30;
  const rimWidth = 6 + random() * 4;
  const steel = [120 + random() * 40, 125 + random() * 30, 135 + random() * 30];
  const blobs = Array.from({ length: obstructed ? 14 : 5 }, () => {
    const angle = random() * Math.PI * 2;
    const distance = (obstructed ? random() * 0.9 : 0.9 + random() * 0.6) * bore;
    return {
      x: cx + Math.cos(angle) * distance,
      y: cy + Math.sin(angle) * distance,
      radius: 6 + random() * (obstructed ? 40 : 18),
      color: [110 + random() * 80, 70 + random() * 50, 30 + random() * 30],
      strength: 0.5 + random() * 0.4,
    };
  });
  for (let y = 0; y < CANVAS_H; y++) {
    for (let x = 0; x < CANVAS_W; x++) {
      const d = Math.hypot(x - cx, y - cy);
      // Steel tube sheet lit from the top-left, darker towards the corners.
      const light = 1.1 - 0.35 * (x / CANVAS_W) - 0.25 * (y / CANVAS_H);
      let r = steel[0]! * light;
      let g = steel[1]! * light;
      let b = steel[2]! * light;
      if (d < bore) {
        const depth = Math.pow(1 - d / bore, 0.6);
        r = r * (1 - depth) + 12 * depth;
        g = g * (1 - depth) + 11 * depth;
        b = b * (1 - depth) + 10 * depth;
      }
      const rim = Math.abs(d - bore);
      if (rim < rimWidth) {
        const k = 1 - rim / rimWidth;
        r += 70 * k;
        g += 70 * k;
        b += 65 * k;
      }
      for (const blob of blobs) {
        const w =
          Math.exp(-((x - blob.x) ** 2 + (y - blob.y) ** 2) / (2 * blob.radius ** 2)) *
          blob.strength;
        r = r * (1 - w) + blob.color[0]! * w;
        g = g * (1 - w) + blob.color[1]! * w;
        b = b * (1 - w) + blob.color[2]! * w;
      }
      const vignette = 1 - 0.35 * ((x / CANVAS_W - 0.5) ** 2 + (y / CANVAS_H - 0.5) ** 2) * 2;
      // Mid-frequency texture (brushed metal, grime) that survives the upscale.
      const grain = (random() - 0.5) * 40;
      const o = (y * CANVAS_W + x) * 3;
      pixels[o] = clamp(r * vignette + grain);
      pixels[o + 1] = clamp(g * vignette + grain);
      pixels[o + 2] = clamp(b * vignette + grain);
    }
  }
  return pixels;
}

/** Adds per-pixel noise in place. */
function addNoise(pixels: Buffer, width: number, height: number, seed: number): void {
  const table = noise();
  const random = seeded(seed);
  const out = new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.length);
  const row = width * 3;
  for (let y = 0; y < height; y++) {
    const start = Math.floor(random() * (NOISE_TABLE_SIZE - row));
    const o = y * row;
    for (let x = 0; x < row; x++) out[o + x] = pixels[o + x]! + table[start + x]!;
  }
}

function exifTime(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}:${p(date.getUTCMonth() + 1)}:${p(date.getUTCDate())} ${p(date.getUTCHours())}:${p(date.getUTCMinutes())}:${p(date.getUTCSeconds())}`;
}

export interface ScenePhoto {
  jpeg: Buffer;
  obstructed: boolean;
  capturedAt: Date;
}

/** Renders photo number `index` at `width` x `height` as a camera JPEG. */
export async function renderPhoto(
  index: number,
  width: number,
  height: number,
  start: Date,
): Promise<ScenePhoto> {
  const obstructed = index % 3 === 1;
  const scene = drawScene(index, obstructed);
  const pixels = await sharp(scene, { raw: { width: CANVAS_W, height: CANVAS_H, channels: 3 } })
    .resize(width, height, { kernel: 'cubic' })
    .raw()
    .toBuffer();
  addNoise(pixels, width, height, index * 104729 + 3);
  const capturedAt = new Date(start.getTime() + index * 7_000);
  const jpeg = await sharp(pixels, { raw: { width, height, channels: 3 } })
    .withExif({
      IFD0: { Make: 'InspectionRobot', Model: 'RB-2', DateTime: exifTime(capturedAt) },
      IFD2: { DateTimeOriginal: exifTime(capturedAt) },
    })
    .jpeg({ quality: QUALITY, chromaSubsampling: '4:2:0' })
    .toBuffer();
  return { jpeg, obstructed, capturedAt };
}

/** A small WebP of the same scene: a real thumbnail for the synthetic 100k library. */
export async function renderThumbnail(index: number): Promise<Buffer> {
  const scene = drawScene(index, index % 3 === 1);
  return sharp(scene, { raw: { width: CANVAS_W, height: CANVAS_H, channels: 3 } })
    .resize(256, 192, { kernel: 'lanczos3' })
    .webp({ quality: 80 })
    .toBuffer();
}
