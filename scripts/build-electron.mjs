#!/usr/bin/env node
/**
 * Bundles the Electron main process, its inference thread and the preload with esbuild:
 *   electron/main/index.ts                  -> dist-electron/main.cjs       (Node, CommonJS; native modules external)
 *   electron/core/inference/ort-worker.ts   -> dist-electron/ort-worker.cjs (the worker thread main.cjs starts
 *                                                                             beside itself, see ort-thread.ts)
 *   electron/preload/index.ts               -> dist-electron/preload.cjs    (sandboxed: requires only 'electron')
 *
 * Usage: node scripts/build-electron.mjs [--watch] [--outdir DIR]
 */
import { build, context } from 'esbuild';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Loaded from node_modules at run time, never bundled: native addons (rebuilt for
 * Electron by electron-builder and unpacked from the asar) and Electron itself.
 */
export const MAIN_EXTERNALS = [
  'electron',
  'better-sqlite3',
  'sharp',
  '@img/*',
  'onnxruntime-node',
  'onnxruntime-common',
  // Its UMD build picks optional Node modules with a computed require(); it works from
  // node_modules as it is (a production dependency, so electron-builder packs it).
  'exifr',
  // Settings' "Sync now": pg has an optional native binding (pg-native) and the S3 SDK an
  // optional CRT signer, both required only when present; loaded from node_modules
  // (production dependencies) as they are.
  'pg',
  '@aws-sdk/*',
];

/** Electron 45 runs Node 22 in the main process and Chromium 140 in the preload. */
const MAIN_TARGET = 'node22';
const PRELOAD_TARGET = 'chrome140';

/**
 * The core is ESM and may use `import.meta.url` (shipped.ts does); in a CJS bundle
 * esbuild would leave it undefined. It becomes the bundle's own URL, so paths computed
 * from it are relative to dist-electron/ (the desktop app passes explicit folders where
 * that matters). Any other use of `import.meta` fails the build instead of breaking at
 * run time.
 */
const IMPORT_META_SHIM = {
  banner: {
    js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;",
  },
  define: {
    'import.meta.url': '__importMetaUrl',
    'import.meta.dirname': '__dirname',
    'import.meta.filename': '__filename',
  },
};

/** @returns {import('esbuild').BuildOptions[]} */
export function electronBuildOptions({ outDir = path.join(repoRoot, 'dist-electron') } = {}) {
  const common = {
    absWorkingDir: repoRoot,
    bundle: true,
    format: 'cjs',
    sourcemap: 'linked',
    logLevel: 'warning',
    // A warning here is a bug at run time (an unshimmed import.meta, a require that cannot resolve).
    logOverride: { 'empty-import-meta': 'error', 'unsupported-require-call': 'error' },
    legalComments: 'none',
  };
  return [
    {
      ...common,
      ...IMPORT_META_SHIM,
      entryPoints: [path.join(repoRoot, 'electron/main/index.ts')],
      outfile: path.join(outDir, 'main.cjs'),
      platform: 'node',
      target: MAIN_TARGET,
      external: MAIN_EXTERNALS,
    },
    {
      ...common,
      entryPoints: [path.join(repoRoot, 'electron/core/inference/ort-worker.ts')],
      outfile: path.join(outDir, 'ort-worker.cjs'),
      platform: 'node',
      target: MAIN_TARGET,
      external: MAIN_EXTERNALS,
    },
    {
      ...common,
      entryPoints: [path.join(repoRoot, 'electron/preload/index.ts')],
      outfile: path.join(outDir, 'preload.cjs'),
      platform: 'node',
      target: PRELOAD_TARGET,
      external: ['electron'],
    },
  ];
}

/** Builds every bundle once; resolves with esbuild's results (errors reject). */
export async function buildElectron(options = {}) {
  return Promise.all(electronBuildOptions(options).map((config) => build(config)));
}

/** Rebuilds on every change until the process is stopped. */
export async function watchElectron(options = {}) {
  const contexts = await Promise.all(
    electronBuildOptions(options).map((config) => context(config)),
  );
  await Promise.all(contexts.map((ctx) => ctx.watch()));
  return contexts;
}

function parseArgs(argv) {
  const outIndex = argv.indexOf('--outdir');
  return {
    watch: argv.includes('--watch'),
    outDir: outIndex >= 0 && argv[outIndex + 1] ? path.resolve(argv[outIndex + 1]) : undefined,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { watch, outDir } = parseArgs(process.argv.slice(2));
  const options = outDir ? { outDir } : {};
  if (watch) {
    await watchElectron(options);
    console.log('Watching electron/ for changes…');
  } else {
    const started = Date.now();
    await buildElectron(options);
    console.log(
      `Built dist-electron/main.cjs, ort-worker.cjs and preload.cjs in ${Date.now() - started} ms`,
    );
  }
}
