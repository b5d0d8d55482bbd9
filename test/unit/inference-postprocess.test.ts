import { describe, expect, it } from 'vitest';
import { sigmoid, softmax, toModelOutput } from '../../electron/core/inference/postprocess.js';

const softmaxModel = {
  labels: ['clear', 'clogged', 'broken'],
  output: { name: 'logits', type: 'logits' as const },
  threshold: undefined,
};
const sigmoidModel = {
  labels: ['open', 'closed'],
  output: { name: 'dense', type: 'logits' as const },
  threshold: null,
};

describe('turning model outputs into labels and confidence', () => {
  it('softmax gives probabilities summing to 1, stable for huge logits', () => {
    const p = softmax([1, 2, 3]);
    expect(p.reduce((a, b) => a + b)).toBeCloseTo(1, 12);
    expect(p[2]).toBeCloseTo(Math.exp(3) / (Math.exp(1) + Math.exp(2) + Math.exp(3)), 12);
    const big = softmax([1000, 1001]);
    expect(big.every(Number.isFinite)).toBe(true);
    expect(big[1]).toBeCloseTo(1 / (1 + Math.exp(-1)), 12);
  });

  it('sigmoid stays finite at the extremes', () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
  });

  it('labels a softmax model with its most probable class and that probability', () => {
    const out = toModelOutput([0.1, 2.5, -1], softmaxModel, null);
    expect(out.label).toBe('clogged');
    expect(out.confidence).toBeCloseTo(softmax([0.1, 2.5, -1])[1]!, 12);
    expect(Object.keys(out.scores)).toEqual(['clear', 'clogged', 'broken']);
    expect(Object.values(out.scores).reduce((a, b) => a + b)).toBeCloseTo(1, 12);
  });

  it('reads a single sigmoid output as P(labels[1]) and reports the returned label', () => {
    const closed = toModelOutput([2], sigmoidModel, null);
    expect(closed.label).toBe('closed');
    expect(closed.confidence).toBeCloseTo(sigmoid(2), 12);
    const open = toModelOutput([-2], sigmoidModel, null);
    expect(open.label).toBe('open');
    // Confidence is the probability of the label returned, not of labels[1].
    expect(open.confidence).toBeCloseTo(1 - sigmoid(-2), 12);
    expect(open.scores).toEqual({ open: 1 - sigmoid(-2), closed: sigmoid(-2) });
  });

  it('applies the manifest threshold to labels[1]', () => {
    const strict = { ...sigmoidModel, threshold: 0.9 };
    expect(toModelOutput([1], strict, null).label).toBe('open'); // P(closed) = 0.73 < 0.9
    expect(toModelOutput([3], strict, null).label).toBe('closed'); // 0.95 >= 0.9
  });

  it('passes probabilities through unchanged for output.type "probabilities"', () => {
    const out = toModelOutput(
      [0.2, 0.8],
      { labels: ['a', 'b'], output: { name: 'p', type: 'probabilities' }, threshold: null },
      Float32Array.of(1, 2),
    );
    expect(out).toMatchObject({ label: 'b', scores: { a: 0.2, b: 0.8 } });
    expect(out.confidence).toBeCloseTo(0.8, 12);
    expect([...out.embedding!]).toEqual([1, 2]);
  });
});

describe('one output value is P(labels[1]) whatever the output type', () => {
  const keras = (type: 'probabilities' | 'logits') => ({
    labels: ['open', 'closed'],
    output: { name: 'dense', type },
    threshold: null,
  });

  it('reads a Keras sigmoid unit (probabilities) as P(closed) without a second sigmoid', () => {
    // White bottle: the graph's own sigmoid said 0.9 closed; a second sigmoid would say 0.71.
    const white = toModelOutput([0.9], keras('probabilities'), null);
    expect(white).toMatchObject({ label: 'closed' });
    expect(white.confidence).toBeCloseTo(0.9, 6);
    // Black bottle: 0.05 closed is "open" at 0.95 (a second sigmoid gave "closed" 0.51).
    const black = toModelOutput([0.05], keras('probabilities'), null);
    expect(black).toMatchObject({ label: 'open' });
    expect(black.confidence).toBeCloseTo(0.95, 6);
  });

  it('squashes a single logit with a sigmoid', () => {
    const out = toModelOutput([-3], keras('logits'), null);
    expect(out.label).toBe('open');
    expect(out.scores.closed).toBeCloseTo(sigmoid(-3), 12);
  });

  it('keeps the raw output values next to the probabilities', () => {
    expect([...(toModelOutput([-3], keras('logits'), null).raw ?? [])]).toEqual([-3]);
  });
});
