/**
 * Bench child: model session creation, cold (the first in a fresh process: reads the
 * file, optimizes the graph, allocates) and warm, through the app's own
 * `openModelSession` (which validates the graph against model.json and probes it).
 */
import path from 'node:path';
import { readManifest } from '../../electron/core/inference/manifest.js';
import { openModelSession } from '../../electron/core/inference/session.js';
import { serveRequests } from '../lib/child.js';

export type SessionProtocol = {
  open: [{ modelDir: string; repeats: number }, { firstMs: number; laterMs: number[] }];
};

serveRequests<SessionProtocol>({
  async open({ modelDir, repeats }) {
    const manifest = await readManifest(path.join(modelDir, 'model.json'));
    const onnx = path.join(modelDir, manifest.file);
    const times: number[] = [];
    for (let i = 0; i < repeats + 1; i++) {
      const started = performance.now();
      const session = await openModelSession(onnx, manifest);
      times.push(performance.now() - started);
      await session.release();
    }
    return { firstMs: times[0]!, laterMs: times.slice(1) };
  },
});
