/**
 * Old model against new on the reviewed labels, printed side by side.
 */
import type { ModelMetrics } from '../../electron/contract.js';

function fmt(value: number | null): string {
  return value === null ? '–' : value.toFixed(3);
}

/** Left-aligned columns, two spaces apart. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function countOf(m: ModelMetrics, truth: string, predicted: string): number {
  const row = m.confusion.labels.indexOf(truth);
  const col = m.confusion.labels.indexOf(predicted);
  return row < 0 || col < 0 ? 0 : (m.confusion.counts[row]?.[col] ?? 0);
}

/**
 * One table, one column per model: n, accuracy, balanced accuracy, per-class
 * precision/recall/support, then the confusion matrix as "true → predicted" counts.
 */
export function renderComparison(metrics: ModelMetrics[]): string {
  const labels = [...new Set(metrics.flatMap((m) => m.confusion.labels))];
  const perClass = (m: ModelMetrics, label: string) => m.perClass.find((c) => c.label === label);
  const rows: string[][] = [
    ['', ...metrics.map((m) => m.modelId)],
    ['photos (n)', ...metrics.map((m) => String(m.reviewed))],
    ['accuracy', ...metrics.map((m) => fmt(m.accuracy))],
    ['balanced accuracy', ...metrics.map((m) => fmt(m.balancedAccuracy))],
  ];
  for (const label of labels) {
    rows.push([
      `${label}: precision`,
      ...metrics.map((m) => fmt(perClass(m, label)?.precision ?? null)),
    ]);
    rows.push([`${label}: recall`, ...metrics.map((m) => fmt(perClass(m, label)?.recall ?? null))]);
  }
  rows.push(['confusion (true → predicted)', ...metrics.map(() => '')]);
  for (const truth of labels) {
    for (const predicted of labels) {
      const mark = truth === predicted ? '' : '  ✗';
      rows.push([
        `  ${truth} → ${predicted}${mark}`,
        ...metrics.map((m) => String(countOf(m, truth, predicted))),
      ]);
    }
  }
  return table(rows);
}
