/**
 * Model outputs to what the app stores: a label, the probability of that label
 * ("confidence"), every label's score, and the optional embedding.
 */
import type { ModelManifest } from './manifest.js';

/** What a model says about one photo, as the library stores it. */
export interface ModelOutput {
  label: string;
  /** Probability of `label` (0..1). */
  confidence: number;
  /** Every label's score, in the model's label order. */
  scores: Record<string, number>;
  embedding: Float32Array | null;
}

/** Numerically stable softmax (subtracts the max so large logits do not overflow). */
export function softmax(logits: ArrayLike<number>): number[] {
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i]!);
  const exps = Array.from({ length: logits.length }, (_, i) => Math.exp(logits[i]! - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

/** Logistic function, stable for large |x|. */
export function sigmoid(x: number): number {
  // Split by sign so neither branch computes exp of a large positive number.
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

type Activation = ModelManifest['output']['activation'];

/** Output values of one image to per-label probabilities, in label order. */
export function probabilities(values: ArrayLike<number>, activation: Activation): number[] {
  switch (activation) {
    case 'softmax':
      return softmax(values);
    case 'sigmoid': {
      // One output: P(labels[1]); labels[0] gets the rest.
      const p = sigmoid(values[0]!);
      return [1 - p, p];
    }
    case 'none':
      // The model already ends in its own softmax/sigmoid; a single value is P(labels[1]).
      return values.length === 1 ? [1 - values[0]!, values[0]!] : Array.from(values);
  }
}

/**
 * The decision for one image. With a threshold (two-label models), labels[1] wins when
 * its probability reaches it; otherwise the most probable label wins (first on ties).
 */
export function decide(
  probs: readonly number[],
  labels: readonly string[],
  threshold: number | null | undefined,
): { label: string; confidence: number } {
  let index = 0;
  if (labels.length === 2 && threshold != null) {
    index = probs[1]! >= threshold ? 1 : 0;
  } else {
    for (let i = 1; i < probs.length; i++) if (probs[i]! > probs[index]!) index = i;
  }
  return { label: labels[index]!, confidence: probs[index]! };
}

/** Builds the stored output of one image from its raw output values. */
export function toModelOutput(
  values: ArrayLike<number>,
  manifest: Pick<ModelManifest, 'labels' | 'output' | 'threshold'>,
  embedding: Float32Array | null,
): ModelOutput {
  const probs = probabilities(values, manifest.output.activation);
  // A sigmoid output is a yes/no on labels[1]: 0.5 unless the manifest says otherwise.
  const threshold =
    manifest.output.activation === 'sigmoid' ? (manifest.threshold ?? 0.5) : manifest.threshold;
  const { label, confidence } = decide(probs, manifest.labels, threshold);
  const scores: Record<string, number> = {};
  manifest.labels.forEach((name, i) => {
    scores[name] = probs[i] ?? 0;
  });
  return { label, confidence, scores, embedding };
}
