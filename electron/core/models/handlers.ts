/**
 * The models domain: register models (validated against their ONNX graph), choose the
 * active one, classify the library with one as a job, and install the shipped default
 * model when a library is opened.
 */
import type { ModelInfo } from '../../contract.js';
import type { CoreContext, HandlerMap } from '../context.js';
import { CoreError } from '../errors.js';
import { addModel, readModelSource } from './add-model.js';
import { initModel } from './init-model.js';
import { runClassifyJob } from './classify-job.js';
import {
  activeModelId,
  findModelRow,
  getModel,
  modelDir,
  modelIdOf,
  requireModelRow,
  setActiveModelId,
  type ModelRow,
} from './registry.js';
import { shippedModelDirs } from './shipped.js';

function predictionCounts(ctx: CoreContext): Map<string, number> {
  const rows = ctx.db
    .prepare('SELECT model_id AS id, COUNT(*) AS n FROM predictions GROUP BY model_id')
    .all() as { id: string; n: number }[];
  return new Map(rows.map((r) => [r.id, r.n]));
}

function labelNamesOf(row: ModelRow): Record<string, Record<string, string>> {
  const manifest = JSON.parse(row.manifest_json) as { labelNames?: unknown };
  const names = manifest.labelNames;
  return names !== null && typeof names === 'object'
    ? (names as Record<string, Record<string, string>>)
    : {};
}

function toModelInfo(ctx: CoreContext, row: ModelRow, counts: Map<string, number>): ModelInfo {
  return {
    id: row.id,
    name: row.name,
    version: row.version,
    labels: JSON.parse(row.labels_json) as string[],
    fileSha256: row.file_sha256,
    dir: modelDir(ctx, row),
    active: activeModelId(ctx) === row.id,
    addedAt: row.added_at,
    predictions: counts.get(row.id) ?? 0,
    manifest: JSON.parse(row.manifest_json) as unknown,
    labelNames: labelNamesOf(row),
  };
}

/** ModelInfo of one registered model. */
export function describeModel(ctx: CoreContext, modelId: string): ModelInfo {
  const row = requireModelRow(ctx, modelId);
  const count = (
    ctx.db.prepare('SELECT COUNT(*) AS n FROM predictions WHERE model_id = ?').get(modelId) as {
      n: number;
    }
  ).n;
  return toModelInfo(ctx, row, new Map([[modelId, count]]));
}

/** Makes a model active after checking it still loads; the grid then shows its predictions. */
async function activate(ctx: CoreContext, modelId: string): Promise<ModelInfo> {
  requireModelRow(ctx, modelId);
  await getModel(ctx, modelId);
  if (activeModelId(ctx) !== modelId) {
    setActiveModelId(ctx, modelId);
    // Effective labels and confidence filters follow the active model: reload everything.
    ctx.events.emit('library.changed', { imageIds: [], reason: 'models' });
  }
  return describeModel(ctx, modelId);
}

/** Handlers of models.list, models.add, models.activate and models.classify. */
export function createModelHandlers(
  ctx: CoreContext,
): HandlerMap<
  'models.list' | 'models.add' | 'models.activate' | 'models.classify' | 'models.init'
> {
  return {
    'models.list': () => {
      const rows = ctx.db.prepare('SELECT * FROM models ORDER BY added_at, id').all() as ModelRow[];
      const counts = predictionCounts(ctx);
      return rows.map((row) => toModelInfo(ctx, row, counts));
    },

    'models.add': async ({ path, activate: makeActive }) => {
      const row = await addModel(ctx, path);
      if (makeActive || !activeModelId(ctx)) return activate(ctx, row.id);
      return describeModel(ctx, row.id);
    },

    'models.activate': ({ modelId }) => activate(ctx, modelId),

    'models.init': ({ dir, labels, force }) =>
      initModel({ dir, force, ...(labels ? { labels } : {}) }),

    'models.classify': async ({ modelId, all }) => {
      const id = modelId ?? activeModelId(ctx);
      if (!id) {
        throw new CoreError('NO_ACTIVE_MODEL', { key: 'models.noActiveToClassify' });
      }
      const running = ctx.jobs.running('classify');
      if (running) {
        throw new CoreError(
          'JOB_RUNNING',
          { key: 'jobs.alreadyRunning.classify' },
          { jobId: running.id },
        );
      }
      // Loaded before the job starts so a broken model fails the call, not a job later.
      const model = await getModel(ctx, id);
      const job = ctx.jobs.start('classify', (handle) =>
        runClassifyJob(ctx, handle, { model, all }),
      );
      return { jobId: job.id };
    },
  };
}

/**
 * Registers the default models (`options.defaultModelDirs`, else the shipped ones) that
 * are not registered yet, and activates the first when no model is active. A missing or
 * broken default model only logs a warning: the library must still open.
 */
export async function installDefaultModels(ctx: CoreContext): Promise<void> {
  const dirs = ctx.options.defaultModelDirs ?? shippedModelDirs();
  let firstDefault: string | null = null;
  for (const dir of dirs) {
    try {
      const source = await readModelSource(dir);
      const id = modelIdOf(source.manifest);
      if (!findModelRow(ctx, id)) await addModel(ctx, dir);
      firstDefault ??= id;
    } catch (error) {
      ctx.logger.warn(
        `Default model in ${dir} was not installed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  const active = activeModelId(ctx);
  if (firstDefault && (!active || !findModelRow(ctx, active))) {
    setActiveModelId(ctx, firstDefault);
  }
}
