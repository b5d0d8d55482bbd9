/**
 * A class-balanced multinomial logistic regression on embeddings, in plain TypeScript:
 * 2,000 photos x 160 values fit in well under a second on a laptop core, no Python.
 *
 * Features are standardized with the training photos' mean and spread, and the result
 * is folded back into one linear layer over the raw embedding (what the ONNX head's
 * Gemm computes). Each class weighs the same in the loss whatever its count, so 20
 * "corrosion" photos among 2,000 "clear" ones still move the boundary.
 */
import type { LinearHead } from './append-head.js';

export interface FitOptions {
  /** L2 penalty on the standardized weights (per photo, class-balanced). */
  l2?: number;
  iterations?: number;
  learningRate?: number;
  /** Called every `yieldEvery` iterations; awaited, so a job can report and cancel. */
  onProgress?: (iteration: number, total: number) => Promise<void> | void;
  yieldEvery?: number;
}

export interface TrainingSet {
  /** n rows of `dim` values. */
  features: Float32Array;
  dim: number;
  /** Class index of each row, into `labels`. */
  targets: Int32Array;
  labels: readonly string[];
}

function standardization(set: TrainingSet): { mean: Float64Array; invStd: Float64Array } {
  const { features, dim } = set;
  const n = features.length / dim;
  const mean = new Float64Array(dim);
  const sq = new Float64Array(dim);
  for (let r = 0; r < n; r++) {
    for (let d = 0; d < dim; d++) {
      const v = features[r * dim + d]!;
      mean[d]! += v;
      sq[d]! += v * v;
    }
  }
  const invStd = new Float64Array(dim);
  for (let d = 0; d < dim; d++) {
    mean[d]! /= n;
    const variance = Math.max(0, sq[d]! / n - mean[d]! * mean[d]!);
    // A constant feature carries nothing: weight it 0 instead of dividing by ~0.
    invStd[d] = variance > 1e-12 ? 1 / Math.sqrt(variance) : 0;
  }
  return { mean, invStd };
}

/** Fits the head; the returned weights apply to raw (not standardized) embeddings. */
export async function fitLogisticHead(
  set: TrainingSet,
  options: FitOptions = {},
): Promise<LinearHead> {
  const { dim, labels, targets } = set;
  const k = labels.length;
  const n = targets.length;
  const l2 = options.l2 ?? 1e-3;
  const iterations = options.iterations ?? 400;
  const lr = options.learningRate ?? 0.05;
  const yieldEvery = options.yieldEvery ?? 25;

  const { mean, invStd } = standardization(set);
  const x = new Float64Array(n * dim);
  for (let r = 0; r < n; r++) {
    for (let d = 0; d < dim; d++)
      x[r * dim + d] = (set.features[r * dim + d]! - mean[d]!) * invStd[d]!;
  }
  const counts = new Float64Array(k);
  for (let r = 0; r < n; r++) counts[targets[r]!]!++;
  const present = Array.from(counts).filter((c) => c > 0).length;
  // Balanced: every present class contributes the same total weight, n / classes.
  const sampleWeight = new Float64Array(n);
  for (let r = 0; r < n; r++) sampleWeight[r] = n / (present * counts[targets[r]!]!) / n;

  const w = new Float64Array(k * dim);
  const b = new Float64Array(k);
  // Adam: robust step sizes without tuning per data set.
  const mW = new Float64Array(k * dim);
  const vW = new Float64Array(k * dim);
  const mB = new Float64Array(k);
  const vB = new Float64Array(k);
  const gW = new Float64Array(k * dim);
  const gB = new Float64Array(k);
  const logits = new Float64Array(k);
  const beta1 = 0.9;
  const beta2 = 0.999;

  for (let it = 1; it <= iterations; it++) {
    gW.fill(0);
    gB.fill(0);
    for (let r = 0; r < n; r++) {
      const row = r * dim;
      let max = -Infinity;
      for (let c = 0; c < k; c++) {
        let s = b[c]!;
        const wc = c * dim;
        for (let d = 0; d < dim; d++) s += w[wc + d]! * x[row + d]!;
        logits[c] = s;
        if (s > max) max = s;
      }
      let z = 0;
      for (let c = 0; c < k; c++) {
        logits[c] = Math.exp(logits[c]! - max);
        z += logits[c]!;
      }
      const sw = sampleWeight[r]!;
      const t = targets[r]!;
      for (let c = 0; c < k; c++) {
        const g = (logits[c]! / z - (c === t ? 1 : 0)) * sw;
        if (g === 0) continue;
        gB[c]! += g;
        const wc = c * dim;
        for (let d = 0; d < dim; d++) gW[wc + d]! += g * x[row + d]!;
      }
    }
    const c1 = 1 - beta1 ** it;
    const c2 = 1 - beta2 ** it;
    for (let i = 0; i < w.length; i++) {
      const g = gW[i]! + l2 * w[i]!;
      mW[i] = beta1 * mW[i]! + (1 - beta1) * g;
      vW[i] = beta2 * vW[i]! + (1 - beta2) * g * g;
      w[i]! -= (lr * (mW[i]! / c1)) / (Math.sqrt(vW[i]! / c2) + 1e-8);
    }
    for (let c = 0; c < k; c++) {
      const g = gB[c]!;
      mB[c] = beta1 * mB[c]! + (1 - beta1) * g;
      vB[c] = beta2 * vB[c]! + (1 - beta2) * g * g;
      b[c]! -= (lr * (mB[c]! / c1)) / (Math.sqrt(vB[c]! / c2) + 1e-8);
    }
    if (options.onProgress && (it % yieldEvery === 0 || it === iterations)) {
      await options.onProgress(it, iterations);
    }
  }

  // Fold the standardization in: W' = W / std, b' = b - W' . mean.
  const weights = new Float32Array(k * dim);
  const bias = new Float32Array(k);
  for (let c = 0; c < k; c++) {
    let shift = 0;
    for (let d = 0; d < dim; d++) {
      const folded = w[c * dim + d]! * invStd[d]!;
      weights[c * dim + d] = folded;
      shift += folded * mean[d]!;
    }
    bias[c] = b[c]! - shift;
  }
  return { weights, bias, labels: [...labels], dim };
}

/** Probabilities of the head for one embedding (the same math as the ONNX Gemm + Softmax). */
export function headProbabilities(head: LinearHead, embedding: ArrayLike<number>): number[] {
  const k = head.labels.length;
  const logits = new Array<number>(k);
  let max = -Infinity;
  for (let c = 0; c < k; c++) {
    let s = head.bias[c]!;
    for (let d = 0; d < head.dim; d++) s += head.weights[c * head.dim + d]! * embedding[d]!;
    logits[c] = s;
    if (s > max) max = s;
  }
  const exps = logits.map((l) => Math.exp(l - max));
  const z = exps.reduce((a, e) => a + e, 0);
  return exps.map((e) => e / z);
}

/** The most probable label of the head for one embedding. */
export function headPredict(head: LinearHead, embedding: ArrayLike<number>): string {
  const probs = headProbabilities(head, embedding);
  let best = 0;
  for (let c = 1; c < probs.length; c++) if (probs[c]! > probs[best]!) best = c;
  return head.labels[best]!;
}
