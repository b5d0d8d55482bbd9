/**
 * Bench child: the import's floor. The slowest unavoidable stage alone, over the same
 * files with the same number in flight as the import: read the file, decode it once
 * with the app's own `decodePhoto` (EXIF, shrink-on-load preview, WebP thumbnail), and
 * derive the model input with the app's own `resizeForModel`. Nothing is written,
 * hashed, inserted or classified.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { decodePhoto } from '../../electron/core/imaging/decode.js';
import type { ModelManifest } from '../../electron/core/inference/manifest.js';
import { resizeForModel } from '../../electron/core/inference/preprocess.js';
import { serveRequests } from '../lib/child.js';

export type FloorProtocol = {
  run: [
    { files: string[]; concurrency: number; input: ModelManifest['input'] },
    { ms: number; decoded: number },
  ];
};

serveRequests<FloorProtocol>({
  async run({ files, concurrency, input }) {
    const started = performance.now();
    let next = 0;
    let decoded = 0;
    // The model input is derived beside the next decodes, as the import's classification
    // queue does: it does not hold a file slot.
    const modelInputs: Promise<Buffer>[] = [];
    async function worker(): Promise<void> {
      while (next < files.length) {
        const file = files[next++]!;
        const bytes = await fs.readFile(file);
        const photo = await decodePhoto(bytes, path.basename(file));
        modelInputs.push(resizeForModel(photo.preview, input));
        decoded++;
      }
    }
    await Promise.all(Array.from({ length: concurrency }, () => worker()));
    await Promise.all(modelInputs);
    return { ms: performance.now() - started, decoded };
  },
});
