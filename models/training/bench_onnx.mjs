// Median latency of one photo through onnxruntime-node, the runtime the app uses.
//
//   node models/training/bench_onnx.mjs models/pipe-obstruction/model.onnx --size 224 --threads 2 --runs 100
//
// Prints one JSON line: {"medianMs", "p90Ms", "runs", "threads", "ortVersion", "outputs"}.
// onnxruntime-node is resolved from the repository's node_modules (run `npm install` first).
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(here, '..', '..', 'package.json'));
const ort = require('onnxruntime-node');

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

const modelPath = process.argv[2];
if (!modelPath || modelPath.startsWith('--')) {
  console.error('usage: node bench_onnx.mjs MODEL.onnx [--size 224] [--threads 2] [--runs 100]');
  process.exit(2);
}
const size = option('size', 224);
const threads = option('threads', 2);
const runs = option('runs', 100);

const session = await ort.InferenceSession.create(modelPath, {
  intraOpNumThreads: threads,
  interOpNumThreads: 1,
  graphOptimizationLevel: 'all',
});
const pixels = new Float32Array(3 * size * size);
for (let i = 0; i < pixels.length; i += 1) pixels[i] = Math.sin(i) * 2;
const feeds = { [session.inputNames[0]]: new ort.Tensor('float32', pixels, [1, 3, size, size]) };

for (let i = 0; i < 10; i += 1) await session.run(feeds);
const times = [];
let outputs = {};
for (let i = 0; i < runs; i += 1) {
  const start = process.hrtime.bigint();
  const result = await session.run(feeds);
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
  outputs = Object.fromEntries(Object.entries(result).map(([k, v]) => [k, v.dims]));
}
times.sort((a, b) => a - b);
const ortVersion = require('onnxruntime-node/package.json').version;
console.log(
  JSON.stringify({
    medianMs: times[Math.floor(runs / 2)],
    p90Ms: times[Math.floor(runs * 0.9)],
    runs,
    threads,
    ortVersion,
    outputs,
  }),
);
