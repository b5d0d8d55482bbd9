/**
 * The steps of the round trip, each through the app core's contract.
 */
import path from 'node:path';
import type { ExportResult, ImportSummary, ModelInfo } from '../../electron/contract.js';
import type { Core } from '../../electron/core/app.js';
import type { DatasetSplit } from './dataset.js';
import { DemoError } from './errors.js';
import { waitForJob } from './jobs.js';
import { renderComparison, table } from './metrics.js';
import type { DemoOptions } from './options.js';
import { reviewImport, type ReviewOutcome } from './review.js';
import type { StepRunner } from './steps.js';
import { runTrainPy } from './training.js';
import type { WorkDir } from './work-dir.js';

/** The app's own near-duplicate-aware split (photos of one tube stay together). */
const EXPORT_SPLIT = { train: 85, val: 15, test: 0 };

export interface RoundTripInput {
  core: Core;
  options: DemoOptions;
  splits: DatasetSplit[];
  work: WorkDir;
  steps: StepRunner;
}

export interface RoundTripOutcome {
  oldModelId: string;
  newModelId: string;
  modelDir: string;
}

interface ImportedSplit {
  split: DatasetSplit;
  importId: number;
}

function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((line) => (line ? by + line : line))
    .join('\n');
}

function describeModels(models: ModelInfo[]): string {
  return table([
    ['', 'model', 'name', 'labels', 'photos classified'],
    ...models.map((m) => [
      m.active ? '*' : '',
      m.id,
      m.name,
      m.labels.join(', '),
      String(m.predictions),
    ]),
  ]);
}

/** 1.0.0 → 1.1.0, as train.py itself bumps a model folder's version. */
function bumpMinor(version: string): string {
  const match = /^(\d+)\.(\d+)\.\d+/.exec(version);
  return match ? `${match[1]}.${Number(match[2]) + 1}.0` : '1.1.0';
}

async function importSplit(core: Core, split: DatasetSplit): Promise<ImportedSplit> {
  const { jobId, importId } = await core.invoke('ingest.start', { source: split.imagesDir });
  const summary = (await waitForJob(core, jobId, `import of ${split.imagesDir}`))
    .result as ImportSummary;
  console.log(
    `  ${split.name}: import #${importId} of ${split.imagesDir}: ${summary.filesSeen} files, ` +
      `${summary.imported} imported, ${summary.duplicates} duplicates, ${summary.errors} errors, ` +
      `${summary.classified} classified on the way (${((summary.durationMs ?? 0) / 1000).toFixed(1)} s)`,
  );
  for (const e of summary.errorList.slice(0, 5)) console.log(`    ${e.path}: ${e.message}`);
  return { split, importId };
}

