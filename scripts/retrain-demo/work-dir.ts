/**
 * The demo's work folder: a fresh library, the export and the retrained model, side by
 * side, never inside the dataset (an import source is read-only to the app).
 */
import { existsSync, mkdtempSync, mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DemoError } from './errors.js';

export interface WorkDir {
  root: string;
  library: string;
  export: string;
  /** Parent of the new model folder (`<models>/<model id>`). */
  models: string;
  /** This run made the folder, so `--no-keep` may delete it. */
  created: boolean;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Makes (or checks) the work folder: new or empty, and outside the data folder. */
export function prepareWorkDir(requested: string | null, dataDir: string): WorkDir {
  let root: string;
  let created = false;
  if (requested === null) {
    root = mkdtempSync(path.join(os.tmpdir(), 'inspection-desk-retrain-'));
    created = true;
  } else {
    root = requested;
    if (isInside(root, dataDir)) {
      throw new DemoError(
        `--work ${root} is inside the data folder ${dataDir}, which is only read. Choose a work folder elsewhere.`,
      );
    }
    if (existsSync(root)) {
      if (readdirSync(root).length > 0) {
        throw new DemoError(
          `--work ${root} is not empty. The demo starts from a fresh library: give a new or empty folder.`,
        );
      }
    } else {
      mkdirSync(root, { recursive: true });
      created = true;
    }
  }
  return {
    root,
    library: path.join(root, 'library'),
    export: path.join(root, 'export'),
    models: path.join(root, 'models'),
    created,
  };
}
