/**
 * The active model as the library's queries see it. The model registry owns the
 * setting (`models.activate`); this reads the same row with a plain Db so query
 * modules, which run on a bare database in tests and benchmarks, need no context.
 * The review_grid triggers (migration 2) read the very same row.
 */
import { ACTIVE_MODEL_KEY } from '../models/registry.js';
import type { Db } from './database.js';

export function activeModelIdOf(db: Db): string | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(ACTIVE_MODEL_KEY) as
    { value: string } | undefined;
  return row?.value || null;
}

/** Labels of a registered model in output order; empty when the model is unknown. */
export function modelLabelsOf(db: Db, modelId: string | null): string[] {
  if (!modelId) return [];
  const row = db.prepare('SELECT labels_json FROM models WHERE id = ?').get(modelId) as
    { labels_json: string } | undefined;
  return row ? (JSON.parse(row.labels_json) as string[]) : [];
}
