import { describe, expect, it } from 'vitest';
import { computeMetrics, type LabeledPair } from '../../electron/core/stats/metrics.js';

function pairs(spec: [truth: string, predicted: string, times: number][]): LabeledPair[] {
  return spec.flatMap(([truth, predicted, times]) =>
    Array.from({ length: times }, () => ({ truth, predicted })),
  );
}

describe('computeMetrics', () => {
  // Checked by hand: 7 reviewed photos, one of a class the model does not know.
  const sample = pairs([
    ['clear', 'clear', 3],
    ['clear', 'obstructed', 1],
    ['obstructed', 'obstructed', 1],
    ['obstructed', 'clear', 1],
    ['partial', 'clear', 1],
  ]);

  it('gives accuracy, balanced accuracy, per-class precision/recall and the confusion matrix', () => {
    const m = computeMetrics(sample, ['clear', 'obstructed']);
    expect(m.total).toBe(7);
    expect(m.accuracy).toBeCloseTo(4 / 7);
    // Mean recall over classes present in the truth: (3/4 + 1/2 + 0/1) / 3.
    expect(m.balancedAccuracy).toBeCloseTo((0.75 + 0.5 + 0) / 3);
    expect(m.confusion).toEqual({
      labels: ['clear', 'obstructed', 'partial'],
      counts: [
        [3, 1, 0],
        [1, 1, 0],
        [1, 0, 0],
      ],
    });
    expect(m.perClass).toEqual([
      { label: 'clear', precision: 3 / 5, recall: 3 / 4, support: 4 },
      { label: 'obstructed', precision: 1 / 2, recall: 1 / 2, support: 2 },
      // Never predicted: precision is unknown, not zero.
      { label: 'partial', precision: null, recall: 0, support: 1 },
    ]);
  });

  it('does not reward a model that calls everything the majority class', () => {
    const lazy = pairs([
      ['clear', 'clear', 95],
      ['obstructed', 'clear', 5],
    ]);
    const m = computeMetrics(lazy, ['clear', 'obstructed']);
    expect(m.accuracy).toBeCloseTo(0.95);
    expect(m.balancedAccuracy).toBeCloseTo(0.5);
    expect(m.perClass[1]).toEqual({ label: 'obstructed', precision: null, recall: 0, support: 5 });
  });

  it('counts grouped pairs like the same pairs one by one', () => {
    const grouped = computeMetrics(
      [
        { truth: 'clear', predicted: 'clear', count: 3 },
        { truth: 'clear', predicted: 'obstructed', count: 1 },
        { truth: 'obstructed', predicted: 'obstructed', count: 1 },
        { truth: 'obstructed', predicted: 'clear', count: 1 },
        { truth: 'partial', predicted: 'clear', count: 1 },
      ],
      ['clear', 'obstructed'],
    );
    expect(grouped).toEqual(computeMetrics(sample, ['clear', 'obstructed']));
  });

  it('has no accuracy without reviewed photos, and keeps the label order', () => {
    const m = computeMetrics([], ['open', 'closed']);
    expect(m).toMatchObject({ total: 0, accuracy: null, balancedAccuracy: null });
    expect(m.confusion).toEqual({
      labels: ['open', 'closed'],
      counts: [
        [0, 0],
        [0, 0],
      ],
    });
    expect(m.perClass.map((c) => c.recall)).toEqual([null, null]);
  });
});
