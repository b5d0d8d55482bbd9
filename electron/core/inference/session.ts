/**
 * An onnxruntime session checked against its manifest, so a wrong model.json is refused
 * when the model is added, naming the field, instead of producing nonsense labels.
 *
 * The session lives on its own thread (ort-thread.ts): onnxruntime-node's `run` computes
 * synchronously on the calling thread, so on the core's thread every batch froze the
 * server's answers and the import's pipeline. `classify` overlaps the two threads: the
 * next batch's tensor is laid out here while the inference thread runs the current one.
 */
import os from 'node:os';
import type { RawImage } from '../imaging/decode.js';
import { CoreError } from '../errors.js';
import type { CoreMessage } from '../../shared/core-messages/index.js';
import type { ModelManifest } from './manifest.js';
import { startOrtThread, type OrtThread } from './ort-thread.js';
import type { SessionDescription, ValueDescription } from './ort-worker-protocol.js';
import { toModelOutput, type ModelOutput } from './postprocess.js';
import { buildInputBatch, inputShape, inputSizePerImage } from './preprocess.js';

/**
 * Images per run for models with a dynamic batch axis. Batching gains little beyond a
 * few images for a MobileNet-class model, and a small batch keeps the import's
 * predictions (and its memory of waiting previews) flowing.
 */
export const MAX_BATCH = 8;

/** Batches sent to the inference thread ahead of their answers (see `classify`). */
const RUNS_QUEUED = 2;

/** A loaded model checked against its manifest, ready to classify previews. */
export interface ModelSession {
  readonly manifest: ModelManifest;
  /** Whether the model's batch axis is dynamic (else it takes `batchSize` images per run). */
  readonly dynamicBatch: boolean;
  /** Values per image of the embedding output, when declared. */
  readonly embeddingSize: number | null;
  /** Classifies previews, batched when the batch axis is dynamic, one run at a time. */
  classify(images: readonly RawImage[]): Promise<ModelOutput[]>;
  release(): Promise<void>;
}

/** Tuning of a session; defaults suit a laptop shared with sharp's decoding. */
export interface SessionOptions {
  /** Threads inside one operator; defaults to half the cores (sharp decodes on the rest). */
  intraOpNumThreads?: number;
}

function defaultThreads(): number {
  return Math.max(1, Math.min(4, Math.ceil(os.availableParallelism() / 2)));
}

/** model.onnx disagrees with model.json: `problem` says where, in the user's language. */
function mismatch(problem: CoreMessage, details?: unknown): CoreError {
  return new CoreError(
    'MODEL_MISMATCH',
    { key: 'models.session.fix', values: { problem } },
    details,
  );
}

function quoteAll(names: readonly string[]): string {
  return names.map((n) => `"${n}"`).join(', ');
}

function isStatic(dim: number | string | undefined): dim is number {
  return typeof dim === 'number' && dim > 0;
}

function tensorMetadata(
  list: readonly ValueDescription[],
  name: string,
): (ValueDescription & { type: string; shape: (number | string)[] }) | null {
  const meta = list.find((m) => m.name === name);
  return meta && meta.isTensor && meta.type !== undefined && meta.shape !== undefined
    ? { ...meta, type: meta.type, shape: meta.shape }
    : null;
}

/** Checks input name, type and shape; returns the fixed batch size, or null when dynamic. */
function checkInput(session: SessionDescription, manifest: ModelManifest): number | null {
  const input = manifest.input;
  if (!session.inputNames.includes(input.name)) {
    throw mismatch(
      {
        key: 'models.session.inputName',
        values: { name: input.name, inputs: quoteAll(session.inputNames) },
      },
      { field: 'input.name' },
    );
  }
  const extra = session.inputNames.filter((n) => n !== input.name);
  if (extra.length > 0) {
    throw mismatch(
      { key: 'models.session.extraInputs', values: { extra: quoteAll(extra), name: input.name } },
      { field: 'input.name' },
    );
  }
  const meta = tensorMetadata(session.inputMetadata, input.name);
  if (!meta) return null; // Metadata unavailable: the probe run below still checks it.
  if (meta.type !== 'float32') {
    throw mismatch(
      { key: 'models.session.inputType', values: { name: input.name, type: meta.type } },
      { field: 'input.name' },
    );
  }
  const dims = meta.shape;
  if (dims.length === 0) return null;
  if (dims.length !== 4) {
    throw mismatch(
      {
        key: 'models.session.inputRank',
        values: { name: input.name, rank: dims.length, dims: dims.join(', ') },
      },
      { field: 'input.layout' },
    );
  }
  const [n, c, h, w] = input.layout === 'NCHW' ? dims : [dims[0], dims[3], dims[1], dims[2]];
  if (isStatic(c) && c !== 3) {
    const other = input.layout === 'NCHW' ? dims[3] : dims[1];
    if (other === 3) {
      throw mismatch(
        {
          key: 'models.session.layout',
          values: {
            layout: input.layout,
            expected: input.layout === 'NCHW' ? 'NHWC' : 'NCHW',
            dims: dims.join(', '),
          },
        },
        { field: 'input.layout' },
      );
    }
    throw mismatch(
      { key: 'models.session.channels', values: { name: input.name, channels: c } },
      { field: 'input.layout' },
    );
  }
  if (isStatic(w) && w !== input.width) {
    throw mismatch(
      { key: 'models.session.width', values: { declared: String(input.width), actual: String(w) } },
      { field: 'input.width' },
    );
  }
  if (isStatic(h) && h !== input.height) {
    throw mismatch(
      {
        key: 'models.session.height',
        values: { declared: String(input.height), actual: String(h) },
      },
      { field: 'input.height' },
    );
  }
  return isStatic(n) ? n : null;
}

