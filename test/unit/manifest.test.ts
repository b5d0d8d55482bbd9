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
      'output.activation must be "softmax", "sigmoid" or "none" (or use schemaVersion 2 with output.type) (got "softmax2")',
    );
    expect(messageOf(edit((m) => (m.input.width = 22.5)))).toContain(
      'input.width must be a whole number of pixels, 1..4096 (got 22.5)',
    );
    expect(messageOf(edit((m) => (m.input.scaling.std = [0.2, 0, 0.2])))).toContain(
      'input.scaling.std[1] must be a positive number (got 0)',
    );
    expect(messageOf(edit((m) => (m.schemaVersion = 3)))).toContain(
      'schemaVersion must be 2 (or 1 for the older format) (got 3)',
    );
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

function v2(output: unknown, extra: Record<string, unknown> = {}): unknown {
  const { output: _old, ...rest } = torchManifest();
  void _old;
  return { ...rest, schemaVersion: 2, output, ...extra };
}

describe('model.json format 2: output.type says what the output is', () => {
  it('reads output.type and keeps labelNames per language', () => {
    const m = parseManifest(
      v2(
        { name: 'probabilities', type: 'probabilities' },
        { labelNames: { 'pt-BR': { clear: 'livre', obstructed: 'obstruído' } } },
      ),
    );
    expect(m.output).toEqual({ name: 'probabilities', type: 'probabilities' });
    expect(m.labelNames?.['pt-BR']?.obstructed).toBe('obstruído');
  });

  it('refuses an activation in a format 2 manifest and an unknown type', () => {
    expect(messageOf(v2({ name: 'p', activation: 'none' }))).toContain('output.type is missing');
    expect(messageOf(v2({ name: 'p', type: 'sigmoid' }))).toContain(
      'output.type must be "probabilities" or "logits" (got "sigmoid")',
    );
  });

  it('refuses display names of labels the model does not have', () => {
    expect(
      messageOf(v2({ name: 'p', type: 'logits' }, { labelNames: { en: { blocked: 'Blocked' } } })),
    ).toContain('labelNames.en names labels that are not in labels: "blocked"');
  });

  it('reads format 1 activation as what the output is: none = probabilities, else logits', () => {
    const as = (activation: string) =>
      parseManifest(edit((m) => (m.output.activation = activation))).output.type;
    expect(as('none')).toBe('probabilities');
    expect(as('softmax')).toBe('logits');
    expect(as('sigmoid')).toBe('logits');
  });
});
