/**
 * `models init DIR`: writes model.json for a folder that holds only model.onnx (and
 * perhaps a label file), reading everything the graph knows: input name, layout and
 * size, output name, and whether the output is probabilities or logits. Labels come from
 * labels.txt / classes.txt (one per line), a Keras class_indices.json, a classes.json
 * list, or the caller. What the graph cannot say (pixel scaling) is assumed from the
 * layout and reported, so the person can correct it.
 */
import { access, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { InitModelResult } from '../../contract.js';
import { CoreError } from '../errors.js';
import { parseManifest, type ModelManifest } from '../inference/manifest.js';
import { MAX_MANIFEST_BYTES, readRegularFile } from '../inference/model-files.js';
import {
  finalNode,
  outputKindOf,
  type OnnxGraph,
  type OnnxValueInfo,
} from '../inference/onnx-graph.js';
import { readOnnxGraph } from './add-model.js';

const LINE_FILES = ['labels.txt', 'classes.txt'];
const JSON_FILES = ['class_indices.json', 'classes.json', 'labels.json'];
const DEFAULT_EDGE = 224;
const IMAGENET = { mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225] };

/** What `models.init` is given. */
export interface InitModelOptions {
  dir: string;
  /** Labels in output order, when no label file is beside the model. */
  labels?: string[];
  /** Overwrite an existing model.json. */
  force?: boolean;
}

function initError(
  key:
    | 'models.init.noLabels'
    | 'models.init.noImageInput'
    | 'models.init.exists'
    | 'models.init.badLabels',
  values: Record<string, string | number>,
): CoreError {
  return new CoreError('MODEL_INVALID', { key, values });
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** Labels in output order from a label file beside the model, or null when there is none. */
async function readLabelFile(dir: string): Promise<{ labels: string[]; from: string } | null> {
  for (const name of LINE_FILES) {
    const file = path.join(dir, name);
    if (!(await exists(file))) continue;
    const text = (await readRegularFile(file, MAX_MANIFEST_BYTES)).toString('utf8');
    const labels = text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l !== '');
    return { labels, from: name };
  }
  for (const name of JSON_FILES) {
    const file = path.join(dir, name);
    if (!(await exists(file))) continue;
    let raw: unknown;
    try {
      raw = JSON.parse((await readRegularFile(file, MAX_MANIFEST_BYTES)).toString('utf8'));
    } catch (error) {
      if (error instanceof CoreError) throw error;
      throw initError('models.init.badLabels', { file: name, reason: (error as Error).message });
    }
    if (Array.isArray(raw) && raw.every((l) => typeof l === 'string')) {
      return { labels: raw as string[], from: name };
    }
    // Keras: {"closed": 0, "open": 1} maps each class folder to its output index.
    if (
      raw !== null &&
      typeof raw === 'object' &&
      Object.values(raw).every((v) => Number.isInteger(v))
    ) {
      const entries = Object.entries(raw as Record<string, number>).sort((a, b) => a[1] - b[1]);
      return { labels: entries.map(([label]) => label), from: name };
    }
    throw initError('models.init.badLabels', {
      file: name,
      reason: 'expected a list of names or {"name": index}',
    });
  }
  return null;
}

function imageInput(graph: OnnxGraph): { input: OnnxValueInfo; layout: 'NCHW' | 'NHWC' } {
  for (const input of graph.inputs) {
    const shape = input.shape;
    if (!shape || shape.length !== 4) continue;
    if (shape[1] === 3) return { input, layout: 'NCHW' };
    if (shape[3] === 3) return { input, layout: 'NHWC' };
  }
  const found = graph.inputs.map((i) => `"${i.name}" [${(i.shape ?? []).join(', ')}]`).join(', ');
  throw initError('models.init.noImageInput', { inputs: found || '(none)' });
}

function edge(dim: number | string | null | undefined): number | null {
  return typeof dim === 'number' && dim > 0 ? dim : null;
}

/** The classifier output: the one with a value per label (or one value for two labels). */
function classifierOutput(graph: OnnxGraph, labelCount: number): OnnxValueInfo {
  const perImage = (o: OnnxValueInfo) => {
    const last = o.shape?.[o.shape.length - 1];
    return typeof last === 'number' ? last : null;
  };
  return (
    graph.outputs.find((o) => perImage(o) === labelCount) ??
    graph.outputs.find((o) => labelCount === 2 && perImage(o) === 1) ??
    graph.outputs[0]!
  );
}

/** Builds and writes model.json from the graph; returns what it wrote and assumed. */
export async function initModel(options: InitModelOptions): Promise<InitModelResult> {
  const dir = path.resolve(options.dir);
  const manifestPath = path.join(dir, 'model.json');
  if (!options.force && (await exists(manifestPath))) {
    throw initError('models.init.exists', { file: manifestPath });
  }
  const graph = await readOnnxGraph(path.join(dir, 'model.onnx'));
  const found = options.labels?.length
    ? { labels: options.labels, from: 'labels' }
    : await readLabelFile(dir);
  if (!found) throw initError('models.init.noLabels', { dir });
  const notes: string[] = [];
  const { input, layout } = imageInput(graph);
  const shape = input.shape!;
  const [h, w] = layout === 'NCHW' ? [shape[2], shape[3]] : [shape[1], shape[2]];
  const height = edge(h) ?? DEFAULT_EDGE;
  const width = edge(w) ?? DEFAULT_EDGE;
  if (edge(h) === null || edge(w) === null)
    notes.push(`input size not fixed in the graph: ${DEFAULT_EDGE}x${DEFAULT_EDGE} assumed`);
  const output = classifierOutput(graph, found.labels.length);
  const kind = outputKindOf(finalNode(graph, output.name));
  const type = kind === 'unknown' ? 'logits' : kind;
  if (kind === 'unknown') {
    notes.push(`the graph's last node does not show probabilities or logits: "logits" assumed`);
  }
  // Keras/TF exports are NHWC and usually rescale /255 in the graph or expect 0..1; PyTorch
  // exports are NCHW with ImageNet normalization. The graph does not say which.
  const scaling =
    layout === 'NHWC'
      ? ({ kind: 'unit' } as const)
      : ({ kind: 'meanStd', mean: IMAGENET.mean, std: IMAGENET.std } as const);
  notes.push(
    layout === 'NHWC'
      ? 'scaling: pixels / 255 (the Keras convention) assumed'
      : 'scaling: ImageNet mean/std (the torchvision convention) assumed; Ultralytics models use {"kind": "unit"}',
  );
  const embedding = graph.outputs.find(
    (o) => o.name !== output.name && /embed|feature/i.test(o.name),
  );
  const id =
    path
      .basename(dir)
      .replace(/[^A-Za-z0-9._-]/g, '-')
      .replace(/^[^A-Za-z0-9]+/, '') || 'model';
  const raw = {
    schemaVersion: 2,
    id,
    version: '1.0.0',
    name: id,
    description: '',
    file: 'model.onnx',
    labels: found.labels,
    input: {
      name: input.name,
      layout,
      width,
      height,
      colorOrder: 'RGB',
      resize: 'stretch',
      scaling,
    },
    output: { name: output.name, type },
    ...(embedding ? { embedding: { name: embedding.name } } : {}),
  };
  // Validated as any hand-written manifest, so init never writes one add would refuse.
  const manifest: ModelManifest = parseManifest(raw, 'the generated model.json');
  await writeFile(manifestPath, `${JSON.stringify(raw, null, 2)}\n`);
  return {
    path: manifestPath,
    labelsFrom: found.from,
    notes,
    manifest: raw,
    outputType: manifest.output.type,
  };
}
