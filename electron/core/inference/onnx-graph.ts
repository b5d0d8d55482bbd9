/**
 * Reads what model.json must agree with from an ONNX file: the graph's nodes (op type,
 * inputs, outputs), its inputs and outputs with element type and shape. onnxruntime-node
 * does not expose the nodes, and the only question asked here is "which node ends the
 * graph", so this is a minimal protobuf reader for the few ModelProto fields involved
 * (field numbers from onnx/onnx.proto) rather than a dependency on a full ONNX library.
 * Everything else (weights included) is skipped by length without being decoded.
 */

/** One graph input or output: name, ONNX element type (1 = float) and shape. */
export interface OnnxValueInfo {
  name: string;
  /** TensorProto.DataType (1 float, 7 int64, ...), or null when the type is not a tensor. */
  elemType: number | null;
  /** One entry per axis: a fixed size, a symbolic name, or null when unknown. */
  shape: (number | string | null)[] | null;
}

/** One node of the main graph. */
export interface OnnxNode {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
}

/** The parts of an ONNX model Inspection Desk checks model.json against. */
export interface OnnxGraph {
  producerName: string;
  opsetVersion: number | null;
  nodes: OnnxNode[];
  /** Real inputs: graph inputs that are not initializers (old exporters list weights too). */
  inputs: OnnxValueInfo[];
  outputs: OnnxValueInfo[];
}

/** Thrown when the bytes are not a protobuf-encoded ONNX ModelProto. */
export class OnnxParseError extends Error {}

const WIRE_VARINT = 0;
const WIRE_FIXED64 = 1;
const WIRE_BYTES = 2;
const WIRE_FIXED32 = 5;

class Reader {
  pos: number;
  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  done(): boolean {
    return this.pos >= this.end;
  }

  /** A varint as a JS number (exact up to 2^53, which covers every size used here). */
  varint(): number {
    let result = 0;
    let factor = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw new OnnxParseError('truncated varint');
      const byte = this.buf[this.pos++]!;
      result += (byte & 0x7f) * factor;
      if ((byte & 0x80) === 0) return result;
      factor *= 128;
    }
    throw new OnnxParseError('varint longer than 10 bytes');
  }

  /** A signed int64 varint (negative numbers are 10-byte two's complement). */
  int64(): number {
    const value = this.varint();
    return value >= 2 ** 63 ? value - 2 ** 64 : value;
  }

  /** The bounds of a length-delimited field, advancing past it. */
  bytes(): { start: number; end: number } {
    const length = this.varint();
    const start = this.pos;
    const end = start + length;
    if (end > this.end) throw new OnnxParseError('field runs past the end of the file');
    this.pos = end;
    return { start, end };
  }

  string(): string {
    const { start, end } = this.bytes();
    return new TextDecoder('utf-8').decode(this.buf.subarray(start, end));
  }

  sub(): Reader {
    const { start, end } = this.bytes();
    return new Reader(this.buf, start, end);
  }

  /** The next field's number and wire type. */
  tag(): { field: number; wire: number } {
    const key = this.varint();
    return { field: Math.floor(key / 8), wire: key & 7 };
  }

  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varint();
        return;
      case WIRE_FIXED64:
        this.advance(8);
        return;
      case WIRE_BYTES:
        this.bytes();
        return;
      case WIRE_FIXED32:
        this.advance(4);
        return;
      default:
        throw new OnnxParseError(`unsupported protobuf wire type ${wire}`);
    }
  }

  private advance(n: number): void {
    if (this.pos + n > this.end) throw new OnnxParseError('truncated field');
    this.pos += n;
  }
}

/** Calls `onField` for each field; unknown fields are skipped. */
function eachField(reader: Reader, onField: (field: number, wire: number) => boolean): void {
  while (!reader.done()) {
    const { field, wire } = reader.tag();
    if (field === 0) throw new OnnxParseError('field number 0');
    if (!onField(field, wire)) reader.skip(wire);
  }
}

function readNode(reader: Reader): OnnxNode {
  const node: OnnxNode = { name: '', opType: '', domain: '', inputs: [], outputs: [] };
  eachField(reader, (field, wire) => {
    if (wire !== WIRE_BYTES) return false;
    if (field === 1) node.inputs.push(reader.string());
    else if (field === 2) node.outputs.push(reader.string());
    else if (field === 3) node.name = reader.string();
    else if (field === 4) node.opType = reader.string();
    else if (field === 7) node.domain = reader.string();
    else return false;
    return true;
  });
  return node;
}

function readDimension(reader: Reader): number | string | null {
  let dim: number | string | null = null;
  eachField(reader, (field, wire) => {
    if (field === 1 && wire === WIRE_VARINT) dim = reader.int64();
    else if (field === 2 && wire === WIRE_BYTES) dim = reader.string();
    else return false;
    return true;
  });
  return dim;
}

function readTensorType(reader: Reader, info: OnnxValueInfo): void {
  eachField(reader, (field, wire) => {
    if (field === 1 && wire === WIRE_VARINT) info.elemType = reader.varint();
    else if (field === 2 && wire === WIRE_BYTES) {
      const shape: (number | string | null)[] = [];
      const dims = reader.sub();
      eachField(dims, (f, w) => {
        if (f !== 1 || w !== WIRE_BYTES) return false;
        shape.push(readDimension(dims.sub()));
        return true;
      });
      info.shape = shape;
    } else return false;
    return true;
  });
}

