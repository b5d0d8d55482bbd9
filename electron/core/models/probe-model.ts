/**
 * Runs a new model on probe images before it is accepted: uniform colours, noise and a
 * few of the library's own photos. A broken export shows here (NaN/Inf, probabilities
 * outside 0..1 or not summing to 1, the same answer for everything) instead of as
 * failed classifications after it was activated.
 */
import { CoreError } from '../errors.js';
import type { RawImage } from '../imaging/decode.js';
import type { ModelManifest } from '../inference/manifest.js';
import type { ModelOutput } from '../inference/postprocess.js';

/** A probe image and the name a refusal quotes. */
export interface Probe {
  name: string;
  image: RawImage;
}

const PROBE_SIZE = 64;
/** Probabilities must sum to 1 within float32 rounding of an exported softmax. */
const SUM_TOLERANCE = 1e-3;
/** Two answers closer than this on every label count as "the same". */
const SAME_ANSWER = 1e-6;

function uniform(name: string, rgb: [number, number, number]): Probe {
  const data = Buffer.alloc(PROBE_SIZE * PROBE_SIZE * 3);
  for (let i = 0; i < data.length; i += 3) data.set(rgb, i);
  return { name, image: { data, width: PROBE_SIZE, height: PROBE_SIZE, channels: 3 } };
}

/** Deterministic noise (a fixed LCG), so a refusal is reproducible. */
function noise(name: string, seed: number): Probe {
  const data = Buffer.alloc(PROBE_SIZE * PROBE_SIZE * 3);
  let state = seed >>> 0;
  for (let i = 0; i < data.length; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[i] = state >>> 24;
  }
  return { name, image: { data, width: PROBE_SIZE, height: PROBE_SIZE, channels: 3 } };
}

/** The synthetic probes: black, white, grey, red, green, blue and two noise images. */
export function syntheticProbes(): Probe[] {
  return [
    uniform('black', [0, 0, 0]),
    uniform('white', [255, 255, 255]),
    uniform('grey', [128, 128, 128]),
    uniform('red', [255, 0, 0]),
    uniform('green', [0, 255, 0]),
    uniform('blue', [0, 0, 255]),
    noise('noise 1', 1),
    noise('noise 2', 2),
  ];
}

function formatValue(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 1e4) / 1e4) : String(value);
}

/** Throws MODEL_INVALID on the first answer a working classifier cannot give. */
export function checkProbeOutputs(
  manifest: ModelManifest,
  probes: readonly Probe[],
  outputs: readonly ModelOutput[],
  rawOutputs: readonly Float32Array[],
): void {
  probes.forEach((probe, i) => {
    const raw = rawOutputs[i]!;
    for (const value of raw) {
      if (!Number.isFinite(value)) {
        throw new CoreError(
          'MODEL_INVALID',
          { key: 'models.probe.nonFinite', values: { probe: probe.name, value: String(value) } },
          { probe: probe.name },
        );
      }
    }
    if (manifest.output.type !== 'probabilities') return;
    const values = Array.from(raw);
    const labels = values.length === 1 ? [manifest.labels[1]!] : manifest.labels;
    values.forEach((value, j) => {
      if (value < 0 || value > 1) {
        throw new CoreError(
          'MODEL_INVALID',
          {
            key: 'models.probe.outOfRange',
            values: { probe: probe.name, value: formatValue(value), label: labels[j] ?? String(j) },
          },
          { probe: probe.name, field: 'output.type' },
        );
      }
    });
    if (values.length > 1) {
      const sum = values.reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 1) > SUM_TOLERANCE) {
        throw new CoreError(
          'MODEL_INVALID',
          {
            key: 'models.probe.notSummingToOne',
            values: { probe: probe.name, count: values.length, sum: formatValue(sum) },
          },
          { probe: probe.name, field: 'output.type' },
        );
      }
    }
  });
  const first = outputs[0];
  if (!first || outputs.length < 2) return;
  const same = outputs.every((o) =>
    manifest.labels.every(
      (l) => Math.abs((o.scores[l] ?? 0) - (first.scores[l] ?? 0)) <= SAME_ANSWER,
    ),
  );
  if (same) {
    const scores = manifest.labels
      .map((l) => `${l} ${formatValue(first.scores[l] ?? 0)}`)
      .join(', ');
    throw new CoreError(
      'MODEL_INVALID',
      { key: 'models.probe.constant', values: { scores, count: outputs.length } },
      { field: 'input' },
    );
  }
}
