/**
 * The models shipped with the application. In a checkout they are in `<repo>/models`;
 * electron-builder copies them to `resources/models` in a packaged app, and the
 * Electron shell passes that folder instead.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The default active model of a fresh library. */
export const DEFAULT_MODEL_FOLDER = 'pipe-obstruction';

/** `<repo>/models` resolved from this file, for the server and CLI run from a checkout. */
export function repoModelsDir(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../models');
}

/** Folders of shipped models to register on first open, default first; missing ones skipped. */
export function shippedModelDirs(modelsDir: string = repoModelsDir()): string[] {
  const dir = path.join(modelsDir, DEFAULT_MODEL_FOLDER);
  return existsSync(path.join(dir, 'model.json')) ? [dir] : [];
}
