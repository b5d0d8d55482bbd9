import { describe, expect, it } from 'vitest';
import type { InputSpec } from '../../electron/core/inference/preprocess.js';
import { inputShape, writeInputTensor } from '../../electron/core/inference/preprocess.js';

// A 2x2 image, row-major RGB: red, green / blue, white.
const RGB = Uint8Array.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 255]);

function spec(overrides: Partial<InputSpec>): InputSpec {
  return {
    name: 'input',
    layout: 'NCHW',
    width: 2,
    height: 2,
    colorOrder: 'RGB',
    resize: 'stretch',
    scaling: { kind: 'unit' },
    ...overrides,
  };
}

function tensor(s: InputSpec): number[] {
  const out = new Float32Array(12);
  writeInputTensor(RGB, s, out);
  return [...out];
}

describe('laying out pixels as the model expects', () => {
  it('NCHW puts each colour in its own plane', () => {
    const rPlane = [1, 0, 0, 1]; // red, green, blue, white pixels
    const gPlane = [0, 1, 0, 1];
    const bPlane = [0, 0, 1, 1];
    expect(tensor(spec({ layout: 'NCHW' }))).toEqual([...rPlane, ...gPlane, ...bPlane]);
    expect(inputShape(spec({ layout: 'NCHW', width: 3 }), 4)).toEqual([4, 3, 2, 3]);
  });

  it("NHWC keeps each pixel's channels together", () => {
    expect(tensor(spec({ layout: 'NHWC' }))).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 1, 1]);
    expect(inputShape(spec({ layout: 'NHWC', width: 3 }), 4)).toEqual([4, 2, 3, 3]);
  });

  it('BGR models read blue first', () => {
    expect(tensor(spec({ layout: 'NHWC', colorOrder: 'BGR' })).slice(0, 6)).toEqual([
      0, 0, 1, 0, 1, 0,
    ]);
    expect(tensor(spec({ layout: 'NCHW', colorOrder: 'BGR' })).slice(0, 4)).toEqual([0, 0, 1, 1]);
  });

  it('mean/std scaling normalizes each channel with its own statistics', () => {
    const s = spec({
      layout: 'NHWC',
      scaling: { kind: 'meanStd', mean: [0.5, 0.25, 0], std: [0.5, 0.25, 2] },
    });
    const [r, g, b] = tensor(s); // the red pixel: (1-0.5)/0.5, (0-0.25)/0.25, (0-0)/2
    expect(r).toBeCloseTo(1, 6);
    expect(g).toBeCloseTo(-1, 6);
    expect(b).toBeCloseTo(0, 6);
  });

  it('writes a second image of a batch after the first', () => {
    const out = new Float32Array(24);
    writeInputTensor(RGB, spec({}), out, 12);
    expect([...out.subarray(0, 12)].every((v) => v === 0)).toBe(true);
    expect(out[12]).toBe(1);
  });
});
