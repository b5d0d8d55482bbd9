/**
 * The model the benchmark classifies with: the shipped default model
 * (`models/pipe-obstruction/`) when it exists, as the app uses it, else the torch-style
 * test fixture (a 32x32 hand-built graph that costs almost nothing to run, so the
 * classification share of the import is then understated; the report says so).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readManifest, type ModelManifest } from '../../electron/core/inference/manifest.js';
import { shippedModelDirs } from '../../electron/core/models/shipped.js';
import { REPO_ROOT } from './paths.js';

export interface BenchModel {
  dir: string;
  manifest: ModelManifest;
  /** Whether this is the shipped default model (else a stand-in). */
  isDefault: boolean;
  /** One line for the report. */
  description: string;
}

const FIXTURE_DIR = path.join(REPO_ROOT, 'test/fixtures/models/torch-style');

/** `override`: a model folder given with --model. */
export async function resolveBenchModel(override?: string): Promise<BenchModel> {
  const shipped = shippedModelDirs();
  const dir = override
    ? path.resolve(override)
    : shipped[0] && existsSync(path.join(shipped[0], 'model.onnx'))
      ? shipped[0]
      : FIXTURE_DIR;
  const manifest = await readManifest(path.join(dir, 'model.json'));
  const isDefault = !override && dir === shipped[0];
  const what = `${manifest.id}@${manifest.version} (${manifest.input.width}x${manifest.input.height}, ${path.relative(REPO_ROOT, dir) || dir})`;
  const description = isDefault
    ? `${what}, the shipped default model.`
    : override
      ? `${what}, given with --model (NOT the shipped default model).`
      : `${what}: STAND-IN, the shipped default model models/pipe-obstruction/ does not exist yet. ` +
        'This fixture is a tiny hand-built graph, so classification costs almost nothing here: ' +
        'the import and classification figures understate inference; re-run once the model lands.';
  return { dir, manifest, isDefault, description };
}
