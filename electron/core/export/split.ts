/**
 * Deterministic train/val/test split. A photo's split depends only on a hash, never on
 * the order, the date or the other photos: the same photo lands in the same split in
 * every export, so a model's test set never leaks into a later training set.
 *
 * Photos of one tube position share a split (the key is the tube, not the photo): the
 * robot's consecutive frames of one tube are near-identical, and letting them straddle
 * train and test would flatter the model. Exact duplicates cannot occur (the library
 * stores each sha256 once). Photos without a tube position are keyed by their sha256.
 */
import { createHash } from 'node:crypto';
import type { SplitSpec } from '../../contract.js';

export type SplitName = 'train' | 'val' | 'test';
export const SPLIT_NAMES: readonly SplitName[] = ['train', 'val', 'test'];

export interface SplitSubject {
  sha256: string;
  tubeRow: number | null;
  tubeCol: number | null;
}

/** What keeps photos together: the tube position when known, else the photo itself. */
export function splitGroupKey(subject: SplitSubject): string {
  return subject.tubeRow !== null && subject.tubeCol !== null
    ? `tube:${subject.tubeRow}:${subject.tubeCol}`
    : subject.sha256;
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
