import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  assignSplit,
  roboflowSourceId,
  splitBucket,
  splitGroupKey,
  splitOfBucket,
} from '../../electron/core/export/split.js';

const SPEC = { train: 70, val: 15, test: 15 };

function sha(i: number): string {
  return createHash('sha256').update(`photo ${i}`).digest('hex');
}

describe('deterministic split', () => {
  it('puts the same photo in the same split every time', () => {
    const photo = { sha256: sha(1), tubeRow: null, tubeCol: null };
    const first = assignSplit(photo, SPEC);
    for (let i = 0; i < 5; i++) expect(assignSplit({ ...photo }, SPEC)).toBe(first);
    // The documented formula, recomputed independently.
    const digest = createHash('sha256').update(`${photo.sha256}:split`).digest('hex');
    expect(splitBucket(photo.sha256)).toBe(Number.parseInt(digest.slice(0, 8), 16) % 100);
  });

  it('keeps every photo of one tube on the same side', () => {
    const photos = Array.from({ length: 50 }, (_, i) => ({
      sha256: sha(i),
      tubeRow: 12,
      tubeCol: 34,
    }));
    const splits = new Set(photos.map((p) => assignSplit(p, SPEC)));
    expect(splits.size).toBe(1);
    expect(splitGroupKey(photos[0] as (typeof photos)[0])).toBe('tube:12:34');
  });

  it('follows the asked proportions on 1,000 photos', () => {
    const counts = { train: 0, val: 0, test: 0 };
    for (let i = 0; i < 1000; i++) {
      counts[assignSplit({ sha256: sha(i), tubeRow: null, tubeCol: null }, SPEC)]++;
    }
    expect(counts.train).toBeGreaterThan(650);
    expect(counts.train).toBeLessThan(750);
    expect(counts.val).toBeGreaterThan(110);
    expect(counts.val).toBeLessThan(190);
    expect(counts.test).toBeGreaterThan(110);
    expect(counts.test).toBeLessThan(190);
  });

  it('maps buckets onto the percentages, including empty splits', () => {
    expect(splitOfBucket(0, SPEC)).toBe('train');
    expect(splitOfBucket(69, SPEC)).toBe('train');
    expect(splitOfBucket(70, SPEC)).toBe('val');
    expect(splitOfBucket(85, SPEC)).toBe('test');
    expect(splitOfBucket(99, { train: 100, val: 0, test: 0 })).toBe('train');
    expect(splitOfBucket(0, { train: 0, val: 0, test: 100 })).toBe('test');
  });
});

describe('augmented copies of one source photo', () => {
  const copy = (source: string, i: number) => ({
    sha256: sha(1000 + i),
    tubeRow: null,
    tubeCol: null,
    originalName: `${source}_jpg.rf.${createHash('md5').update(`${source}:${i}`).digest('hex')}.jpg`,
  });

  it('reads the Roboflow source id from the file name, and nothing from other names', () => {
    expect(roboflowSourceId('1000_jpg.rf.8248b7f422d347e50c6a6e9bff85d41a.jpg')).toBe('1000');
    expect(roboflowSourceId('train/pipe 7_png.rf.0abc.PNG')).toBe('pipe 7');
    expect(roboflowSourceId('IMG_0042.JPG')).toBeNull();
    expect(roboflowSourceId('R07C010_20260320-101500.jpg')).toBeNull();
  });

  it('keeps the copies of each source photo on one side of the split', () => {
    // Three copies each of 60 source photos, as in the shared pipe dataset.
    const sides = new Map<string, Set<string>>();
    for (let source = 0; source < 60; source++) {
      for (let i = 0; i < 3; i++) {
        const photo = copy(String(source), i);
        const side = assignSplit(photo, SPEC);
        sides.set(String(source), (sides.get(String(source)) ?? new Set()).add(side));
      }
    }
    expect([...sides.values()].filter((s) => s.size > 1)).toHaveLength(0);
    // ...while the sources themselves still spread over train, val and test.
    const used = new Set([...sides.values()].flatMap((s) => [...s]));
    expect(used).toEqual(new Set(['train', 'val', 'test']));
  });

  it('lets a tube position win over the name', () => {
    expect(splitGroupKey({ ...copy('5', 0), tubeRow: 1, tubeCol: 2 })).toBe('tube:1:2');
  });
});
