/**
 * Deterministic train/val/test split. A photo's split depends only on a hash, never on
 * the order, the date or the other photos: the same photo lands in the same split in
 * every export, so a model's test set never leaks into a later training set.
 *
 * Photos of one tube position share a split (the key is the tube, not the photo): the
 * robot's consecutive frames of one tube are near-identical, and letting them straddle
 * train and test would flatter the model. Exact duplicates cannot occur (the library
 * stores each sha256 once).
 *
 * Without a tube position, augmented copies of one source photo named the way Roboflow
 * exports them (`<source>_jpg.rf.<hash>.jpg`) share the source's split: on the shared
 * pipe dataset 83 of 185 such groups straddled train/val/test when keyed by sha256, which
 * flatters any model evaluated on them. models/training/inspection_data.py groups by the
 * same key. A perceptual hash could not tell crops+flips of one photo from other pipe
 * photos (see issue 12), so the name is the honest signal. Other photos are keyed by
 * their sha256.
 */
import { createHash } from 'node:crypto';
import type { SplitSpec } from '../../contract.js';

export type SplitName = 'train' | 'val' | 'test';
export const SPLIT_NAMES: readonly SplitName[] = ['train', 'val', 'test'];

export interface SplitSubject {
  sha256: string;
  tubeRow: number | null;
  tubeCol: number | null;
  /** The file name on the card, e.g. `1000_jpg.rf.8248b7f4….jpg`. */
  originalName?: string;
}

/**
 * `<source>_<ext>.rf.<hex>.<ext>`: Roboflow's augmented copies of one source photo (the
 * same pattern as ROBOFLOW_NAME in models/training/inspection_data.py).
 */
const ROBOFLOW_COPY = /^(.+?)_(?:jpe?g|png|bmp|webp)\.rf\.[0-9a-f]+\.[a-z0-9]+$/i;

/** The Roboflow source id in a file name, or null. Folders in the name are ignored. */
export function roboflowSourceId(originalName: string): string | null {
  const base = originalName.split(/[\\/]/).pop() ?? originalName;
  return ROBOFLOW_COPY.exec(base)?.[1] ?? null;
}

/**
 * What keeps photos together: the tube position when known, else the Roboflow source
 * photo, else the photo itself.
 */
export function splitGroupKey(subject: SplitSubject): string {
  if (subject.tubeRow !== null && subject.tubeCol !== null) {
    return `tube:${subject.tubeRow}:${subject.tubeCol}`;
  }
  const source = subject.originalName ? roboflowSourceId(subject.originalName) : null;
  return source !== null ? `source:${source}` : subject.sha256;
}

/** 0..99: the first 8 hex digits of sha256(`<key>:split`), modulo 100. */
export function splitBucket(key: string): number {
  const digest = createHash('sha256').update(`${key}:split`).digest('hex');
  return Number.parseInt(digest.slice(0, 8), 16) % 100;
}

/** train for buckets below `train`, val for the next `val`, test for the rest. */
export function splitOfBucket(bucket: number, spec: SplitSpec): SplitName {
  if (bucket < spec.train) return 'train';
  if (bucket < spec.train + spec.val) return 'val';
  return 'test';
}

export function assignSplit(subject: SplitSubject, spec: SplitSpec): SplitName {
  return splitOfBucket(splitBucket(splitGroupKey(subject)), spec);
}
