/**
 * `inspection-desk` runs the fast bundle only while it matches the sources: a stale
 * bundle would run yesterday's code without anyone noticing.
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const tempDir = useTempDirs();

interface EntryModule {
  currentBundle(root: string, env?: Record<string, string | undefined>): string | null;
}

function checkout(): { root: string; bundle: string; source: string } {
  const root = tempDir();
  mkdirSync(path.join(root, 'dist', 'cli'), { recursive: true });
  mkdirSync(path.join(root, 'electron', 'cli'), { recursive: true });
  const source = path.join(root, 'electron', 'cli', 'main.ts');
  const bundle = path.join(root, 'dist', 'cli', 'inspection-desk.mjs');
  writeFileSync(source, '// source');
  writeFileSync(bundle, '// bundle');
  writeFileSync(
    path.join(root, 'dist', 'cli', 'inputs.json'),
    JSON.stringify(['electron/cli/main.ts']),
  );
  const past = new Date('2026-01-01T00:00:00Z');
  const later = new Date('2026-01-02T00:00:00Z');
  utimesSync(source, past, past);
  utimesSync(bundle, later, later);
  return { root, bundle, source };
}

describe('which code inspection-desk runs', () => {
  let entry: EntryModule;
  beforeAll(async () => {
    entry = (await import(path.join(repoRoot, 'bin/cli-entry.mjs'))) as EntryModule;
  });

  it('runs the bundle when it is newer than every source it contains', () => {
    const { root, bundle } = checkout();
    expect(entry.currentBundle(root, {})).toBe(bundle);
  });

  it('runs the sources once one of them changed after the build', () => {
    const { root, source } = checkout();
    const edited = new Date('2026-01-03T00:00:00Z');
    utimesSync(source, edited, edited);
    expect(entry.currentBundle(root, {})).toBeNull();
  });

  it('runs the sources without a bundle, without its input list, or when asked to', () => {
    const { root } = checkout();
    expect(entry.currentBundle(root, { INSPECTION_DESK_FROM_SOURCE: '1' })).toBeNull();
    expect(entry.currentBundle(tempDir(), {})).toBeNull();
    writeFileSync(path.join(root, 'dist', 'cli', 'inputs.json'), 'not json');
    expect(entry.currentBundle(root, {})).toBeNull();
  });
});
