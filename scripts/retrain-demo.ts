/**
 * `npm run retrain:demo -- [--data DIR] [--work DIR] [--epochs N] [--activate] [--no-keep]`
 *
 * The retraining round trip, end to end, with the real app core (every step goes
 * through `core.invoke`, as the app's shells do) and the real `models/training/train.py`:
 * a fresh library with the shipped model (or --old-model), the shared pipe photos imported (train and
 * valid as two imports), reviewed with the dataset's labels, the reviewed train photos
 * exported, a new model trained from that export, registered, run over every photo and
 * compared with the old one. See models/training/README.md, "Round trip demo".
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createCore } from '../electron/core/app.js';
import { isCoreError } from '../electron/core/errors.js';
import { shippedModelDirs } from '../electron/core/models/shipped.js';
import { readDataset } from './retrain-demo/dataset.js';
import { DemoError } from './retrain-demo/errors.js';
import { parseDemoOptions, REPO_ROOT, USAGE, UsageError } from './retrain-demo/options.js';
import { runRoundTrip } from './retrain-demo/round-trip.js';
import { createStepRunner, formatDuration } from './retrain-demo/steps.js';
import { checkTrainingPython } from './retrain-demo/training.js';
import { prepareWorkDir } from './retrain-demo/work-dir.js';

async function main(argv: string[]): Promise<number> {
  const options = parseDemoOptions(argv);
  if (options === null) {
    console.log(USAGE);
    return 0;
  }
  const defaultModels = options.oldModelDir ? [options.oldModelDir] : shippedModelDirs();
  if (options.oldModelDir && !existsSync(path.join(options.oldModelDir, 'model.json'))) {
    throw new DemoError(
      `--old-model ${options.oldModelDir} has no model.json: give a model folder (model.json + model.onnx), e.g. one train.py wrote.`,
    );
  }
  if (defaultModels.length === 0) {
    throw new DemoError(
      `The shipped model ${path.join(REPO_ROOT, 'models', 'pipe-obstruction')} is missing: it is the "old" model the demo retrains.`,
    );
  }
  // Everything that can fail in a second fails before the first minute of work.
  const splits = await readDataset(options.dataDir);
  checkTrainingPython();
  const work = prepareWorkDir(options.workDir, options.dataDir);

  console.log('Inspection Desk: the retraining round trip, with the real app core and train.py');
  console.log(`Data (read only)  ${options.dataDir}`);
  console.log(`Work folder       ${work.root}`);
  console.log(`Old model         ${options.oldModelDir ?? 'the shipped models/pipe-obstruction'}`);
  console.log(
    `Training          ${options.epochs} epochs: a short demo run; the shipped model trained for up to 40 (models/pipe-obstruction/MODEL_CARD.md)`,
  );

  const steps = createStepRunner();
  const started = performance.now();
  const core = await createCore({ libraryDir: work.library, defaultModelDirs: defaultModels });
  let outcome;
  try {
    outcome = await runRoundTrip({ core, options, splits, work, steps });
  } catch (error) {
    // Whatever failed, what was done so far stays there to look at.
    console.error(`\nThe work folder is kept: ${work.root}`);
    throw error;
  } finally {
    await core.close();
  }

  console.log('\n== Summary');
  for (const { title, seconds } of steps.timings) {
    console.log(`  ${formatDuration(seconds).padStart(10)}  ${title}`);
  }
  console.log(`  ${formatDuration((performance.now() - started) / 1000).padStart(10)}  total`);
  console.log('');
  console.log(`  Library    ${work.library}`);
  console.log(`  Export     ${work.export}`);
  console.log(`  New model  ${outcome.modelDir} (${outcome.newModelId}; MODEL_CARD.md inside)`);
  if (!options.keep && work.created) {
    rmSync(work.root, { recursive: true, force: true });
    console.log(`\n  --no-keep: deleted ${work.root}.`);
    return 0;
  }
  if (!options.keep)
    console.log(`\n  --no-keep: ${work.root} existed before this run, so it is kept.`);
  console.log('\n  Open the library:');
  console.log(`    npm run serve -- --library ${work.library}`);
  console.log(
    `    npm run cli -- --library ${work.library} models compare ${outcome.oldModelId} ${outcome.newModelId}`,
  );
  if (!options.activate) {
    console.log(
      `    npm run cli -- --library ${work.library} models activate ${outcome.newModelId}   (the old model stays active until then)`,
    );
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exitCode = 2;
    } else if (error instanceof DemoError) {
      console.error(`\nretrain:demo stopped: ${error.message}`);
      process.exitCode = error.exitCode;
    } else if (isCoreError(error)) {
      console.error(`\nretrain:demo stopped: ${error.code}: ${error.message}`);
      process.exitCode = 1;
    } else {
      console.error(error);
      process.exitCode = 1;
    }
  },
);
