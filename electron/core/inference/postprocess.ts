/**
 * Model outputs to what the app stores: a label, the probability of that label
 * ("confidence"), every label's score, and the optional embedding.
 */
import type { ModelManifest, OutputType } from './manifest.js';

/** What a model says about one photo, as the library stores it. */
export interface ModelOutput {
  label: string;
  /** Probability of `label` (0..1). */
  confidence: number;
  /** Every label's score, in the model's label order. */
  scores: Record<string, number>;
  embedding: Float32Array | null;
  /** The model's own output values for the photo, before any activation. */
  raw?: Float32Array;
}

/** False when the model answered NaN/Inf or a probability outside 0..1 for this photo. */
export function isUsableOutput(output: ModelOutput): boolean {
  return (
    Number.isFinite(output.confidence) &&
    output.confidence >= 0 &&
    output.confidence <= 1 &&
    Object.values(output.scores).every(Number.isFinite)
  );
}

/** The raw values of an output for a message: `[NaN, 0.5]`. */
export function describeRaw(raw: Float32Array): string {
  const shown = Array.from(raw.subarray(0, 8), (v) =>
    Number.isFinite(v) ? String(Math.round(v * 1e4) / 1e4) : String(v),
  );
  return `[${shown.join(', ')}${raw.length > 8 ? ', ...' : ''}]`;
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

/**
 * Output values of one image to per-label probabilities, in label order. One value is
 * P(labels[1]) (after a sigmoid when it is a logit); several are one per label.
 */
export function probabilities(values: ArrayLike<number>, type: OutputType): number[] {
  if (values.length === 1) {
    const p = type === 'logits' ? sigmoid(values[0]!) : values[0]!;
    return [1 - p, p];
  }
  return type === 'logits' ? softmax(values) : Array.from(values);
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
  const probs = probabilities(values, manifest.output.type);
  // One value is a yes/no on labels[1]: 0.5 unless the manifest says otherwise.
  const threshold = values.length === 1 ? (manifest.threshold ?? 0.5) : manifest.threshold;
  const { label, confidence } = decide(probs, manifest.labels, threshold);
  const scores: Record<string, number> = {};
  manifest.labels.forEach((name, i) => {
    scores[name] = probs[i] ?? 0;
  });
  return { label, confidence, scores, embedding, raw: Float32Array.from(values) };
}
