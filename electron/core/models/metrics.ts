/**
 * Classification metrics from (truth, predicted) pairs: accuracy, balanced accuracy,
 * per-class precision/recall and the confusion matrix. Shared by `npm run eval` and
 * anything that scores a model on reviewed photos.
 */
import type { ClassMetrics, ConfusionMatrix } from '../../contract.js';

/** One scored photo: its true label and the model's. */
export interface LabeledPrediction {
  truth: string;
  predicted: string;
}

/** The usual classification scores; same shapes as the contract's ModelMetrics parts. */
export interface ClassificationMetrics {
  /** Pairs scored. */
  total: number;
  /** Share of pairs predicted right; null when there are none. */
  accuracy: number | null;
  /** Mean recall over classes that occur in the truth: fair on imbalanced data. */
  balancedAccuracy: number | null;
  perClass: ClassMetrics[];
  confusion: ConfusionMatrix;
}

/**
 * Scores predictions. `labels` fixes the row/column order (the model's labels); labels
 * met in the data but not listed are appended in order of appearance, so a dataset
 * label the model does not know still shows up as a row of misses.
 */
export function classificationMetrics(
  pairs: readonly LabeledPrediction[],
  labels: readonly string[] = [],
): ClassificationMetrics {
  const order = [...labels];
  const index = new Map(order.map((label, i) => [label, i]));
  const indexOf = (label: string): number => {
    let i = index.get(label);
    if (i === undefined) {
      i = order.length;
      order.push(label);
      index.set(label, i);
    }
    return i;
  };
  const cells: [number, number][] = pairs.map((p) => [indexOf(p.truth), indexOf(p.predicted)]);
  const counts = order.map(() => order.map(() => 0));
  for (const [t, p] of cells) counts[t]![p]!++;

  let correct = 0;
  const perClass: ClassMetrics[] = order.map((label, i) => {
    const hits = counts[i]![i]!;
    correct += hits;
    const support = counts[i]!.reduce((a, b) => a + b, 0);
    const predicted = counts.reduce((sum, row) => sum + row[i]!, 0);
    return {
      label,
      precision: predicted > 0 ? hits / predicted : null,
      recall: support > 0 ? hits / support : null,
      support,
    };
  });
  const recalls = perClass.filter((c) => c.recall !== null).map((c) => c.recall!);
  return {
    total: pairs.length,
    accuracy: pairs.length > 0 ? correct / pairs.length : null,
    balancedAccuracy: recalls.length > 0 ? recalls.reduce((a, b) => a + b, 0) / recalls.length : null,
    perClass,
    confusion: { labels: order, counts },
  };
}
