/**
 * Where the benchmark keeps things: generated workloads, results and profiles all live
 * under `bench/.work/` (git-ignored, never committed); the results table is written
 * into `bench/README.md`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(BENCH_DIR, '..');
export const WORK_DIR = path.join(BENCH_DIR, '.work');
export const README_PATH = path.join(BENCH_DIR, 'README.md');
export const RESULTS_PATH = path.join(WORK_DIR, 'results.json');
/** Scratch libraries of single runs; wiped at the start of every run. */
export const RUNS_DIR = path.join(WORK_DIR, 'runs');
export const PROFILES_DIR = path.join(WORK_DIR, 'profiles');

/** A script of the bench, as a path the child-process launcher can run. */
export function benchScript(relative: string): string {
  return path.join(BENCH_DIR, relative);
}
