/**
 * `npm run eval -- --data DIR [--split valid] [--model DIR] [--json] [--predictions FILE]`
 *
 * Scores a model on a labeled folder (photos + labels.csv with `file,label`, or the
 * shared dataset's `split,file,label,objects`) through the app's own decode,
 * preprocessing and inference, and prints accuracy, balanced accuracy, per-class
 * precision/recall, the confusion matrix and throughput.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { isCoreError } from '../electron/core/errors.js';
import { evaluateModel, type EvalReport } from '../electron/core/models/evaluate.js';
import { shippedModelDirs } from '../electron/core/models/shipped.js';

const USAGE = `Usage: npm run eval -- --data DIR [--split NAME] [--model DIR] [--json] [--predictions FILE]

  --data DIR          folder with the photos and labels.csv ("file,label", optionally "split")
  --split NAME        only rows whose split column is NAME (e.g. valid)
  --model DIR         model folder (model.json + model.onnx); default: the shipped model
  --json              print one JSON object instead of the table
  --predictions FILE  also write per-photo predictions as CSV`;

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
