/**
 * The shared pipe-obstructions dataset: where its two splits are and what its labels say.
 * The labels play the inspector: they are the decisions a careful reviewer would make.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { readEvalSamples } from '../../electron/core/models/evaluate.js';
import { DemoError } from './errors.js';

/** One split of the dataset, imported as one import. */
export interface DatasetSplit {
  /** The split's name in labels.csv (`train`, `valid`). */
  name: string;
  /** The folder imported (read only). */
  imagesDir: string;
  /** Ground-truth label by file name (import keeps the base name as `originalName`). */
  truthByName: Map<string, string>;
  /** Names listed twice with different labels: no ground truth for them. */
  ambiguous: Set<string>;
}

export const SPLIT_NAMES = ['train', 'valid'] as const;

function isFolder(dir: string): boolean {
  return existsSync(dir) && statSync(dir).isDirectory();
}

/** Checks the dataset's layout and reads its labels; a clear error says how to pass --data. */
export async function readDataset(dataDir: string): Promise<DatasetSplit[]> {
  const hint =
    'Pass the pipe-obstructions dataset folder with --data DIR (it holds labels.csv, train/images/ and valid/images/).';
  if (!isFolder(dataDir)) {
    throw new DemoError(`The data folder ${dataDir} does not exist. ${hint}`);
  }
  const labelsFile = path.join(dataDir, 'labels.csv');
  if (!existsSync(labelsFile)) {
    throw new DemoError(`${dataDir} has no labels.csv. ${hint}`);
  }
  const splits: DatasetSplit[] = [];
  for (const name of SPLIT_NAMES) {
    const imagesDir = path.join(dataDir, name, 'images');
    if (!isFolder(imagesDir)) throw new DemoError(`${imagesDir} is missing. ${hint}`);
    const { samples } = await readEvalSamples(dataDir, name);
    const truthByName = new Map<string, string>();
    const ambiguous = new Set<string>();
    for (const sample of samples) {
      const base = path.basename(sample.file);
      const known = truthByName.get(base);
      if (known !== undefined && known !== sample.label) ambiguous.add(base);
      truthByName.set(base, sample.label);
    }
    for (const base of ambiguous) truthByName.delete(base);
    splits.push({ name, imagesDir, truthByName, ambiguous });
  }
  return splits;
}
