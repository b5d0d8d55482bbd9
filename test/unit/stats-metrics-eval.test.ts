import { describe, expect, it } from 'vitest';
import { computeMetrics } from '../../electron/core/stats/metrics.js';

function pairs(spec: [string, string, number][]): { truth: string; predicted: string }[] {
  return spec.flatMap(([truth, predicted, n]) =>
    Array.from({ length: n }, () => ({ truth, predicted })),
  );
}

describe('model metrics as npm run eval reports them', () => {
  it('computes accuracy, balanced accuracy, precision, recall and the confusion matrix', () => {
    // 90 clear (85 right), 10 obstructed (5 right): accuracy looks good, balance does not.
    const m = computeMetrics(
      pairs([
        ['clear', 'clear', 85],
        ['clear', 'obstructed', 5],
        ['obstructed', 'obstructed', 5],
        ['obstructed', 'clear', 5],
      ]),
      ['clear', 'obstructed'],
    );
    expect(m.total).toBe(100);
    expect(m.accuracy).toBeCloseTo(0.9, 12);
    expect(m.balancedAccuracy).toBeCloseTo((85 / 90 + 5 / 10) / 2, 12);
    expect(m.confusion).toEqual({
      labels: ['clear', 'obstructed'],
      counts: [
        [85, 5],
        [5, 5],
      ],
    });
    expect(m.perClass).toEqual([
      { label: 'clear', precision: 85 / 90, recall: 85 / 90, support: 90 },
      { label: 'obstructed', precision: 0.5, recall: 0.5, support: 10 },
    ]);
  });

  it('keeps a class the data lacks with empty metrics instead of dividing by zero', () => {
    const m = computeMetrics(pairs([['clear', 'clear', 3]]), ['clear', 'obstructed']);
    expect(m.perClass[1]).toEqual({
      label: 'obstructed',
      precision: null,
      recall: null,
      support: 0,
    });
    // Balanced accuracy averages only the classes present in the truth.
    expect(m.balancedAccuracy).toBe(1);
  });

  it('shows a dataset label the model does not know as its own row of misses', () => {
    const m = computeMetrics(pairs([['blocked', 'clear', 2]]), ['clear', 'obstructed']);
    expect(m.confusion.labels).toEqual(['clear', 'obstructed', 'blocked']);
    expect(m.confusion.counts[2]).toEqual([2, 0, 0]);
    expect(m.accuracy).toBe(0);
  });

  it('has no accuracy for no data', () => {
    const m = computeMetrics([], ['a', 'b']);
    expect(m.accuracy).toBeNull();
    expect(m.balancedAccuracy).toBeNull();
  });
});