function readValueInfo(reader: Reader): OnnxValueInfo {
  const info: OnnxValueInfo = { name: '', elemType: null, shape: null };
  eachField(reader, (field, wire) => {
    if (wire !== WIRE_BYTES) return false;
    if (field === 1) info.name = reader.string();
    else if (field === 2) {
      // TypeProto: field 1 is tensor_type; sequences and maps stay elemType null.
      const type = reader.sub();
      eachField(type, (f, w) => {
        if (f !== 1 || w !== WIRE_BYTES) return false;
        readTensorType(type.sub(), info);
        return true;
      });
    } else return false;
    return true;
  });
  return info;
}

/** The name of a TensorProto (field 8), skipping its data. */
function readInitializerName(reader: Reader): string {
  let name = '';
  eachField(reader, (field, wire) => {
    if (field !== 8 || wire !== WIRE_BYTES) return false;
    name = reader.string();
    return true;
  });
  return name;
}

/** Parses the main graph of an ONNX ModelProto. */
export function parseOnnxGraph(bytes: Uint8Array): OnnxGraph {
  const model = new Reader(bytes);
  let producerName = '';
  let opsetVersion: number | null = null;
  let graph: Reader | null = null;
  eachField(model, (field, wire) => {
    if (field === 2 && wire === WIRE_BYTES) producerName = model.string();
    else if (field === 7 && wire === WIRE_BYTES) graph = model.sub();
    else if (field === 8 && wire === WIRE_BYTES) {
      // OperatorSetIdProto: domain (1), version (2); the default domain is "" or "ai.onnx".
      const opset = model.sub();
      let domain = '';
      let version: number | null = null;
      eachField(opset, (f, w) => {
        if (f === 1 && w === WIRE_BYTES) domain = opset.string();
        else if (f === 2 && w === WIRE_VARINT) version = opset.varint();
        else return false;
        return true;
      });
      if (domain === '' || domain === 'ai.onnx') opsetVersion = version;
    } else return false;
    return true;
  });
  if (graph === null) throw new OnnxParseError('no graph (ModelProto field 7)');
  const reader: Reader = graph;
  const nodes: OnnxNode[] = [];
  const inputs: OnnxValueInfo[] = [];
  const outputs: OnnxValueInfo[] = [];
  const initializers = new Set<string>();
  eachField(reader, (field, wire) => {
    if (wire !== WIRE_BYTES) return false;
    if (field === 1) nodes.push(readNode(reader.sub()));
    else if (field === 5) initializers.add(readInitializerName(reader.sub()));
    else if (field === 11) inputs.push(readValueInfo(reader.sub()));
    else if (field === 12) outputs.push(readValueInfo(reader.sub()));
    else return false;
    return true;
  });
  if (outputs.length === 0) throw new OnnxParseError('the graph declares no outputs');
  return {
    producerName,
    opsetVersion,
    nodes,
    inputs: inputs.filter((i) => !initializers.has(i.name)),
    outputs,
  };
}

/**
 * Ops that pass values through without changing what they mean (shape, type, no-op), so
 * the node that "ends" an output is the first one before them that computes something.
 */
const PASS_THROUGH = new Set([
  'Identity',
  'Reshape',
  'Flatten',
  'Squeeze',
  'Unsqueeze',
  'Cast',
  'Dropout',
  'Transpose',
]);

/** The node that computes `outputName`, looking through pass-through ops; null if none. */
export function finalNode(graph: OnnxGraph, outputName: string): OnnxNode | null {
  const producers = new Map<string, OnnxNode>();
  for (const node of graph.nodes) for (const out of node.outputs) producers.set(out, node);
  let name = outputName;
  for (let steps = 0; steps < graph.nodes.length + 1; steps++) {
    const node = producers.get(name);
    if (!node) return null;
    if (!PASS_THROUGH.has(node.opType) || node.inputs.length === 0) return node;
    name = node.inputs[0]!;
  }
  return null;
}

/** What the values of an output are, judged from the node that ends it. */
export type OutputKind = 'probabilities' | 'logits' | 'unknown';

/** Ops whose result is a probability (0..1; softmax rows sum to 1). */
const PROBABILITY_OPS = new Set(['Sigmoid', 'Softmax', 'HardSigmoid']);
/**
 * Ops that end a classifier without squashing: a linear layer (Gemm, MatMul + Add, 1x1
 * Conv, pooled features) or LogSoftmax, whose log-probabilities softmax turns back into
 * the probabilities, so "logits" is right for them too.
 */
const LOGIT_OPS = new Set([
  'Gemm',
  'MatMul',
  'Add',
  'Sub',
  'Mul',
  'Conv',
  'BatchNormalization',
  'GlobalAveragePool',
  'ReduceMean',
  'ReduceSum',
  'Einsum',
  'LogSoftmax',
]);

export function outputKindOf(node: OnnxNode | null): OutputKind {
  if (!node) return 'unknown';
  if (PROBABILITY_OPS.has(node.opType)) return 'probabilities';
  if (LOGIT_OPS.has(node.opType)) return 'logits';
  return 'unknown';
}
