/**
 * Classification metrics of a model against reviewer labels. Pure: the app's summary and
 * model comparison, and the evaluation scripts of the data-science team, share it.
 */
import type { ClassMetrics, ConfusionMatrix } from '../../contract.js';

export interface LabeledPair {
  /** The reviewer's label (ground truth). */
  truth: string;
  predicted: string;
  /** How many photos this pair stands for (default 1): lets SQL group before counting. */
  count?: number;
}

export interface Metrics {
  /** Pairs counted. */
  total: number;
  /** Share of pairs where the prediction equals the truth; null without pairs. */
  accuracy: number | null;
  /**
   * Mean recall over the classes present in the truth: a model that calls every tube
   * "clear" in a plant where 95% are clear scores 0.5, not 0.95. Null without pairs.
   */
  balancedAccuracy: number | null;
  perClass: ClassMetrics[];
  /** Rows = truth, columns = prediction, in `labels` order. */
  confusion: ConfusionMatrix;
}

/**
 * Computes the metrics. `labels` fixes the order of classes (the model's output order);
 * labels that appear only in the pairs (a class reviewers added) follow, sorted.
 */
export function computeMetrics(
  pairs: readonly LabeledPair[],
  labels: readonly string[] = [],
): Metrics {
  const order = [...new Set(labels)];
  const extra = new Set<string>();
  for (const { truth, predicted } of pairs) {
    if (!order.includes(truth)) extra.add(truth);
    if (!order.includes(predicted)) extra.add(predicted);
  }
  order.push(...[...extra].sort());
  const index = new Map(order.map((label, i) => [label, i]));
  const counts = order.map(() => order.map(() => 0));
  let correct = 0;
  let total = 0;
  for (const { truth, predicted, count = 1 } of pairs) {
    const row = counts[index.get(truth) as number] as number[];
    const col = index.get(predicted) as number;
    row[col] = (row[col] as number) + count;
    total += count;
    if (truth === predicted) correct += count;
  }
  const perClass: ClassMetrics[] = order.map((label, i) => {
    const truePositives = counts[i]?.[i] ?? 0;
    const support = (counts[i] as number[]).reduce((a, b) => a + b, 0);
    const predictedCount = counts.reduce((sum, row) => sum + (row[i] as number), 0);
    return {
      label,
      precision: predictedCount > 0 ? truePositives / predictedCount : null,
      recall: support > 0 ? truePositives / support : null,
      support,
    };
  });
  const recalls = perClass.filter((c) => c.support > 0).map((c) => c.recall as number);
  return {
    total,
    accuracy: total ? correct / total : null,
    balancedAccuracy: recalls.length ? recalls.reduce((a, b) => a + b, 0) / recalls.length : null,
    perClass,
    confusion: { labels: order, counts },
  };
}
