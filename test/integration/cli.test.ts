/**
 * The `inspection-desk` command as an inspector runs it: the real bin in a child process
 * (from a folder outside the repository), a real library on disk, a generated SD card,
 * the torch-style fixture model in onnxruntime.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageSummary, ImportSummary } from '../../electron/contract.js';
import { makeSdCard } from '../fixtures/sd-card.js';
import { runCli, type CliRun, type CliRunOptions } from '../helpers/run-cli.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const TORCH_MODEL = path.resolve('test/fixtures/models/torch-style');
const tempDir = useTempDirs();
/** Each CLI run is a fresh Node process (tsx, sharp, onnxruntime): a flow of them takes a while. */
const FLOW_TIMEOUT = 240_000;

interface CliOptions {
  /** Called with the child and its stderr so far on every stderr chunk (to send Ctrl-C). */
  onStderr?: CliRunOptions['onStderr'];
  /**
   * The output language: English by default (these assertions read English), or
   * 'library' for the library's own setting (pt-BR in a new library).
   */
  language?: 'en' | 'library';
}

function cli(library: string, args: string[], options: CliOptions = {}): Promise<CliRun> {
  const language = options.language === 'library' ? '' : 'en';
  return runCli(library, args, {
    env: { INSPECTION_DESK_LANGUAGE: language },
    onStderr: options.onStderr,
  });
}

/** A fresh library with the fixture model active, and a generated card beside it. */
async function setUp(photos = 20, root = tempDir()) {
  const library = path.join(root, 'library');
  const card = await makeSdCard(path.join(root, 'SD_CARD'), { photos, width: 320, height: 240 });
  const added = await cli(library, ['models', 'add', TORCH_MODEL, '--activate']);
  expect(added.stderr).toBe('');
  expect(added.stdout).toContain('now the active model');
  return { root, library, card };
}

