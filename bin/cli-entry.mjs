// Which code `inspection-desk` runs: the esbuild bundle (dist/cli) when it exists and no
// source file it was built from is newer, else null (bin/inspection-desk.mjs then runs
// the TypeScript sources through tsx). Plain JavaScript, imported before anything else.
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';

function mtime(file) {
  try {
    return statSync(file).mtimeMs;
  } catch {
    return null;
  }
}

/** The bundle's path, or null when it is missing, stale or INSPECTION_DESK_FROM_SOURCE=1. */
export function currentBundle(repoRoot, env = process.env) {
  if (env.INSPECTION_DESK_FROM_SOURCE === '1') return null;
  const bundle = path.join(repoRoot, 'dist', 'cli', 'inspection-desk.mjs');
  const built = mtime(bundle);
  if (built === null) return null;
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(path.join(repoRoot, 'dist', 'cli', 'inputs.json'), 'utf8'));
  } catch {
    return null;
  }
  for (const input of inputs) {
    const changed = mtime(path.join(repoRoot, input));
    if (changed === null || changed > built) return null;
  }
  return bundle;
}
