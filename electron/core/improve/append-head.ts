/**
 * Writes an improved model as one standalone ONNX file: the base graph up to its
 * embedding output, with a new classification head appended (Gemm + Softmax), the base
 * model's own head removed, and the embedding kept as an output (so the improved model
 * can be improved again). Opens in Netron and in any onnxruntime.
 *
 * The ONNX file is edited at the protobuf level: every field of the base model this
 * code does not touch (opsets, weights, metadata, doc strings) is copied byte for byte.
 */
import {
  bytesField,
  concat,
  fieldText,
  messageField,
  readFields,
  varintField,
  type RawField,
} from './protobuf.js';

// ONNX field numbers (onnx.proto3).
const MODEL = { graph: 7, metadataProps: 14 } as const;
const GRAPH = { node: 1, initializer: 5, output: 12, valueInfo: 13 } as const;
const NODE = { input: 1, output: 2, name: 3, opType: 4, attribute: 5 } as const;
const ATTRIBUTE = { name: 1, f: 2, i: 3, g: 6, graphs: 11, type: 20 } as const;
const ATTRIBUTE_TYPE_INT = 2;
const TENSOR = { dims: 1, dataType: 2, name: 8, rawData: 9 } as const;
const TENSOR_FLOAT = 1;
const VALUE_INFO = { name: 1, type: 2 } as const;
const ENTRY = { key: 1, value: 2 } as const;

/** Prefix of every node and tensor the head adds; a re-improved model drops the old ones. */
export const HEAD_PREFIX = 'inspection_desk_head/';
/** Name of the improved model's probabilities output. */
export const HEAD_OUTPUT = 'improved_probabilities';
const METADATA_PREFIX = 'inspection_desk.';

/** A linear head: logits = W x + b over the embedding; W is labels x dim, row-major. */
export interface LinearHead {
  weights: Float32Array;
  bias: Float32Array;
  labels: readonly string[];
  dim: number;
}

export interface AppendHeadOptions {
  /** The base graph's embedding output (the head's input). */
  embeddingName: string;
  /** Outputs of the base graph to drop (its own probabilities / logits). */
  dropOutputs: readonly string[];
  head: LinearHead;
  /** Written as model metadata (`inspection_desk.<key>`), e.g. the parent model id. */
  metadata: Record<string, string>;
}

function tensorProto(name: string, dims: readonly number[], values: Float32Array): Uint8Array {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => view.setFloat32(i * 4, v, true));
  return concat([
    ...dims.map((d) => varintField(TENSOR.dims, d)),
    varintField(TENSOR.dataType, TENSOR_FLOAT),
    bytesField(TENSOR.name, name),
    bytesField(TENSOR.rawData, raw),
  ]);
}

function intAttribute(name: string, value: number): Uint8Array {
  return messageField(NODE.attribute, [
    bytesField(ATTRIBUTE.name, name),
    varintField(ATTRIBUTE.i, value),
    varintField(ATTRIBUTE.type, ATTRIBUTE_TYPE_INT),
  ]);
}

function nodeProto(
  opType: string,
  name: string,
  inputs: readonly string[],
  outputs: readonly string[],
  attributes: readonly Uint8Array[] = [],
): Uint8Array {
  return concat([
    ...inputs.map((i) => bytesField(NODE.input, i)),
    ...outputs.map((o) => bytesField(NODE.output, o)),
    bytesField(NODE.name, name),
    bytesField(NODE.opType, opType),
    ...attributes,
  ]);
}

/** A float tensor output of shape [batch, size]. */
function outputValueInfo(name: string, size: number): Uint8Array {
  const dimBatch = bytesField(1, bytesField(2, 'batch'));
  const dimSize = bytesField(1, varintField(1, size));
  const shape = bytesField(2, concat([dimBatch, dimSize]));
  const tensorType = bytesField(1, concat([varintField(1, TENSOR_FLOAT), shape]));
  return concat([bytesField(VALUE_INFO.name, name), bytesField(VALUE_INFO.type, tensorType)]);
}

interface ParsedNode {
  field: RawField;
  name: string;
  inputs: string[];
  outputs: string[];
  /** Has a subgraph (If/Loop/Scan): its outer-scope inputs cannot be traced here. */
  hasSubgraph: boolean;
}

function parseNode(field: RawField): ParsedNode {
  const parts = readFields(field.payload!);
  const hasSubgraph = parts
    .filter((p) => p.field === NODE.attribute)
    .some((a) =>
      readFields(a.payload!).some((f) => f.field === ATTRIBUTE.g || f.field === ATTRIBUTE.graphs),
    );
  return {
    field,
    name: fieldText(parts.find((p) => p.field === NODE.name) ?? field),
    inputs: parts.filter((p) => p.field === NODE.input).map(fieldText),
    outputs: parts.filter((p) => p.field === NODE.output).map(fieldText),
    hasSubgraph,
  };
}

function nameOf(message: RawField, nameField: number): string {
  const part = readFields(message.payload!).find((p) => p.field === nameField);
  return part ? fieldText(part) : '';
}

