import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  finalNode,
  OnnxParseError,
  outputKindOf,
  parseOnnxGraph,
} from '../../electron/core/inference/onnx-graph.js';

const ROOT = path.resolve(__dirname, '../..');
const graphOf = (rel: string) => parseOnnxGraph(readFileSync(path.join(ROOT, rel)));

describe('reading an ONNX graph without onnxruntime', () => {
  it('reads inputs, outputs and shapes of the shipped model, skipping its weights', () => {
    const graph = graphOf('models/pipe-obstruction/model.onnx');
    expect(graph.producerName).toBe('pytorch');
    expect(graph.inputs).toEqual([{ name: 'input', elemType: 1, shape: ['batch', 3, 160, 160] }]);
    expect(graph.outputs.map((o) => o.name)).toEqual(['probabilities', 'embedding']);
    expect(graph.outputs[0]!.shape).toEqual(['batch', 2]);
  });

  it('finds the node that ends each output, looking through reshapes', () => {
    const shipped = graphOf('models/pipe-obstruction/model.onnx');
    expect(finalNode(shipped, 'probabilities')?.opType).toBe('Softmax');
    expect(outputKindOf(finalNode(shipped, 'probabilities'))).toBe('probabilities');
    const keras = graphOf('test/fixtures/models/keras-sigmoid/model.onnx');
    expect(finalNode(keras, 'dense')).toMatchObject({ name: 'dense/Sigmoid', opType: 'Sigmoid' });
    // keras-style ends in Mul then Reshape: the Reshape is looked through.
    const logit = graphOf('test/fixtures/models/keras-style/model.onnx');
    expect(finalNode(logit, 'dense')?.opType).toBe('Mul');
    expect(outputKindOf(finalNode(logit, 'dense'))).toBe('logits');
    const torch = graphOf('test/fixtures/models/torch-style/model.onnx');
    expect(outputKindOf(finalNode(torch, 'logits'))).toBe('logits');
    const relu = graphOf('test/fixtures/models/broken/out-of-range/model.onnx');
    expect(outputKindOf(finalNode(relu, 'dense'))).toBe('unknown');
  });

  it('refuses bytes that are not an ONNX model', () => {
    expect(() => parseOnnxGraph(Buffer.from('this is not an onnx file at all'))).toThrow(
      OnnxParseError,
    );
    const truncated = readFileSync(path.join(ROOT, 'models/pipe-obstruction/model.onnx')).subarray(
      0,
      5000,
    );
    expect(() => parseOnnxGraph(truncated)).toThrow(OnnxParseError);
  });
});
