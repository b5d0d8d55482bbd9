/**
 * The SD-card workloads: folders of camera-like JPEGs laid out like the inspection
 * robot's card (`DCIM/100ROBOT/R01C001_0000.JPG`...). Photos are rendered once into a
 * pool keyed by the scene version and size (`bench/.work/photos/`), in parallel child
 * processes, and reused by every later run; a card of N photos is a folder of hard
 * links to the first N pool photos (`bench/.work/cards/`), so a --quick card costs
 * nothing once the full one exists.
 */
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChild } from '../lib/child.js';
import { benchScript, WORK_DIR } from '../lib/paths.js';
import type { GenerateProtocol } from '../child/generate-photos.js';
import { SCENE_VERSION } from './scene.js';

export interface PhotoSetSpec {
  width: number;
  height: number;
  count: number;
}

export interface PhotoCard {
  /** The folder to import (the "SD card"). */
  root: string;
  /** Absolute paths of the photos, in card order. */
  files: string[];
  width: number;
  height: number;
  totalBytes: number;
  /** Seconds spent rendering photos missing from the pool (0 when all were cached). */
  generatedS: number;
}

/** The robot started this run at this time; photos follow each other by 7 s. */
const RUN_START = new Date('2026-03-12T10:15:00Z');
/** File times as the card was closed (later than the capture times). */
const FILE_TIME = new Date('2026-03-12T18:30:00Z');
const PHOTOS_PER_FOLDER = 100;
const TUBES_PER_ROW = 60;

function poolDir(spec: PhotoSetSpec): string {
  return path.join(WORK_DIR, 'photos', `v${SCENE_VERSION}-${spec.width}x${spec.height}`);
}

function poolFile(spec: PhotoSetSpec, index: number): string {
  return path.join(poolDir(spec), `${String(index).padStart(5, '0')}.jpg`);
}

function cardName(index: number): string {
  const folder = `DCIM/${100 + Math.floor(index / PHOTOS_PER_FOLDER)}ROBOT`;
  const row = 1 + Math.floor(index / TUBES_PER_ROW);
  const col = 1 + (index % TUBES_PER_ROW);
  return `${folder}/R${String(row).padStart(2, '0')}C${String(col).padStart(3, '0')}_${String(index).padStart(5, '0')}.JPG`;
}

/** Renders the pool photos that are missing, on one child process per core. */
async function fillPool(spec: PhotoSetSpec, log: (line: string) => void): Promise<number> {
  mkdirSync(poolDir(spec), { recursive: true });
  const missing: { index: number; path: string }[] = [];
  for (let i = 0; i < spec.count; i++) {
    const file = poolFile(spec, i);
    if (!existsSync(file)) missing.push({ index: i, path: file });
  }
  if (missing.length === 0) return 0;
  const workers = Math.max(1, Math.min(os.availableParallelism(), missing.length));
  log(
    `rendering ${missing.length} ${spec.width}x${spec.height} photos on ${workers} processes (cached afterwards)...`,
  );
  const started = performance.now();
  const children = Array.from({ length: workers }, () =>
    startChild<GenerateProtocol>(benchScript('child/generate-photos.ts')),
  );
  try {
    // Small chunks handed out as children finish, so progress can be shown.
    const chunk = 4;
    let next = 0;
    let done = 0;
    await Promise.all(
      children.map(async (child) => {
        while (next < missing.length) {
          const files = missing.slice(next, next + chunk);
          next += chunk;
          await child.request('generate', {
            files,
            width: spec.width,
            height: spec.height,
            startIso: RUN_START.toISOString(),
          });
          done += files.length;
          if (done % 20 < chunk) log(`  ${done}/${missing.length} photos rendered`);
        }
      }),
    );
  } finally {
    await Promise.all(children.map((c) => c.stop()));
  }
  return (performance.now() - started) / 1000;
}

/** The card of `count` photos at `width` x `height`, rendered and laid out if needed. */
export async function ensurePhotoCard(
  spec: PhotoSetSpec,
  log: (line: string) => void,
): Promise<PhotoCard> {
  const generatedS = await fillPool(spec, log);
  const root = path.join(
    WORK_DIR,
    'cards',
    `v${SCENE_VERSION}-${spec.width}x${spec.height}-n${spec.count}`,
  );
  const files = Array.from({ length: spec.count }, (_, i) => path.join(root, cardName(i)));
  const complete = files.every((f) => existsSync(f)) && countFiles(root) === spec.count;
  if (!complete) {
    rmSync(root, { recursive: true, force: true });
    for (let i = 0; i < spec.count; i++) {
      mkdirSync(path.dirname(files[i]!), { recursive: true });
      linkSync(poolFile(spec, i), files[i]!);
    }
    // Hard links share the inode, so this dates the pool files too: same on every card.
    for (const file of files) utimesSync(file, FILE_TIME, FILE_TIME);
  }
  const totalBytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  return { root, files, width: spec.width, height: spec.height, totalBytes, generatedS };
}

/**
 * The same card with `n` bytes after each JPEG's end marker: every photo decodes as
 * before but has new content, so a library that holds the card imports all of it again
 * (memory across several imports of different photos). Copies, not links: the pool
 * photos stay untouched.
 */
export function ensureVariantCard(card: PhotoCard, n: number): PhotoCard {
  const root = `${card.root}-variant${n}`;
  const files = card.files.map((f) => path.join(root, path.relative(card.root, f)));
  const complete =
    files.every(
      (f, i) => existsSync(f) && statSync(f).size === statSync(card.files[i]!).size + n,
    ) && countFiles(root) === files.length;
  if (!complete) {
    rmSync(root, { recursive: true, force: true });
    for (const [i, file] of files.entries()) {
      mkdirSync(path.dirname(file), { recursive: true });
      copyFileSync(card.files[i]!, file);
      appendFileSync(file, Buffer.alloc(n, 0x20));
      utimesSync(file, FILE_TIME, FILE_TIME);
    }
  }
  const totalBytes = files.reduce((sum, f) => sum + statSync(f).size, 0);
  return { ...card, root, files, totalBytes, generatedS: 0 };
}

function countFiles(dir: string): number {
  if (!existsSync(dir)) return 0;
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) count++;
  }
  return count;
}
