#!/usr/bin/env node
/**
 * Bundles the command line and the HTTP server with esbuild, so `inspection-desk` starts
 * as plain JavaScript instead of transpiling ~150 TypeScript files through tsx on every
 * command:
 *   electron/cli/main.ts                  -> dist/cli/inspection-desk.mjs
 *   electron/server/main.ts               -> dist/cli/server.mjs (+ shared dist/cli/chunks/)
 *   electron/core/inference/ort-worker.ts -> dist/cli/chunks/ort-worker.cjs (the inference
 *                                            thread, which ort-thread.ts starts beside itself)
 *   dist/cli/inputs.json                  the source files in the bundles: bin/inspection-desk.mjs
 *                                         runs the sources instead when one is newer
 *
 * Native modules and exifr stay in node_modules (the same externals as the Electron
 * bundle). Usage: node scripts/build-cli.mjs [--if-possible]
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_OUT_DIR = path.join(repoRoot, 'dist', 'cli');

/**
 * In these bundles `import.meta.url` keeps meaning "this source file": the core and the
 * server compute the checkout's models/ and dist/renderer/ from it. Each use is replaced
 * by the source file's URL, resolved against the checkout's root as seen from the output
 * file the code lands in (`sourceRootBanner`): an entry in outDir or a chunk one folder
 * deeper, which esbuild decides after this plugin ran. A moved checkout still works.
 * ort-thread.ts is the exception: it looks for ort-worker.cjs beside the running bundle,
 * which is where this script puts it.
 */
function sourceUrlPlugin() {
  return {
    name: 'source-import-meta-url',
    setup(build) {
      build.onLoad({ filter: /[\\/]electron[\\/].*\.ts$/ }, (args) => {
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url') || args.path.endsWith('ort-thread.ts')) {
          return { contents: source, loader: 'ts' };
        }
        const relative = path.relative(repoRoot, args.path).split(path.sep).join('/');
        const url = `new URL(${JSON.stringify(relative)}, __inspectionDeskSourceRoot).href`;
        return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

/**
 * Defines `__inspectionDeskSourceRoot` (the checkout's root URL) in every output file.
 * Chunks sit in `chunks/`, one folder below the entries, so they climb one more level.
 */
function sourceRootBanner(outDir) {
  const up = path.relative(outDir, repoRoot).split(path.sep).join('/');
  const fromEntry = up === '' ? './' : `${up}/`;
  return (
    `const __inspectionDeskSourceRoot = new URL(/\\/chunks\\/[^/]*$/.test(import.meta.url) ? ` +
    `${JSON.stringify(`../${fromEntry}`)} : ${JSON.stringify(fromEntry)}, import.meta.url);`
  );
}

export async function buildCli({ outDir = CLI_OUT_DIR } = {}) {
  const { build } = await import('esbuild');
  const { MAIN_EXTERNALS } = await import('./build-electron.mjs');
  const external = MAIN_EXTERNALS.filter((name) => name !== 'electron');
  mkdirSync(outDir, { recursive: true });
  const common = {
    absWorkingDir: repoRoot,
    bundle: true,
    platform: 'node',
    target: 'node20',
    external,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
  };
  const esm = await build({
    ...common,
    format: 'esm',
    entryPoints: {
      'inspection-desk': path.join(repoRoot, 'electron/cli/main.ts'),
      server: path.join(repoRoot, 'electron/server/main.ts'),
    },
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    // Code behind a dynamic import() goes to its own chunk, so `--version` loads no
    // native module (their ESM imports would otherwise all run at start-up).
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
    // Bundled CommonJS code (zod's, some of ours' dependencies) may call require().
    banner: {
      js:
        "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url); " +
        sourceRootBanner(outDir),
    },
    plugins: [sourceUrlPlugin()],
  });
  // ort-thread.ts starts ./ort-worker.cjs beside the file it ended up in: with code
  // splitting that is a chunk, so the worker goes beside the chunks (and the entries).
  const worker = await build({
    ...common,
    format: 'cjs',
    entryPoints: [path.join(repoRoot, 'electron/core/inference/ort-worker.ts')],
    outfile: path.join(outDir, 'chunks', 'ort-worker.cjs'),
  });
  copyFileSync(path.join(outDir, 'chunks', 'ort-worker.cjs'), path.join(outDir, 'ort-worker.cjs'));
  const inputs = [
    ...new Set([...Object.keys(esm.metafile.inputs), ...Object.keys(worker.metafile.inputs)]),
  ]
    .filter((file) => !file.includes('node_modules/'))
    .sort();
  writeFileSync(path.join(outDir, 'inputs.json'), `${JSON.stringify(inputs, null, 1)}\n`);
  return { outDir, inputs };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const ifPossible = process.argv.includes('--if-possible');
  const started = Date.now();
  try {
    const { inputs } = await buildCli();
    console.log(
      `Built dist/cli (inspection-desk.mjs, server.mjs, ort-worker.cjs) from ${inputs.length} files in ${Date.now() - started} ms`,
    );
  } catch (error) {
    // esbuild is a devDependency: an install without it keeps running the CLI from sources.
    console.error(
      `The command-line bundle was not built (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); inspection-desk runs from sources meanwhile.`,
    );
    process.exitCode = ifPossible ? 0 : 1;
  }
}
