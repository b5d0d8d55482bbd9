/**
 * Messages between the core and its inference thread (`ort-worker.ts`). One thread holds
 * one onnxruntime session; requests carry an id and get exactly one reply.
 */

/** What the core needs to know of an input or output, as onnxruntime describes it. */
export interface ValueDescription {
  name: string;
  isTensor: boolean;
  /** Element type, e.g. 'float32' (tensors only). */
  type?: string;
  /** Dimensions; strings are symbolic (dynamic) axes (tensors only). */
  shape?: (number | string)[];
}

export interface SessionDescription {
  inputNames: string[];
  outputNames: string[];
  inputMetadata: ValueDescription[];
}

/** An output tensor; `data` is null when it is not float32 (the core refuses those). */
export interface OutputTensor {
  type: string;
  dims: number[];
  data: Float32Array | null;
}

export interface OpenRequest {
  onnxPath: string;
  intraOpNumThreads: number;
}

export interface RunRequest {
  inputName: string;
  /** Transferred to the thread, so it is unusable by the caller afterwards. */
  data: Float32Array;
  dims: number[];
  fetches: string[];
}

/** Request kind -> [arguments, result]. */
export interface OrtWorkerMethods {
  open: [OpenRequest, SessionDescription];
  run: [RunRequest, Record<string, OutputTensor>];
  release: [Record<string, never>, null];
}

export type OrtWorkerKind = keyof OrtWorkerMethods;

export type OrtWorkerRequest = {
  [K in OrtWorkerKind]: { id: number; kind: K; args: OrtWorkerMethods[K][0] };
}[OrtWorkerKind];

export type OrtWorkerReply =
  { id: number; ok: true; result: unknown } | { id: number; ok: false; message: string };
