/**
 * The active model as the library's queries see it. The model registry owns the
 * setting (`models.activate`); this reads the same row with a plain Db so query
 * modules, which run on a bare database in tests and benchmarks, need no context.
 * The review_grid triggers (migration 2) read the very same row.
 */
import { ACTIVE_MODEL_KEY } from '../models/registry.js';
import type { Db } from './database.js';
import { cachedStatement } from './statement-cache.js';

export function activeModelIdOf(db: Db): string | null {
  const value = cachedStatement(db, 'SELECT value FROM settings WHERE key = ?', 'pluck').get(
    ACTIVE_MODEL_KEY,
  ) as string | undefined;
  return value || null;
}

/** Labels of a registered model in output order; empty when the model is unknown. */
export function modelLabelsOf(db: Db, modelId: string | null): string[] {
  if (!modelId) return [];
  const json = cachedStatement(db, 'SELECT labels_json FROM models WHERE id = ?', 'pluck').get(
    modelId,
  ) as string | undefined;
  return json ? (JSON.parse(json) as string[]) : [];
}

/**
 * Display names of the active model's labels per language (model.json `labelNames`):
 * what the UI shows for a label; the label itself stays the id exports and folders use.
 */
export function activeLabelNamesOf(db: Db): Record<string, Record<string, string>> {
  const modelId = activeModelIdOf(db);
  if (!modelId) return {};
  const json = cachedStatement(db, 'SELECT manifest_json FROM models WHERE id = ?', 'pluck').get(
    modelId,
  ) as string | undefined;
  const names = json ? (JSON.parse(json) as { labelNames?: unknown }).labelNames : undefined;
  return names !== null && typeof names === 'object'
    ? (names as Record<string, Record<string, string>>)
    : {};
}