describe('import', () => {
  it(
    'imports a generated SD card, reports duplicates and unreadable files, and skips it all the second time',
    async () => {
      const { library, card } = await setUp();
      const first = await cli(library, ['import', card.root]);
      expect(first.code).toBe(0);
      expect(first.stdout).toContain(
        `Imported ${card.expected.imported} new photos from ${card.root}`,
      );
      expect(first.stdout).toMatch(
        new RegExp(`Duplicates skipped\\s+${card.expected.duplicates}\\n`),
      );
      expect(first.stdout).toMatch(new RegExp(`Unreadable files\\s+${card.expected.errors}\\n`));
      expect(first.stdout).toMatch(new RegExp(`Classified\\s+${card.expected.imported}\\n`));
      for (const broken of card.errors) expect(first.stdout).toContain(broken.relPath);
      // Progress went to stderr as plain lines (not a terminal), never to stdout.
      expect(first.stderr).toMatch(/importing: \d+\/\d+ \(\d+%\)/);
      expect(first.stdout).not.toContain('importing:');

      const again = await cli(library, ['import', card.root, '--json']);
      expect(again.code).toBe(0);
      const summary = JSON.parse(again.stdout) as ImportSummary;
      expect(summary.imported).toBe(0);
      expect(summary.alreadyDone).toBe(card.expected.imported + card.expected.duplicates);
    },
    FLOW_TIMEOUT,
  );

  it(
    'cancels cleanly on Ctrl-C and resumes when the same command runs again',
    async () => {
      const { library, card } = await setUp(120);
      let interrupted = false;
      const cancelled = await cli(library, ['import', card.root], {
        onStderr(child, stderr) {
          // Once photos are being copied, let a few land, then press Ctrl-C.
          if (!interrupted && stderr.includes('importing:')) {
            interrupted = true;
            setTimeout(() => child.kill('SIGINT'), 300);
          }
        },
      });
      expect(interrupted).toBe(true);
      expect(cancelled.code).toBe(130);
      expect(cancelled.stderr).toContain('Run the same command again to resume');
      expect(cancelled.stdout).toMatch(/Import cancelled after \d+ new photos?/);
      const importedFirst = Number(/Import cancelled after (\d+)/.exec(cancelled.stdout)![1]);
      expect(importedFirst).toBeLessThan(card.expected.imported);

      const resumed = await cli(library, ['import', card.root, '--json']);
      expect(resumed.code).toBe(0);
      const summary = JSON.parse(resumed.stdout) as ImportSummary;
      expect(summary.status).toBe('done');
      // Same import continued: every photo exactly once, across both runs.
      expect(summary.imported).toBe(card.expected.imported);
      expect(summary.duplicates).toBe(card.expected.duplicates);
      expect(summary.errors).toBe(card.expected.errors);
    },
    FLOW_TIMEOUT,
  );

  it('fails with exit 1 and a clear message when the folder does not exist', async () => {
    const root = tempDir();
    const run = await cli(path.join(root, 'library'), ['import', path.join(root, 'no-such-card')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: .*no-such-card/);
  });
});

/** A library with a generated card imported and classified. */
async function importedLibrary(root?: string) {
  const setup = await setUp(20, root);
  const run = await cli(setup.library, ['import', setup.card.root]);
  expect(run.code).toBe(0);
  return setup;
}

async function listJson(library: string, args: string[]): Promise<ImageSummary[]> {
  const run = await cli(library, ['list', ...args, '--json']);
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as ImageSummary[];
}

describe('browsing the library', () => {
  let library = '';
  let card: Awaited<ReturnType<typeof makeSdCard>>;
  // One imported library for the read-only checks below (created outside useTempDirs,
  // which cleans up after each test).
  const root = mkdtempSync(path.join(os.tmpdir(), 'inspection-desk-cli-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  beforeAll(async () => {
    ({ library, card } = await importedLibrary(root));
  }, 120_000);

  it('lists with filters, least confident first, as JSON', async () => {
    const clogged = await listJson(library, ['--predicted', 'clogged']);
    expect(clogged).toHaveLength(card.expected.byLabel.clogged);
    expect(clogged.every((image) => image.predicted === 'clogged')).toBe(true);
    const confidences = clogged.map((image) => image.confidence!);
    expect(confidences).toEqual([...confidences].sort((a, b) => a - b));
    const names = new Set(clogged.map((image) => image.originalName));
    for (const photo of card.photos.filter((p) => p.label === 'clogged')) {
      expect(names).toContain(path.posix.basename(photo.relPath));
    }
    const sureClear = await listJson(library, [
      '--predicted',
      'clear',
      '--min-confidence',
      '0.9',
      '--unreviewed',
    ]);
    expect(sureClear.every((i) => i.confidence! >= 0.9 && !i.reviewed)).toBe(true);
  });

  it('prints a readable table and says when more photos remain', async () => {
    const run = await cli(library, ['list', '--limit', '5', '--sort', 'tube']);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^\s*ID\s+FILE\s+TUBE\s+PREDICTED\s+CONF\s+LABEL\s+REVIEWED$/);
    expect(lines).toHaveLength(6);
    expect(lines[1]).toMatch(/R01C001_\S+\s+1\/1\s+(clear|clogged)\s+\d+\.\d%/);
    expect(run.stderr).toContain(`5 of ${card.expected.imported} photos shown`);
  });

  it('shows one photo by file name, with scores and file location', async () => {
    const photo = card.photos.find((p) => p.row === 1 && p.col === 2)!;
    const run = await cli(library, ['show', path.posix.basename(photo.relPath)]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(photo.sha256);
    expect(run.stdout).toContain('row 1, column 2');
    expect(run.stdout).toMatch(new RegExp(`Predicted\\s+${photo.label} \\(\\d+\\.\\d%\\)`));
    expect(run.stdout).toContain('tube-fixture@1.0.0');
    expect(run.stdout).toContain(path.join(library, 'originals', photo.sha256.slice(0, 2)));
  });

  it(
    'reports models, imports, the summary and settings',
    async () => {
      const models = await cli(library, ['models', 'list']);
      expect(models.stdout).toMatch(/tube-fixture@1\.0\.0 \*\s+Tube obstruction/);

      const classified = await cli(library, ['models', 'classify', '--all', '--json']);
      expect(classified.code).toBe(0);
      expect(JSON.parse(classified.stdout)).toMatchObject({
        modelId: 'tube-fixture@1.0.0',
        classified: card.expected.imported,
        failed: 0,
      });

      const imports = await cli(library, ['imports', '--json']);
      const [only] = JSON.parse(imports.stdout) as ImportSummary[];
      expect(only).toMatchObject({
        imported: card.expected.imported,
        errors: card.expected.errors,
      });

      const compared = await cli(library, [
        'models',
        'compare',
        'tube-fixture@1.0.0',
        '--import',
        String(only!.importId),
        '--json',
      ]);
      expect(compared.code).toBe(0);
      // Nothing is reviewed yet: the model has no photo to be scored on in this import.
      expect(JSON.parse(compared.stdout)).toMatchObject([
        { modelId: 'tube-fixture@1.0.0', reviewed: 0 },
      ]);
      // Not a number is a usage error (exit 2); an import that does not exist, exit 1,
      // said in the library's language (a new library speaks Portuguese).
      for (const [value, code, message] of [
        ['last', 2, '--import takes an import number'],
        ['99', 1, 'Não há importação 99'],
      ] as const) {
        const run = await cli(
          library,
          ['models', 'compare', 'tube-fixture@1.0.0', '--import', value],
          { language: 'library' },
        );
        expect(run.code).toBe(code);
        expect(run.stderr).toContain(message);
      }

      const summary = await cli(library, ['summary']);
      expect(summary.code).toBe(0);
      expect(summary.stdout).toMatch(new RegExp(`Photos\\s+${card.expected.imported}\\n`));
      expect(summary.stdout).toMatch(
        new RegExp(
          `clogged\\s+${card.expected.byLabel.clogged}\\s+0\\s+${card.expected.byLabel.clogged}\\n`,
        ),
      );

      const set = await cli(library, ['settings', '--reviewer', 'Ana Souza', '--language', 'en']);
      expect(set.stdout).toMatch(/reviewer\s+Ana Souza/);
      const bad = await cli(library, ['settings', '--language', 'fr']);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('language');
      const get = await cli(library, ['settings', '--json']);
      expect(JSON.parse(get.stdout)).toEqual({ reviewer: 'Ana Souza', language: 'en' });
    },
    FLOW_TIMEOUT,
  );

  it('fails with exit 1 and says how to name a photo when nothing matches', async () => {
    const run = await cli(library, ['show', 'IMG_9999.JPG']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: No photo matches "IMG_9999.JPG"\. Give its id/);
  });
});

describe('reviewing from the command line', () => {
  it(
    'labels, accepts and undoes, saying what changed and who decided',
    async () => {
      const { library, card } = await importedLibrary();
      const [first, second, third] = await listJson(library, ['--sort', 'tube', '--limit', '3']);
      const secondName = second!.originalName;

      const labeled = await cli(library, [
        'label',
        String(first!.id),
        secondName,
        'clogged',
        '--reviewer',
        'Ana Souza',
      ]);
      expect(labeled.code).toBe(0);
      expect(labeled.stdout).toContain('Labeled 2 photos as "clogged"');
      expect(labeled.stdout).toContain(
        `#${first!.id} ${first!.originalName}: (unreviewed) → clogged (Ana Souza,`,
      );
      expect(labeled.stdout).toContain(
        `#${second!.id} ${secondName}: (unreviewed) → clogged (Ana Souza,`,
      );

      const accepted = await cli(library, [
        'accept',
        String(third!.id),
        '--reviewer',
        'Bruno Lima',
      ]);
      expect(accepted.code).toBe(0);
      expect(accepted.stdout).toContain(`(unreviewed) → ${third!.predicted} (Bruno Lima,`);

      let reviewed = await listJson(library, ['--reviewed', '--sort', 'tube']);
      expect(reviewed.map((i) => [i.id, i.label])).toEqual([
        [first!.id, 'clogged'],
        [second!.id, 'clogged'],
        [third!.id, third!.predicted],
      ]);

      // Ana's undo reverts Ana's decision, not Bruno's later one.
      const undone = await cli(library, ['undo', '--reviewer', 'Ana Souza']);
      expect(undone.code).toBe(0);
      expect(undone.stdout).toContain('Undid the last decision (2 photos)');
      expect(undone.stdout).toContain(
        `#${first!.id} ${first!.originalName}: clogged → (unreviewed)`,
      );
      reviewed = await listJson(library, ['--reviewed']);
      expect(reviewed.map((i) => i.id)).toEqual([third!.id]);

      const nothing = await cli(library, ['undo', '--reviewer', 'Ana Souza']);
      expect(nothing.code).toBe(1);
      expect(nothing.stderr).toMatch(/^Error: /);

      // Accept every confident "clear" at once, by filter.
      const confident = await listJson(library, [
        '--predicted',
        'clear',
        '--min-confidence',
        '0.9',
        '--unreviewed',
      ]);
      expect(confident.length).toBeGreaterThan(0);
      const bulk = await cli(library, [
        'accept',
        '--predicted',
        'clear',
        '--min-confidence',
        '0.9',
        '--unreviewed',
        '--json',
      ]);
      expect(bulk.code).toBe(0);
      expect((JSON.parse(bulk.stdout) as { changed: number }).changed).toBe(confident.length);
      expect(card.expected.imported).toBeGreaterThan(confident.length);
    },
    FLOW_TIMEOUT,
  );
});

/** The counts table `export` prints: counts[split][label]. */
function parseCountsTable(stdout: string): Record<string, Record<string, number>> {
  const lines = stdout.split('\n');
  const header = lines.findIndex((l) => l.startsWith('LABEL'));
  const splits = lines[header]!.trim()
    .split(/\s+/)
    .slice(1, -1)
    .map((s) => s.toLowerCase());
  const counts: Record<string, Record<string, number>> = {};
  for (const line of lines.slice(header + 2)) {
    const [label, ...cells] = line.trim().split(/\s+/);
    if (label === 'total') break;
    splits.forEach((split, i) => {
      (counts[split] ??= {})[label!] = Number(cells[i]);
    });
  }
  return counts;
}

function filesIn(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}

describe('exporting', () => {
  it(
    'writes a train/val/test split and prints how many photos of each label went where',
    async () => {
      const { root, library, card } = await importedLibrary();
      const accepted = await cli(library, ['accept', '--predicted', 'clogged', '--json']);
      expect(accepted.code).toBe(0);
      const dest = path.join(root, 'dataset');

      const run = await cli(library, ['export', dest, '--split', '80/10/10']);
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(`Exporting ${card.expected.imported} photos to ${dest}`);
      expect(run.stdout).toMatch(/^LABEL\s+TRAIN\s+VAL\s+TEST\s+TOTAL$/m);
      const counts = parseCountsTable(run.stdout);
      let total = 0;
      for (const split of ['train', 'val', 'test']) {
        for (const label of ['clear', 'clogged']) {
          const printed = counts[split]?.[label] ?? 0;
          expect(filesIn(path.join(dest, split, label)), `${split}/${label}`).toHaveLength(printed);
          total += printed;
        }
      }
      expect(total).toBe(card.expected.imported);
      expect(counts.train!.clear! + counts.train!.clogged!).toBeGreaterThan(total / 2);
      const labelsCsv = readFileSync(path.join(dest, 'labels.csv'), 'utf8').trim().split('\n');
      expect(labelsCsv).toHaveLength(total + 1);

      // The same folder again: refused, nothing overwritten.
      const again = await cli(library, ['export', dest, '--split', '80/10/10']);
      expect(again.code).toBe(1);
      expect(again.stderr).toMatch(/^Error: /);
      expect(readFileSync(path.join(dest, 'labels.csv'), 'utf8').trim().split('\n')).toEqual(
        labelsCsv,
      );

      // Only what a reviewer confirmed.
      const reviewedDest = path.join(root, 'reviewed');
      const reviewed = await cli(library, ['export', reviewedDest, '--reviewed-only', '--json']);
      expect(reviewed.code).toBe(0);
      const result = JSON.parse(reviewed.stdout) as {
        total: number;
        counts: Record<string, Record<string, number>>;
      };
      expect(result.total).toBe(card.expected.byLabel.clogged);
      expect(filesIn(path.join(reviewedDest, 'clogged'))).toHaveLength(
        card.expected.byLabel.clogged,
      );
      expect(filesIn(path.join(reviewedDest, 'clear'))).toHaveLength(0);
    },
    FLOW_TIMEOUT,
  );
});

describe('bad usage', () => {
  it('exits 2 and prints the command help', async () => {
    const library = path.join(tempDir(), 'library');
    const run = await cli(library, ['list', '--sort', 'sideways']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--sort must be one of confidence, captured, tube, imported');
    expect(run.stderr).toContain('Usage: inspection-desk list');
    const missing = await cli(library, ['import']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing <folder>');
    const noLabel = await cli(library, ['label']);
    expect(noLabel.code).toBe(2);
    expect(noLabel.stderr).toContain('Usage: inspection-desk label <image...> <label>');
    const badSplit = await cli(library, ['export', path.join(library, 'out'), '--split', '80/30']);
    expect(badSplit.code).toBe(2);
    expect(badSplit.stderr).toContain('must add up to 100');
  });
});
