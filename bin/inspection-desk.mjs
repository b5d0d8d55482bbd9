#!/usr/bin/env node
// `inspection-desk` / `npx inspection-desk`. Runs the esbuild bundle (dist/cli, built by
// `npm run build:cli`, `npm run build` and `npm install`) when it exists and no source it
// was built from has changed since; otherwise the TypeScript sources through tsx, which
// start several times slower but are always current. INSPECTION_DESK_FROM_SOURCE=1 forces
// the sources. Paths are resolved from this file (through any npm symlink), and the
// repository's tsconfig is named explicitly so a tsconfig in the caller's folder is ignored.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { currentBundle } from './cli-entry.mjs';

const bundle = currentBundle(fileURLToPath(new URL('..', import.meta.url)));
if (process.env.INSPECTION_DESK_TRACE_ENTRY === '1') {
  process.stderr.write(`inspection-desk: running ${bundle ? 'the bundle' : 'the sources'}\n`);
}
if (bundle) {
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register({ tsconfig: fileURLToPath(new URL('../tsconfig.node.json', import.meta.url)) });
  await import(new URL('../electron/cli/main.ts', import.meta.url).href);
}
