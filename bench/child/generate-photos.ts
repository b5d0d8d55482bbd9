/**
 * Bench child: renders camera-like JPEGs into the photo pool (one process per core, so
 * the JavaScript parts of two photos run in parallel too). Each file is written to a
 * temp name and renamed, so an interrupted generation never leaves a half photo.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { serveRequests } from '../lib/child.js';
import { renderPhoto } from '../workload/scene.js';

export type GenerateProtocol = {
  generate: [
    { files: { index: number; path: string }[]; width: number; height: number; startIso: string },
    { bytes: number[] },
  ];
};

serveRequests<GenerateProtocol>({
  async generate({ files, width, height, startIso }) {
    const bytes: number[] = [];
    for (const file of files) {
      const photo = await renderPhoto(file.index, width, height, new Date(startIso));
      const tmp = `${file.path}.part`;
      writeFileSync(tmp, photo.jpeg);
      renameSync(tmp, file.path);
      bytes.push(photo.jpeg.length);
    }
    return { bytes };
  },
});
