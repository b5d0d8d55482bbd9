#!/usr/bin/env node
// `inspection-desk` / `npx inspection-desk`: runs the TypeScript CLI through tsx, from any
// working directory. Paths are resolved from this file (through any npm symlink), and the
// repository's tsconfig is named explicitly so a tsconfig in the caller's folder is ignored.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.node.json', import.meta.url)) });
await import(new URL('../electron/cli/main.ts', import.meta.url).href);