function checkOutputNames(session: SessionDescription, manifest: ModelManifest): void {
  const wanted: [string, string][] = [['output.name', manifest.output.name]];
  if (manifest.embedding) wanted.push(['embedding.name', manifest.embedding.name]);
  for (const [field, name] of wanted) {
    if (!session.outputNames.includes(name)) {
      throw mismatch(
        {
          key: 'models.session.outputName',
          values: { field, name, outputs: quoteAll(session.outputNames) },
        },
        { field },
      );
    }
  }
}

/** Values per image the output must have: one per label, or one (P(labels[1])) for two labels. */
function expectedOutputSizes(manifest: ModelManifest): number[] {
  const n = manifest.labels.length;
  // Format 1's "sigmoid" meant one logit of labels[1], never one per label.
  if (manifest.v1Activation === 'sigmoid') return [1];
  return n === 2 ? [2, 1] : [n];
}

/** Opens model.onnx on a new inference thread; throws MODEL_INVALID when onnxruntime cannot load it. */
async function createSession(
  onnxPath: string,
  options: SessionOptions,
): Promise<{ thread: OrtThread; description: SessionDescription }> {
  let thread: OrtThread;
  try {
    thread = startOrtThread();
  } catch (error) {
    throw new CoreError(
      'INTERNAL',
      { key: 'models.session.threadFailed', values: { reason: (error as Error).message } },
      undefined,
      { cause: error },
    );
  }
  try {
    const description = await thread.call('open', {
      onnxPath,
      intraOpNumThreads: options.intraOpNumThreads ?? defaultThreads(),
    });
    return { thread, description };
  } catch (error) {
    await thread.close();
    const reason = (error instanceof Error ? error.message : String(error)).trim();
    throw new CoreError(
      'MODEL_INVALID',
      { key: 'models.session.cannotLoad', values: { reason } },
      { file: onnxPath, reason },
      { cause: error },
    );
  }
}

/** Opens and validates a session; throws MODEL_INVALID or MODEL_MISMATCH naming the field. */
export async function openModelSession(
  onnxPath: string,
  manifest: ModelManifest,
  options: SessionOptions = {},
): Promise<ModelSession> {
  const { thread, description } = await createSession(onnxPath, options);
  try {
    const fixedBatch = checkInput(description, manifest);
    checkOutputNames(description, manifest);
    const runner = new SessionRunner(thread, manifest, fixedBatch);
    await runner.probe();
    return runner;
  } catch (error) {
    await thread.close();
    throw error;
  }
}

interface RawOutputs {
  output: Float32Array;
  embedding: Float32Array | null;
}

class SessionRunner implements ModelSession {
  readonly dynamicBatch: boolean;
  embeddingSize: number | null = null;
  private outputSize = 0;
  /** Images per run: fixed by the model, else MAX_BATCH. */
  private readonly batchSize: number;
  private readonly fetches: string[];

  constructor(
    private readonly thread: OrtThread,
    readonly manifest: ModelManifest,
    private readonly fixedBatch: number | null,
  ) {
    this.dynamicBatch = fixedBatch === null;
    this.batchSize = fixedBatch ?? MAX_BATCH;
    this.fetches = [manifest.output.name, ...(manifest.embedding ? [manifest.embedding.name] : [])];
  }

