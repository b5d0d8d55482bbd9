/**
 * The `inspection-desk` command as an inspector runs it: the real bin in a child process
 * (from a folder outside the repository), a real library on disk, a generated SD card,
 * the torch-style fixture model in onnxruntime.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportSummary } from '../../electron/contract.js';
import { makeSdCard } from '../fixtures/sd-card.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const BIN = path.resolve('bin/inspection-desk.mjs');
const TORCH_MODEL = path.resolve('test/fixtures/models/torch-style');
const tempDir = useTempDirs();

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

interface CliOptions {
  /** Called with the child and its stderr so far on every stderr chunk (to send Ctrl-C). */
  onStderr?: (child: ReturnType<typeof spawn>, stderr: string) => void;
}

function cli(library: string, args: string[], options: CliOptions = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, '--library', library, ...args], {
      cwd: path.dirname(library),
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(child, stderr);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A fresh library with the fixture model active, and a generated card beside it. */
async function setUp(photos = 20) {
  const root = tempDir();
  const library = path.join(root, 'library');
  const card = await makeSdCard(path.join(root, 'SD_CARD'), { photos, width: 320, height: 240 });
  const added = await cli(library, ['models', 'add', TORCH_MODEL, '--activate']);
  expect(added.stderr).toBe('');
  expect(added.stdout).toContain('now the active model');
  return { root, library, card };
}

describe('import', () => {
  it('imports a generated SD card, reports duplicates and unreadable files, and skips it all the second time', async () => {
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
  });

  it('cancels cleanly on Ctrl-C and resumes when the same command runs again', async () => {
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
  });

  it('fails with exit 1 and a clear message when the folder does not exist', async () => {
    const root = tempDir();
    const run = await cli(path.join(root, 'library'), ['import', path.join(root, 'no-such-card')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: .*no-such-card/);
  });
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
  });
});
