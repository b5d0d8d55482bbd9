/**
 * `npm run eval -- --data DIR [--split valid] [--model DIR] [--json] [--predictions FILE]`
 *
 * Scores a model on a labeled folder (photos + labels.csv with `file,label`, or the
 * shared dataset's `split,file,label,objects`) through the app's own decode,
 * preprocessing and inference, and prints accuracy, balanced accuracy, per-class
 * precision/recall, the confusion matrix and throughput.
 *
 * `--variants` scores the same photos again after each transformation of the robustness
 * table (rotations, flips, darker, gray, JPEG q20, 12 MP upscale), made with sharp and
 * decoded by the app's own decodePhoto, and prints one row per variant.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isCoreError } from '../electron/core/errors.js';
import { evaluateModel, type EvalReport } from '../electron/core/models/evaluate.js';
import { shippedModelDirs } from '../electron/core/models/shipped.js';
import { PHOTO_VARIANTS, VARIANT_NAMES } from '../electron/core/models/photo-variants.js';

const USAGE = `Usage: npm run eval -- --data DIR [--split NAME] [--model DIR] [--json] [--predictions FILE]
       npm run eval -- --data DIR [--split NAME] [--model DIR] --variants [--only NAME,...] [--target 0.95] [--json]

  --data DIR          folder with the photos and labels.csv ("file,label", optionally "split")
  --split NAME        only rows whose split column is NAME (e.g. valid)
  --model DIR         model folder (model.json + model.onnx); default: the shipped model
  --json              print one JSON object instead of the table
  --predictions FILE  also write per-photo predictions as CSV
  --variants          robustness table: the same photos rotated, flipped, darker, gray,
                      as JPEG q20 and upscaled to 12 MP (${VARIANT_NAMES.join(', ')})
  --only NAME,...     with --variants: only these variants
  --target X          with --variants: mark variants whose balanced accuracy is below X
                      and exit with code 1 if any is`;

function fmt(value: number | null, digits = 3): string {
  return value === null ? '–' : value.toFixed(digits);
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function printReport(report: EvalReport): void {
  const { metrics, model } = report;
  const lines = [
    `Model     ${model.id} (${model.name})`,
    `Data      ${report.labelsFile}${report.split ? ` (split ${report.split})` : ''}: ${report.images} photos, ${metrics.total} scored, ${report.failed.length} unreadable`,
    '',
    `Accuracy           ${fmt(metrics.accuracy)}`,
    `Balanced accuracy  ${fmt(metrics.balancedAccuracy)}`,
    '',
    table([
      ['class', 'precision', 'recall', 'support'],
      ...metrics.perClass.map((c) => [c.label, fmt(c.precision), fmt(c.recall), String(c.support)]),
    ]),
    '',
    'Confusion matrix (rows = true label, columns = predicted)',
    table([
      ['', ...metrics.confusion.labels],
      ...metrics.confusion.labels.map((label, i) => [
        label,
        ...metrics.confusion.counts[i]!.map(String),
      ]),
    ]),
    '',
    `Speed     ${report.imagesPerSecond.toFixed(1)} photos/s (${metrics.total} in ${report.seconds.toFixed(2)} s, decode + inference)`,
  ];
  for (const f of report.failed.slice(0, 20)) lines.push(`Unreadable: ${f.file}: ${f.message}`);
  if (report.failed.length > 20) lines.push(`... and ${report.failed.length - 20} more unreadable`);
  console.log(lines.join('\n'));
}

function csvField(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

async function writePredictions(file: string, report: EvalReport): Promise<void> {
  const labels = report.metrics.confusion.labels.filter((l) =>
    report.predictions.some((p) => l in p.scores),
  );
  const lines = [
    ['file', 'label', 'predicted', 'confidence', ...labels.map((l) => `p_${l}`)].join(','),
  ];
  for (const p of report.predictions) {
    lines.push(
      [
        p.file,
        p.label,
        p.predicted,
        p.confidence.toFixed(6),
        ...labels.map((l) => (p.scores[l] ?? 0).toFixed(6)),
      ]
        .map(csvField)
        .join(','),
    );
  }
  await writeFile(file, lines.join('\n') + '\n');
}

interface VariantRun {
  data: string;
  modelDir: string;
  split: string | undefined;
  only: string | undefined;
  target: string | undefined;
  json: boolean;
  showProgress: boolean;
}

async function runVariants(run: VariantRun): Promise<number> {
  const names = run.only?.split(',').map((n) => n.trim()) ?? VARIANT_NAMES;
  const unknown = names.filter((n) => !VARIANT_NAMES.includes(n));
  if (unknown.length > 0) {
    console.error(`Unknown variant ${unknown.join(', ')}. Variants: ${VARIANT_NAMES.join(', ')}.`);
    return 2;
  }
  const target = run.target === undefined ? null : Number(run.target);
  if (target !== null && !(target >= 0 && target <= 1)) {
    console.error(`--target must be a number between 0 and 1 (got ${run.target}).`);
    return 2;
  }
  const rows: { variant: string; description: string; report: EvalReport }[] = [];
  for (const variant of PHOTO_VARIANTS.filter((v) => names.includes(v.name))) {
    const report = await evaluateModel({
      dataDir: run.data,
      modelDir: run.modelDir,
      variant,
      ...(run.split !== undefined ? { split: run.split } : {}),
      onProgress: run.showProgress
        ? (done, total) => process.stderr.write(`\r${variant.name}: ${done}/${total} photos`)
        : undefined,
    });
    if (run.showProgress) process.stderr.write('\r\x1b[K');
    rows.push({ variant: variant.name, description: variant.description, report });
  }
  const below = rows.filter(
    (r) => target !== null && (r.report.metrics.balancedAccuracy ?? 0) < target,
  );
  if (run.json) {
    console.log(
      JSON.stringify(
        rows.map((r) => ({
          variant: r.variant,
          description: r.description,
          images: r.report.images,
          failed: r.report.failed.length,
          metrics: r.report.metrics,
        })),
        null,
        2,
      ),
    );
    return below.length > 0 ? 1 : 0;
  }
  const first = rows[0]!.report;
  const labels = first.metrics.confusion.labels;
  const header = [
    'variant',
    'n',
    'accuracy',
    'bal. acc',
    ...labels.map((l) => `${l} recall`),
    'mean conf',
  ];
  if (target !== null) header.push(`>= ${target}`);
  const lines = [
    `Model     ${first.model.id} (${first.model.name})`,
    `Data      ${first.labelsFile}${first.split ? ` (split ${first.split})` : ''}: ${first.images} photos per variant`,
    '',
    table([
      header,
      ...rows.map((r) => {
        const m = r.report.metrics;
        const meanConf =
          r.report.predictions.reduce((sum, p) => sum + p.confidence, 0) /
          Math.max(1, r.report.predictions.length);
        const cells = [
          r.variant,
          String(m.total),
          fmt(m.accuracy),
          fmt(m.balancedAccuracy),
          ...labels.map((l) => fmt(m.perClass.find((c) => c.label === l)?.recall ?? null)),
          fmt(meanConf),
        ];
        if (target !== null) cells.push((m.balancedAccuracy ?? 0) >= target ? 'yes' : 'NO');
        return cells;
      }),
    ]),
    '',
    ...rows.map((r) => `  ${r.variant.padEnd(13)} ${r.description}`),
  ];
  for (const r of rows) {
    if (r.report.failed.length > 0) {
      lines.push(
        `${r.variant}: ${r.report.failed.length} photos unreadable (first: ${r.report.failed[0]!.message})`,
      );
    }
  }
  if (below.length > 0) {
    lines.push('', `Below ${target}: ${below.map((r) => r.variant).join(', ')}`);
  }
  console.log(lines.join('\n'));
  return below.length > 0 ? 1 : 0;
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        data: { type: 'string' },
        split: { type: 'string' },
        model: { type: 'string' },
        json: { type: 'boolean', default: false },
        predictions: { type: 'string' },
        variants: { type: 'boolean', default: false },
        only: { type: 'string' },
        target: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (!values.data) {
    console.error(`Give the labeled folder with --data DIR.\n\n${USAGE}`);
    return 2;
  }
  const modelDir = values.model ?? shippedModelDirs()[0];
  if (!modelDir) {
    console.error(
      'The shipped model (models/pipe-obstruction) is not there yet: pass --model DIR.',
    );
    return 2;
  }
  const showProgress = !values.json && process.stderr.isTTY;
  if (values.variants) {
    return runVariants({
      data: values.data,
      modelDir,
      split: values.split,
      only: values.only,
      target: values.target,
      json: values.json,
      showProgress,
    });
  }
  const report = await evaluateModel({
    dataDir: values.data,
    modelDir,
    ...(values.split !== undefined ? { split: values.split } : {}),
    onProgress: showProgress
      ? (done, total) => process.stderr.write(`\r${done}/${total} photos`)
      : undefined,
  });
  if (showProgress) process.stderr.write('\r\x1b[K');
  if (values.predictions) await writePredictions(values.predictions, report);
  if (values.json) {
    const { predictions: _predictions, ...summary } = report;
    console.log(JSON.stringify(summary, null, 2));
  } else {
    printReport(report);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(isCoreError(error) ? `${error.code}: ${error.message}` : error);
    process.exitCode = 1;
  },
);
