/** What every section of the benchmark receives. */
import type { BenchModel } from './model.js';

export const SECTIONS = [
  'import',
  'classify',
  'queries',
  'browser',
  'coldstart',
  'cli',
  'embeddings',
  'farjump',
] as const;
export type SectionName = (typeof SECTIONS)[number];

export interface BenchOptions {
  quick: boolean;
  sections: SectionName[];
  /** Photos per card (default 300; --quick 40). */
  photos: number;
  /** Measured runs of each side of a ratio (default 3; --quick 1). */
  rounds: number;
  /** Photos in the synthetic library (default 100,000). */
  libraryPhotos: number;
  /** Grid rows to scroll in the browser (default 5,000; --quick 500). */
  scrollRows: number;
  /** Label key presses timed in the browser (default 60; --quick 15). */
  keyPresses: number;
  /** Write CPU profiles of the measured server processes into bench/.work/profiles/. */
  profile: boolean;
  /** Model folder instead of the default. */
  modelDir?: string;
  /** Update bench/README.md with the results (default: a full run of every section). */
  writeReadme: boolean;
}

export interface BenchContext {
  options: BenchOptions;
  model: BenchModel;
  log(line: string): void;
  /** Raw measurements for results.json, by section. */
  raw: Record<string, unknown>;
}
