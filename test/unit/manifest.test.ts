import { describe, expect, it } from 'vitest';
import { isCoreError } from '../../electron/core/errors.js';
import { parseManifest } from '../../electron/core/inference/manifest.js';

function torchManifest() {
  return {
    schemaVersion: 1,
    id: 'pipe-obstruction',
    version: '1.0.0',
    name: 'Pipe obstruction',
    description: 'ResNet-18 fine-tuned on reboiler tubes',
    file: 'model.onnx',
    labels: ['clear', 'obstructed'],
    input: {
      name: 'input',
      layout: 'NCHW',
      width: 224,
      height: 224,
      colorOrder: 'RGB',
      resize: 'stretch',
      scaling: { kind: 'meanStd', mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] },
    },
    output: { name: 'probabilities', activation: 'softmax' },
    embedding: { name: 'embedding' },
    threshold: null,
  };
}

function messageOf(raw: unknown): string {
  try {
    parseManifest(raw);
  } catch (error) {
    if (isCoreError(error, 'MODEL_INVALID')) return error.message;
    throw error;
  }
  throw new Error('expected the manifest to be refused');
}

function edit(change: (m: ReturnType<typeof torchManifest>) => void): unknown {
  const m = torchManifest();
  change(m);
  return m;
}

describe('model.json validation', () => {
  it('accepts the documented PyTorch and Keras manifests', () => {
    expect(parseManifest(torchManifest()).labels).toEqual(['clear', 'obstructed']);
    const keras = parseManifest({
      schemaVersion: 1,
      id: 'bottle',
      version: '2',
      name: 'Bottle cap',
      labels: ['open', 'closed'],
      input: {
        name: 'input_1',
        layout: 'NHWC',
        width: 160,
        height: 160,
        colorOrder: 'RGB',
        resize: 'center-crop',
        scaling: { kind: 'unit' },
      },
      output: { name: 'dense', activation: 'sigmoid' },
      threshold: 0.7,
    });
    // Optional fields get their defaults.
    expect(keras.file).toBe('model.onnx');
    expect(keras.description).toBe('');
    expect(keras.threshold).toBe(0.7);
  });

  it('names the wrong field, what it must be and what it got', () => {
    expect(messageOf(edit((m) => (m.input.layout = 'CHW')))).toBe(
      'model.json: input.layout must be "NCHW" or "NHWC" (got "CHW")',
    );
    expect(messageOf(edit((m) => (m.output.activation = 'softmax2')))).toContain(
      'output.activation must be "softmax", "sigmoid" or "none" (got "softmax2")',
    );
    expect(messageOf(edit((m) => (m.input.width = 22.5)))).toContain(
      'input.width must be a whole number of pixels, 1..4096 (got 22.5)',
    );
    expect(messageOf(edit((m) => (m.input.scaling.std = [0.2, 0, 0.2])))).toContain(
      'input.scaling.std[1] must be a positive number (got 0)',
    );
    expect(messageOf(edit((m) => (m.schemaVersion = 2)))).toContain('schemaVersion must be 1');
  });

  it('says which field is missing and which is unknown', () => {
    expect(messageOf(edit((m) => Reflect.deleteProperty(m, 'labels')))).toContain(
      'labels is missing',
    );
    expect(messageOf(edit((m) => Object.assign(m.input, { colourOrder: 'RGB' })))).toContain(
      'input has unknown field "colourOrder"',
    );
  });

  it('refuses label lists a model cannot mean', () => {
    expect(messageOf(edit((m) => (m.labels = ['clear', 'clear'])))).toContain(
      'labels must be a list of distinct labels',
    );
    expect(messageOf(edit((m) => (m.labels = ['clear'])))).toContain(
      'labels must be a list of at least 2',
    );
    expect(
      messageOf(
        edit((m) => {
          m.labels = ['a', 'b', 'c'];
          m.output.activation = 'sigmoid';
        }),
      ),
    ).toContain('labels must have exactly 2 labels with a sigmoid output');
  });

  it('refuses ids that cannot become a folder name and files outside the model folder', () => {
    expect(messageOf(edit((m) => (m.id = '../evil')))).toContain('id must be letters, digits');
    expect(messageOf(edit((m) => (m.file = '../other/model.onnx')))).toContain(
      'file must be a file name next to model.json',
    );
  });
});
