/**
 * `bundle export <inspection> FILE` as an inspector runs it: the real bin in a child
 * process, real libraries, two generated SD cards grouped into one named inspection.
 * The bundle carries the whole inspection by name, an import number still works, and
 * the other laptop gets every photo of it.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BundleExportResult, BundleImportResult } from '../../electron/contract.js';
import { makeSdCard } from '../fixtures/sd-card.js';
import { runCli } from '../helpers/run-cli.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const TORCH_MODEL = path.resolve('test/fixtures/models/torch-style');
const tempDir = useTempDirs();

const cli = (library: string, args: string[]) => runCli(library, args);

describe('bundle export by inspection', () => {
  it('writes a grouped inspection named on the command line, still takes an import number, and explains an unknown name', async () => {
    const root = tempDir();
    const library = path.join(root, 'library');
    const first = await makeSdCard(path.join(root, 'CARD_A'), { photos: 8, seed: 1 });
    const second = await makeSdCard(path.join(root, 'CARD_B'), {
      photos: 8,
      seed: 2,
      runStart: new Date('2026-03-02T08:00:00Z'),
    });
    expect((await cli(library, ['models', 'add', TORCH_MODEL, '--activate'])).code).toBe(0);
    expect((await cli(library, ['import', first.root])).code).toBe(0);
    expect((await cli(library, ['import', second.root])).code).toBe(0);
    const grouped = await cli(library, ['inspections', 'group', '1', '2', '--name', 'Reboiler A']);
    expect(grouped.code, grouped.stderr).toBe(0);
    const both = first.expected.imported + second.expected.imported;

    const byName = await cli(library, [
      'bundle',
      'export',
      'reboiler a',
      path.join(root, 'whole.idbundle'),
      '--json',
    ]);
    expect(byName.code, byName.stderr).toBe(0);
    expect((JSON.parse(byName.stdout) as BundleExportResult).photos).toBe(both);

    // Import 2 is no inspection's id any more (grouped into 1): it is taken as an import.
    const byImport = await cli(library, [
      'bundle',
      'export',
      '2',
      path.join(root, 'card-b.idbundle'),
      '--json',
    ]);
    expect(byImport.code, byImport.stderr).toBe(0);
    expect((JSON.parse(byImport.stdout) as BundleExportResult).photos).toBe(
      second.expected.imported,
    );

    const unknown = await cli(library, ['bundle', 'export', 'Reboiler Z', path.join(root, 'z')]);
    expect(unknown.code).not.toBe(0);
    // In the library's language (pt-BR by default): what was not found, and what to run.
    expect(unknown.stderr).toContain('"Reboiler Z"');
    expect(unknown.stderr).toContain('`inspections list`');

    // The other laptop gets the whole inspection.
    const other = path.join(root, 'other-library');
    const merged = await cli(other, [
      'bundle',
      'import',
      path.join(root, 'whole.idbundle'),
      '--json',
    ]);
    expect(merged.code, merged.stderr).toBe(0);
    expect((JSON.parse(merged.stdout) as BundleImportResult).imagesAdded).toBe(both);
  }, 300_000);
});
