/**
 * Bench child: classification overhead. The app's path is `LoadedModel.classify` of the
 * active model, loaded through the core like the import loads it; the bare path is an
 * `ort.InferenceSession` with the same session options running pre-built input tensors
 * of the same images, in batches of the app's largest batch. Both see the same photos.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { createCore, type Core } from '../../electron/core/app.js';
import { decodePhoto, type RawImage } from '../../electron/core/imaging/decode.js';
import type { ModelManifest } from '../../electron/core/inference/manifest.js';
import {
  inputShape,
  inputSizePerImage,
  resizeForModel,
  writeInputTensor,
} from '../../electron/core/inference/preprocess.js';
import { MAX_BATCH } from '../../electron/core/inference/session.js';
import { getActiveModel, type LoadedModel } from '../../electron/core/models/registry.js';
import { serveRequests } from '../lib/child.js';

export type ClassifyVariant = 'bare' | 'app-from-model-size' | 'app-from-preview' | 'layout-only';

export type ClassifyProtocol = {
  prepare: [
    { modelDir: string; files: string[] },
    { images: number; batch: number; intraOpThreads: number; previewSize: string },
  ];
  /** One timed pass (repeated to at least `minMs`); returns ms per image. */
  round: [{ variant: ClassifyVariant; minMs: number }, { msPerImage: number; passes: number }];
};

interface State {
  core: Core;
  libraryDir: string;
  model: LoadedModel;
  previews: RawImage[];
  modelSized: RawImage[];
  session: ort.InferenceSession;
  feeds: Record<string, ort.Tensor>[];
  fetches: string[];
}

let state: State | null = null;

/** The app's session options (see electron/core/inference/session.ts). */
function appThreads(): number {
  return Math.max(1, Math.min(4, Math.ceil(os.availableParallelism() / 2)));
}

function batchesOf(images: RawImage[], manifest: ModelManifest): Record<string, ort.Tensor>[] {
  const per = inputSizePerImage(manifest.input);
  const feeds: Record<string, ort.Tensor>[] = [];
  for (let start = 0; start < images.length; start += MAX_BATCH) {
    const chunk = images.slice(start, start + MAX_BATCH);
    const data = new Float32Array(per * chunk.length);
    chunk.forEach((image, i) => writeInputTensor(image.data, manifest.input, data, i * per));
    feeds.push({
      [manifest.input.name]: new ort.Tensor(
        'float32',
        data,
        inputShape(manifest.input, chunk.length),
      ),
    });
  }
  return feeds;
}

async function pass(s: State, variant: ClassifyVariant): Promise<void> {
  if (variant === 'bare') {
    for (const feed of s.feeds) await s.session.run(feed, s.fetches);
  } else if (variant === 'layout-only') {
    // The app's tensor layout alone (writeInputTensor), the part of its path a bare
    // loop never runs: shows how much of the overhead is JavaScript on the main thread.
    const { input } = s.model.manifest;
    const per = inputSizePerImage(input);
    const target = new Float32Array(per);
    for (const image of s.modelSized) writeInputTensor(image.data, input, target, 0);
  } else {
    await s.model.classify(variant === 'app-from-preview' ? s.previews : s.modelSized);
  }
}

serveRequests<ClassifyProtocol>(
  {
    async prepare({ modelDir, files }) {
      const libraryDir = mkdtempSync(path.join(os.tmpdir(), 'bench-classify-'));
      const core = await createCore({ libraryDir, defaultModelDirs: [modelDir] });
      const model = await getActiveModel(core.context);
      if (!model) throw new Error(`the model in ${modelDir} could not be activated`);
      const { manifest } = model;
      const previews: RawImage[] = [];
      for (const file of files) {
        previews.push((await decodePhoto(await fs.readFile(file), path.basename(file))).preview);
      }
      const modelSized: RawImage[] = [];
      for (const preview of previews) {
        const data = await resizeForModel(preview, manifest.input);
        modelSized.push({
          data,
          width: manifest.input.width,
          height: manifest.input.height,
          channels: 3,
        });
      }
      const session = await ort.InferenceSession.create(path.join(modelDir, manifest.file), {
        intraOpNumThreads: appThreads(),
        interOpNumThreads: 1,
        executionMode: 'sequential',
        graphOptimizationLevel: 'all',
      });
      state = {
        core,
        libraryDir,
        model,
        previews,
        modelSized,
        session,
        feeds: batchesOf(modelSized, manifest),
        fetches: [manifest.output.name, ...(manifest.embedding ? [manifest.embedding.name] : [])],
      };
      // Warm both paths once: first runs allocate arenas and JIT the JavaScript.
      for (const variant of ['bare', 'app-from-model-size', 'app-from-preview'] as const) {
        await pass(state, variant);
      }
      return {
        images: previews.length,
        batch: MAX_BATCH,
        intraOpThreads: appThreads(),
        previewSize: `${previews[0]?.width}x${previews[0]?.height}`,
      };
    },
    async round({ variant, minMs }) {
      if (!state) throw new Error('prepare first');
      const started = performance.now();
      let passes = 0;
      do {
        await pass(state, variant);
        passes++;
      } while (performance.now() - started < minMs);
      const ms = performance.now() - started;
      return { msPerImage: ms / (passes * state.previews.length), passes };
    },
  },
  async () => {
    if (!state) return;
    await state.session.release();
    await state.core.close();
    rmSync(state.libraryDir, { recursive: true, force: true });
  },
);