  /** One run on a blank image: checks the output sizes the metadata may leave open. */
  async probe(): Promise<void> {
    const batch = this.fixedBatch ?? 1;
    const data = new Float32Array(inputSizePerImage(this.manifest.input) * batch);
    let outputs: RawOutputs;
    try {
      outputs = await this.runRaw(data, batch);
    } catch (error) {
      if (error instanceof CoreError) throw error;
      const { width, height, layout } = this.manifest.input;
      throw mismatch(
        {
          key: 'models.session.runFails',
          values: {
            layout,
            width: String(width),
            height: String(height),
            reason: (error as Error).message.trim(),
          },
        },
        { field: 'input' },
      );
    }
    const perImage = outputs.output.length / batch;
    const expected = expectedOutputSizes(this.manifest);
    if (!expected.includes(perImage)) {
      const { name } = this.manifest.output;
      if (this.manifest.v1Activation === 'sigmoid') {
        throw mismatch(
          {
            key: 'models.session.sigmoidSize',
            values: { name, perImage, fix: JSON.stringify({ name, type: 'logits' }) },
          },
          { field: 'output.activation' },
        );
      }
      throw mismatch(
        {
          key: 'models.session.outputSize',
          values: {
            count: this.manifest.labels.length,
            labels: JSON.stringify(this.manifest.labels),
            name,
            perImage,
          },
        },
        { field: 'labels' },
      );
    }
    this.outputSize = perImage;
    this.embeddingSize = outputs.embedding ? outputs.embedding.length / batch : null;
  }

  /** Runs one batch on the inference thread; `data` is handed over (unusable afterwards). */
  private async runRaw(data: Float32Array, batch: number): Promise<RawOutputs> {
    const result = await this.thread.call(
      'run',
      {
        inputName: this.manifest.input.name,
        data,
        dims: inputShape(this.manifest.input, batch),
        fetches: this.fetches,
      },
      data.buffer instanceof ArrayBuffer ? [data.buffer] : [],
    );
    const read = (name: string): Float32Array => {
      const tensor = result[name];
      if (!tensor || !tensor.data) {
        throw mismatch(
          { key: 'models.session.outputNotFloat', values: { name, type: tensor?.type ?? '—' } },
          {
            field: name === this.manifest.output.name ? 'output.name' : 'embedding.name',
          },
        );
      }
      return tensor.data;
    };
    return {
      output: read(this.manifest.output.name),
      embedding: this.manifest.embedding ? read(this.manifest.embedding.name) : null,
    };
  }

  /** One batch's input tensor data: resized and laid out, padded to a fixed batch. */
  private async prepare(chunk: readonly RawImage[]): Promise<Float32Array> {
    const data = await buildInputBatch(chunk, this.manifest.input);
    const wanted = inputSizePerImage(this.manifest.input) * (this.fixedBatch ?? chunk.length);
    // A fixed batch larger than what is left is padded with blank images.
    return data.length === wanted ? data : padTo(data, wanted);
  }

  async classify(images: readonly RawImage[]): Promise<ModelOutput[]> {
    const chunks: RawImage[][] = [];
    for (let start = 0; start < images.length; start += this.batchSize) {
      chunks.push(images.slice(start, start + this.batchSize));
    }
    const results: ModelOutput[] = [];
    // Up to RUNS_QUEUED batches wait on the inference thread, so it goes from one run
    // straight to the next while this thread reads the last outputs and lays out the
    // following tensor (waiting for each answer before sending left it idle each time).
    const queued: { chunk: RawImage[]; outputs: Promise<RawOutputs> }[] = [];
    for (const chunk of chunks) {
      const outputs = this.runRaw(await this.prepare(chunk), this.fixedBatch ?? chunk.length);
      // Awaited below, in order; if an earlier batch fails first, this one's failure
      // must not surface as an unhandled rejection.
      outputs.catch(() => undefined);
      queued.push({ chunk, outputs });
      if (queued.length >= RUNS_QUEUED) {
        const oldest = queued.shift()!;
        this.collect(oldest.chunk, await oldest.outputs, results);
      }
    }
    for (const { chunk, outputs } of queued) this.collect(chunk, await outputs, results);
    return results;
  }

  /** Appends one batch's per-image outputs to `results`. */
  private collect(chunk: readonly RawImage[], outputs: RawOutputs, results: ModelOutput[]): void {
    for (let i = 0; i < chunk.length; i++) {
      const values = outputs.output.subarray(i * this.outputSize, (i + 1) * this.outputSize);
      const embedding =
        outputs.embedding && this.embeddingSize
          ? outputs.embedding.slice(i * this.embeddingSize, (i + 1) * this.embeddingSize)
          : null;
      results.push(toModelOutput(values, this.manifest, embedding));
    }
  }

  async release(): Promise<void> {
    await this.thread.close();
  }
}

function padTo(data: Float32Array, length: number): Float32Array {
  const padded = new Float32Array(length);
  padded.set(data);
  return padded;
}
