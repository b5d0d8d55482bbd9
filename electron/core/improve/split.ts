/**
 * The held-out split of the improve job: reviewed photos are grouped so near-duplicates
 * (the same tube photographed twice, the same scene saved twice, augmented copies) never
 * sit on both sides, then about `share` of the groups of each label are held out.
 * Deterministic: the same photos stay held out from one run to the next, so two improved
 * versions are measured on the same photos.
 */
import { createHash } from 'node:crypto';

export interface SplitPhoto {
  imageId: number;
  label: string;
  tubeRow: number | null;
  tubeCol: number | null;
  embedding: Float32Array;
}

export interface HeldOutSplit {
  train: number[];
  heldOut: number[];
  groups: number;
}

/**
 * Cosine similarity of centered embeddings above which two photos count as
 * near-duplicates. Centered: ReLU features of photos of one kind of scene all point the
 * same way (raw cosine ~0.97 between unrelated pipe photos); after subtracting the mean,
 * unrelated photos sit below 0.94 at the 99th percentile on the shared pipe photos, while
 * consecutive video frames of one scene stay above 0.95.
 */
export const NEAR_DUPLICATE_COSINE = 0.95;

/** Embeddings minus their mean, scaled to length 1. */
function centeredUnits(photos: readonly SplitPhoto[]): Float32Array[] {
  const dim = photos[0]?.embedding.length ?? 0;
  const mean = new Float64Array(dim);
  for (const p of photos) for (let d = 0; d < dim; d++) mean[d]! += p.embedding[d]! / photos.length;
  return photos.map((p) => {
    const out = new Float32Array(dim);
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      out[d] = p.embedding[d]! - mean[d]!;
      norm += out[d]! * out[d]!;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dim; d++) out[d]! *= inv;
    return out;
  });
}

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]!]!;
      i = this.parent[i]!;
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

function hashFraction(key: string): number {
  return createHash('sha256').update(key).digest().readUInt32BE(0) / 2 ** 32;
}

/** Groups photos by tube position and by near-duplicate embeddings; returns group per photo. */
export function nearDuplicateGroups(
  photos: readonly SplitPhoto[],
  cosine = NEAR_DUPLICATE_COSINE,
): Int32Array {
  const uf = new UnionFind(photos.length);
  const byTube = new Map<string, number>();
  photos.forEach((p, i) => {
    if (p.tubeRow === null || p.tubeCol === null) return;
    const key = `${p.tubeRow}:${p.tubeCol}`;
    const first = byTube.get(key);
    if (first === undefined) byTube.set(key, i);
    else uf.union(first, i);
  });
  const units = centeredUnits(photos);
  const dim = units[0]?.length ?? 0;
  for (let i = 0; i < photos.length; i++) {
    const a = units[i]!;
    for (let j = i + 1; j < photos.length; j++) {
      const b = units[j]!;
      let dot = 0;
      for (let d = 0; d < dim; d++) dot += a[d]! * b[d]!;
      if (dot >= cosine) uf.union(i, j);
    }
  }
  return Int32Array.from(photos, (_, i) => uf.find(i));
}

/**
 * Holds out about `share` of each label's groups (a group counts for the label most of
 * its photos carry), at least one group per label that has three or more.
 */
export function heldOutSplit(photos: readonly SplitPhoto[], share: number): HeldOutSplit {
  const groupOf = nearDuplicateGroups(photos);
  const members = new Map<number, SplitPhoto[]>();
  photos.forEach((p, i) => {
    const g = groupOf[i]!;
    members.set(g, [...(members.get(g) ?? []), p]);
  });
  const byLabel = new Map<string, { key: string; photos: SplitPhoto[] }[]>();
  for (const group of members.values()) {
    const counts = new Map<string, number>();
    for (const p of group) counts.set(p.label, (counts.get(p.label) ?? 0) + 1);
    const label = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]![0];
    const key = String(Math.min(...group.map((p) => p.imageId)));
    byLabel.set(label, [...(byLabel.get(label) ?? []), { key, photos: group }]);
  }
  const train: number[] = [];
  const heldOut: number[] = [];
  for (const groups of byLabel.values()) {
    groups.sort((a, b) => hashFraction(a.key) - hashFraction(b.key));
    const hold = groups.length >= 3 ? Math.max(1, Math.round(groups.length * share)) : 0;
    groups.forEach((g, i) => (i < hold ? heldOut : train).push(...g.photos.map((p) => p.imageId)));
  }
  return {
    train: train.sort((a, b) => a - b),
    heldOut: heldOut.sort((a, b) => a - b),
    groups: members.size,
  };
}
