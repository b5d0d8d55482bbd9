/**
 * `unsure`, `note`, `list --unsure`, `show` and `export --include-unsure` as an inspector
 * runs them: the real bin in a child process, a real library, a generated SD card
 * imported and classified by the torch-style fixture model in onnxruntime.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImageSummary } from '../../electron/contract.js';
import { makeSdCard } from '../fixtures/sd-card.js';
import { runCli } from '../helpers/run-cli.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const TORCH_MODEL = path.resolve('test/fixtures/models/torch-style');
const tempDir = useTempDirs();
const FLOW_TIMEOUT = 300_000;

/** The assertions read English output, whatever the library's language. */
const cli = (library: string, args: string[]) =>
  runCli(library, args, { env: { INSPECTION_DESK_LANGUAGE: 'en' } });

describe('unsure and notes from the command line', () => {
  it(
    'marks a photo unsure, writes a note, lists, shows and exports them',
    async () => {
      const root = tempDir();
      const library = path.join(root, 'library');
      const card = await makeSdCard(path.join(root, 'SD_CARD'), {
        photos: 8,
        width: 160,
        height: 120,
      });
      expect((await cli(library, ['models', 'add', TORCH_MODEL, '--activate'])).code).toBe(0);
      expect((await cli(library, ['import', card.root])).code).toBe(0);
      const listed = JSON.parse((await cli(library, ['list', '--json'])).stdout) as ImageSummary[];
      const [first, second] = listed;
      expect(second).toBeDefined();

      await cli(library, ['label', String(first!.id), 'obstructed', '--reviewer', 'Ana']);
      const marked = await cli(library, ['unsure', String(first!.id), '--reviewer', 'Ana']);
      expect(marked.code).toBe(0);
      expect(marked.stdout).toContain('Marked 1 photo as unsure.');
      expect(marked.stdout).toContain('obstructed → unsure');

      const note = 'mancha escura, "óleo"?\nrever';
      const wrote = await cli(library, ['note', String(first!.id), note, '--reviewer', 'Ana']);
      expect(wrote.code).toBe(0);
      expect(wrote.stdout).toContain('note saved: "mancha escura, "óleo"? ⏎ rever"');

      const unsure = await cli(library, ['list', '--unsure']);
      expect(unsure.stdout).toContain(first!.originalName);
      expect(unsure.stdout).not.toContain(second!.originalName);
      expect(unsure.stdout).toMatch(/\bunsure\b/);

      const shown = await cli(library, ['show', String(first!.id)]);
      expect(shown.stdout).toMatch(/Label\s+none: unsure \(answered by Ana/);
      expect(shown.stdout).toContain('Ana labeled: obstructed → unsure');
      expect(shown.stdout).toContain('Note history');

      const both = await cli(library, ['unsure', '--unsure', '--not-unsure']);
      expect(both.code).toBe(2);
      expect(both.stderr).toContain('Choose --unsure or --not-unsure, not both.');

      await cli(library, ['label', String(second!.id), 'clear', '--reviewer', 'Ana']);
      const reviewed = path.join(root, 'reviewed');
      const plain = await cli(library, ['export', reviewed, '--reviewed-only']);
      expect(plain.code).toBe(0);
      expect(plain.stderr + plain.stdout).toContain('1 photo answered "unsure" left out');
      const labels = readFileSync(path.join(reviewed, 'labels.csv'), 'utf8');
      expect(labels).not.toContain(first!.sha256);
      expect(labels.split('\r\n')[0]).toMatch(/,unsure,note$/);

      const withUnsure = path.join(root, 'with-unsure');
      const asked = await cli(library, [
        'export',
        withUnsure,
        '--reviewed-only',
        '--include-unsure',
      ]);
      expect(asked.code).toBe(0);
      const rows = readFileSync(path.join(withUnsure, 'labels.csv'), 'utf8');
      expect(rows).toContain('"mancha escura, ""óleo""?\nrever"');
      expect(rows).toContain(`_unsure/`);

      const undone = await cli(library, ['undo', '--reviewer', 'Ana']);
      expect(undone.stdout).toContain('clear → (unreviewed)');
    },
    FLOW_TIMEOUT,
  );
});