export async function runRoundTrip(input: RoundTripInput): Promise<RoundTripOutcome> {
  const { core, options, splits, work, steps } = input;

  const oldModel = await steps.run('A fresh library with the old model', async () => {
    const models = await core.invoke('models.list');
    const active = models.find((m) => m.active);
    if (!active) throw new DemoError('The fresh library has no active model.');
    console.log(`  Library ${work.library}`);
    console.log(indent(describeModels(models)));
    return active;
  });

  const imported = await steps.run(
    'Import the photos (train and valid as two imports, classified by the active model)',
    async () => {
      const result: ImportedSplit[] = [];
      for (const split of splits) result.push(await importSplit(core, split));
      return result;
    },
  );
  const trainImport = imported.find((i) => i.split.name === 'train')!;
  const validImport = imported.find((i) => i.split.name === 'valid')!;

  const reviews = await steps.run(
    "Review: accept the model's right answers, relabel its mistakes",
    async () => {
      const outcomes = new Map<number, ReviewOutcome>();
      for (const { split, importId } of imported) {
        const r = await reviewImport(core, importId, split);
        outcomes.set(importId, r);
        const fixes = [...r.corrections].map(([k, n]) => `${k}: ${n}`).join(', ');
        console.log(
          `  ${split.name} (import #${importId}): ${r.photos} photos, ${r.accepted} accepted, ` +
            `${r.relabeled} relabeled${fixes ? ` (${fixes})` : ''}` +
            (r.noTruth ? `, ${r.noTruth} without a dataset label (left unreviewed)` : ''),
        );
      }
      const relabeled = [...outcomes.values()].reduce((n, r) => n + r.relabeled, 0);
      if (relabeled === 0) {
        console.log(
          '  Nothing to relabel: the old model agrees with every dataset label (the shipped model was\n' +
            '  trained on these very photos; --old-model starts from a weaker one). On a new SD card\n' +
            '  this is where the inspector corrects its mistakes.',
        );
      }
      return outcomes;
    },
  );

  const exported = await steps.run('Export the reviewed photos of the train import', async () => {
    const withTube = reviews.get(trainImport.importId)?.withTube ?? 0;
    // The app's split keeps the photos of one tube together. Without tube positions it can
    // only split photo by photo, and this dataset holds about 3 augmented copies of each
    // source photo: they would land on both sides and flatter train.py's validation. Then
    // the export is left unsplit and train.py splits by source photo itself (it reads the
    // Roboflow source id, export suffix included).
    const split = withTube > 0 ? EXPORT_SPLIT : undefined;
    const { jobId } = await core.invoke('export.start', {
      dest: work.export,
      formats: ['folders', 'labels-csv'],
      reviewedOnly: true,
      ...(split ? { split } : {}),
      filter: { importId: trainImport.importId },
    });
    const result = (await waitForJob(core, jobId, 'export')).result as ExportResult;
    const labels = [...new Set(Object.values(result.counts).flatMap((c) => Object.keys(c)))];
    const splitNames = Object.keys(result.counts);
    console.log(
      split
        ? `  ${result.total} photos to ${result.dest}, split train/val/test ` +
            `${split.train}/${split.val}/${split.test} by the app:`
        : `  ${result.total} photos to ${result.dest}, not split:`,
    );
    console.log(
      indent(
        table([
          ['', ...labels, 'total'],
          ...splitNames.map((s) => {
            const n = labels.map((l) => result.counts[s]?.[l] ?? 0);
            return [s, ...n.map(String), String(n.reduce((a, b) => a + b, 0))];
          }),
        ]),
      ),
    );
    console.log(
      split
        ? `  Photos of one tube stay in one split (${withTube} photos have a tube position).`
        : '  These file names carry no tube position, so the app could only split photo by photo, and\n' +
            '  this dataset holds about 3 augmented copies of each source photo: they would fall on both\n' +
            "  sides. train.py holds out 15% itself instead, keeping each source photo's copies together.",
    );
    return result;
  });

  const manifest = oldModel.manifest as { id: string; description?: string };
  const version = bumpMinor(oldModel.version);
  const modelDir = path.join(work.models, manifest.id);
  await steps.run(`Retrain with train.py (${options.epochs} epochs, a short demo run)`, () =>
    runTrainPy([
      '--data',
      exported.dest,
      '--out',
      modelDir,
      '--id',
      manifest.id,
      '--version',
      version,
      '--name',
      `${oldModel.name} (retrained, demo)`,
      ...(manifest.description ? ['--description', manifest.description] : []),
      '--epochs',
      String(options.epochs),
      '--seed',
      '0',
    ]),
  );

  const newModel = await steps.run('Register the new model and classify every photo', async () => {
    const added = await core.invoke('models.add', { path: modelDir, activate: false });
    const { jobId } = await core.invoke('models.classify', { modelId: added.id, all: true });
    const job = await waitForJob(core, jobId, 'classification');
    const result = job.result as { classified: number; failed: number; durationMs: number };
    console.log(
      `  ${added.id}: ${result.classified} photos classified, ${result.failed} failed (${(result.durationMs / 1000).toFixed(1)} s)`,
    );
    console.log(indent(describeModels(await core.invoke('models.list'))));
    return added;
  });

  await steps.run('Compare old and new on the reviewed labels', async () => {
    const ids = [oldModel.id, newModel.id];
    const onValid = await core.invoke('models.compare', {
      modelIds: ids,
      importId: validImport.importId,
    });
    console.log(
      `\n  (a) The valid import #${validImport.importId}: photos the retraining export never touched.\n` +
        '      Honest caveat: a model train.py built from this dataset (the shipped one, or a starter)\n' +
        "      chose its epoch on this valid split, so the old model's numbers here are optimistic;\n" +
        '      the new model never saw these photos.',
    );
    console.log(indent(renderComparison(onValid), '      '));
    const all = await core.invoke('models.compare', { modelIds: ids });
    console.log(
      '\n  (b) Every reviewed photo (models.compare). Includes the photos both models trained on: flattering.',
    );
    console.log(indent(renderComparison(all), '      '));
    if (options.activate) {
      await core.invoke('models.activate', { modelId: newModel.id });
      console.log(`\n  --activate: ${newModel.id} is now the active model.`);
    }
  });

  return { oldModelId: oldModel.id, newModelId: newModel.id, modelDir };
}
