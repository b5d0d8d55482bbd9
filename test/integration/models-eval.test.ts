import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../helpers/temp-dir.js';

const ROOT = path.resolve(__dirname, '../..');
const TORCH = path.join(ROOT, 'test/fixtures/models/torch-style');
const tempDir = useTempDirs();
const run = promisify(execFile);

/** Runs `npm run eval` the way a data scientist does (tsx on scripts/eval.ts). */
async function evalCommand(
  args: string[],
): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(
      path.join(ROOT, 'node_modules/.bin/tsx'),
      ['scripts/eval.ts', ...args],
      {
        cwd: ROOT,
      },
    );
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const e = error as { stdout: string; stderr: string; code: number };
    return { stdout: e.stdout, stderr: e.stderr, code: e.code };
  }
}

async function photo(dir: string, name: string, color: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, name)), { recursive: true });
  await sharp({ create: { width: 200, height: 150, channels: 3, background: color } })
    .jpeg()
    .toFile(path.join(dir, name));
}

describe('npm run eval', () => {
  it('scores a model on a labeled folder with the split column, through the app path', async () => {
    const data = tempDir();
    const red = '#c81818';
    const blue = '#1818c8';
    await photo(data, 'valid/r1.jpg', red);
    await photo(data, 'valid/r2.jpg', red);
    await photo(data, 'valid/b1.jpg', blue);
    await photo(data, 'valid/wrong.jpg', blue); // labeled clogged, but the model sees clear
    await photo(data, 'train/t1.jpg', red);
    await writeFile(path.join(data, 'valid/broken.jpg'), 'not a photo');
    await writeFile(
      path.join(data, 'labels.csv'),
      [
        'split,file,label,objects',
        'valid,valid/r1.jpg,clogged,leaf',
        'valid,valid/r2.jpg,clogged,"leaf;root"',
        'valid,valid/b1.jpg,clear,',
        'valid,valid/wrong.jpg,clogged,dirt',
        'valid,valid/broken.jpg,clear,',
        'train,train/t1.jpg,clear,',
      ].join('\n'),
    );
    const predictionsFile = path.join(tempDir(), 'predictions.csv');
    const { stdout, code } = await evalCommand([
      '--data',
      data,
      '--split',
      'valid',
      '--model',
      TORCH,
      '--json',
      '--predictions',
      predictionsFile,
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.model.id).toBe('tube-fixture@1.0.0');
    expect(report.images).toBe(5);
    expect(report.failed).toEqual([
      expect.objectContaining({ file: 'valid/broken.jpg', code: 'NOT_AN_IMAGE' }),
    ]);
    expect(report.metrics.total).toBe(4);
    expect(report.metrics.accuracy).toBeCloseTo(3 / 4, 6);
    expect(report.metrics.balancedAccuracy).toBeCloseTo((1 + 2 / 3) / 2, 6);
    expect(report.metrics.confusion).toEqual({
      labels: ['clear', 'clogged'],
      counts: [
        [1, 0],
        [1, 2],
      ],
    });
    expect(report.metrics.perClass).toEqual([
      { label: 'clear', precision: 0.5, recall: 1, support: 1 },
      { label: 'clogged', precision: 1, recall: 2 / 3, support: 3 },
    ]);
    expect(report.imagesPerSecond).toBeGreaterThan(0);
    const csv = (await readFile(predictionsFile, 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('file,label,predicted,confidence,p_clear,p_clogged');
    expect(csv.find((l) => l.startsWith('valid/wrong.jpg,clogged,clear,'))).toBeDefined();
  });

  it('prints a readable report for a plain file,label CSV and explains bad usage', async () => {
    const data = tempDir();
    await photo(data, 'a.jpg', '#d01010');
    await photo(data, 'b.jpg', '#1010d0');
    await writeFile(
      path.join(data, 'labels.csv'),
      'file,label\r\na.jpg,clogged\r\nb.jpg,clear\r\n',
    );
    const { stdout, code } = await evalCommand(['--data', data, '--model', TORCH]);
    expect(code).toBe(0);
    expect(stdout).toContain('Accuracy           1.000');
    expect(stdout).toContain('Balanced accuracy  1.000');
    expect(stdout).toMatch(/clogged\s+1\.000\s+1\.000\s+1/);
    expect(stdout).toContain('Confusion matrix');
    expect(stdout).toMatch(/photos\/s/);

    const noSplit = await evalCommand(['--data', data, '--model', TORCH, '--split', 'valid']);
    expect(noSplit.code).toBe(1);
    expect(noSplit.stderr).toContain('has no "split" column');
    const noData = await evalCommand(['--model', TORCH]);
    expect(noData.code).toBe(2);
    expect(noData.stderr).toContain('--data DIR');
  });
});
