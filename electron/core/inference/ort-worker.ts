/**
 * The inference thread: owns one onnxruntime session and runs it off the core's event
 * loop. onnxruntime-node's `session.run` computes synchronously on the calling thread,
 * so on the main thread every batch froze the UI's server and the import's pipeline
 * for its whole duration; here it only occupies this thread.
 *
 * Started by `ort-thread.ts`; bundled to dist-electron/ort-worker.cjs for the desktop app.
 */
import { parentPort } from 'node:worker_threads';
import ort from 'onnxruntime-node';
import type {
  OrtWorkerMethods,
  OrtWorkerReply,
  OrtWorkerRequest,
  OutputTensor,
  SessionDescription,
  ValueDescription,
} from './ort-worker-protocol.js';

let session: ort.InferenceSession | null = null;

function describeValue(meta: ort.InferenceSession.ValueMetadata): ValueDescription {
  if (!meta.isTensor) return { name: meta.name, isTensor: false };
  return { name: meta.name, isTensor: true, type: meta.type, shape: [...meta.shape] };
}

async function open({ onnxPath, intraOpNumThreads }: OrtWorkerMethods['open'][0]) {
  if (session) throw new Error('this inference thread already holds a session');
  session = await ort.InferenceSession.create(onnxPath, {
    intraOpNumThreads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const description: SessionDescription = {
    inputNames: [...session.inputNames],
    outputNames: [...session.outputNames],
    inputMetadata: session.inputMetadata.map(describeValue),
  };
  return description;
}

async function run({ inputName, data, dims, fetches }: OrtWorkerMethods['run'][0]) {
  if (!session) throw new Error('no session is open in this inference thread');
  const result = await session.run({ [inputName]: new ort.Tensor('float32', data, dims) }, fetches);
  const outputs: Record<string, OutputTensor> = {};
  for (const name of fetches) {
    const tensor = result[name];
    if (!tensor) continue;
    outputs[name] = {
      type: tensor.type,
      dims: [...tensor.dims],
      data: tensor.data instanceof Float32Array ? tensor.data : null,
    };
  }
  return outputs;
}

async function release(): Promise<null> {
  await session?.release();
  session = null;
  return null;
}

async function handle(request: OrtWorkerRequest): Promise<unknown> {
  switch (request.kind) {
    case 'open':
      return open(request.args);
    case 'run':
      return run(request.args);
    case 'release':
      return release();
  }
}

/** Output buffers go back without a copy. */
function transferables(result: unknown): ArrayBuffer[] {
  if (!result || typeof result !== 'object') return [];
  const buffers = new Set<ArrayBuffer>();
  for (const value of Object.values(result as Record<string, unknown>)) {
    const data = (value as Partial<OutputTensor> | null)?.data;
    if (data instanceof Float32Array && data.buffer instanceof ArrayBuffer)
      buffers.add(data.buffer);
  }
  return [...buffers];
}

const port = parentPort;
if (!port) throw new Error('ort-worker.ts runs as a worker thread (see ort-thread.ts)');
// One request at a time, in arrival order: the core queues the next batch before the
// current one answers, and two runs at once would only fight over the same cores.
let previous: Promise<unknown> = Promise.resolve();
port.on('message', (request: OrtWorkerRequest) => {
  const current = previous.then(() => handle(request));
  previous = current.catch(() => undefined);
  current.then(
    (result) => {
      const reply: OrtWorkerReply = { id: request.id, ok: true, result };
      port.postMessage(reply, transferables(result));
    },
    (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      const reply: OrtWorkerReply = { id: request.id, ok: false, message };
      port.postMessage(reply);
    },
  );
});