/**
 * Nodes the kept outputs need, walking back from them; every node when a subgraph makes
 * the walk unsafe. Dropping the base head's nodes keeps the file the graph it claims.
 */
function neededNodes(nodes: ParsedNode[], outputs: readonly string[]): Set<ParsedNode> {
  if (nodes.some((n) => n.hasSubgraph)) return new Set(nodes);
  const producer = new Map<string, ParsedNode>();
  for (const node of nodes) for (const o of node.outputs) producer.set(o, node);
  const needed = new Set<ParsedNode>();
  const stack = [...outputs];
  while (stack.length > 0) {
    const node = producer.get(stack.pop()!);
    if (!node || needed.has(node)) continue;
    needed.add(node);
    stack.push(...node.inputs.filter((i) => i !== ''));
  }
  return needed;
}

/** The base model's bytes with the head appended; throws when the graph does not fit. */
export function appendHead(base: Uint8Array, options: AppendHeadOptions): Uint8Array {
  const { head, embeddingName } = options;
  if (
    head.weights.length !== head.labels.length * head.dim ||
    head.bias.length !== head.labels.length
  ) {
    throw new Error('the head weights do not match its labels and embedding size');
  }
  const modelFields = readFields(base);
  const graphField = modelFields.find((f) => f.field === MODEL.graph);
  if (!graphField?.payload) throw new Error('model.onnx has no graph');
  const graphFields = readFields(graphField.payload);

  const outputs = graphFields.filter((f) => f.field === GRAPH.output);
  const outputNames = outputs.map((f) => nameOf(f, VALUE_INFO.name));
  if (!outputNames.includes(embeddingName)) {
    throw new Error(
      `model.onnx has no output "${embeddingName}" (outputs: ${outputNames.join(', ')})`,
    );
  }
  const kept = outputs.filter((f, i) => {
    const name = outputNames[i]!;
    return (
      !options.dropOutputs.includes(name) && !name.startsWith(HEAD_PREFIX) && name !== HEAD_OUTPUT
    );
  });
  const keptNames = kept.map((f) => nameOf(f, VALUE_INFO.name));

  const nodes = graphFields.filter((f) => f.field === GRAPH.node).map(parseNode);
  const needed = neededNodes(nodes, keptNames);
  const usedInputs = new Set([...needed].flatMap((n) => n.inputs));

  const W = `${HEAD_PREFIX}weights`;
  const B = `${HEAD_PREFIX}bias`;
  const logits = `${HEAD_PREFIX}logits`;
  const newNodes = [
    nodeProto(
      'Gemm',
      `${HEAD_PREFIX}gemm`,
      [embeddingName, W, B],
      [logits],
      [intAttribute('transB', 1)],
    ),
    nodeProto(
      'Softmax',
      `${HEAD_PREFIX}softmax`,
      [logits],
      [HEAD_OUTPUT],
      [intAttribute('axis', 1)],
    ),
  ];
  const newInitializers = [
    tensorProto(W, [head.labels.length, head.dim], head.weights),
    tensorProto(B, [head.labels.length], head.bias),
  ];

  const graphParts: Uint8Array[] = [];
  let nodesWritten = false;
  for (const f of graphFields) {
    if (f.field === GRAPH.node) {
      const node = nodes.find((n) => n.field === f)!;
      if (needed.has(node)) graphParts.push(f.raw);
      if (!nodesWritten && f === graphFields.filter((g) => g.field === GRAPH.node).at(-1)) {
        // The head's nodes follow the base graph's, in topological order.
        graphParts.push(...newNodes.map((n) => bytesField(GRAPH.node, n)));
        nodesWritten = true;
      }
    } else if (f.field === GRAPH.initializer) {
      if (usedInputs.has(nameOf(f, TENSOR.name))) graphParts.push(f.raw);
    } else if (f.field === GRAPH.output) {
      if (kept.includes(f)) graphParts.push(f.raw);
    } else if (f.field === GRAPH.valueInfo) {
      if (!nameOf(f, VALUE_INFO.name).startsWith(HEAD_PREFIX)) graphParts.push(f.raw);
    } else {
      graphParts.push(f.raw);
    }
  }
  graphParts.push(...newInitializers.map((t) => bytesField(GRAPH.initializer, t)));
  graphParts.push(bytesField(GRAPH.output, outputValueInfo(HEAD_OUTPUT, head.labels.length)));

  const metadata = Object.entries(options.metadata).map(([key, value]) =>
    messageField(MODEL.metadataProps, [
      bytesField(ENTRY.key, METADATA_PREFIX + key),
      bytesField(ENTRY.value, value),
    ]),
  );
  const modelParts: Uint8Array[] = [];
  for (const f of modelFields) {
    if (f.field === MODEL.graph) modelParts.push(messageField(MODEL.graph, graphParts));
    else if (f.field === MODEL.metadataProps && nameOf(f, ENTRY.key).startsWith(METADATA_PREFIX)) {
      continue; // Replaced by this head's own metadata (a re-improved model).
    } else modelParts.push(f.raw);
  }
  modelParts.push(...metadata);
  return concat(modelParts);
}
