/**
 * Command-line options of `npm run retrain:demo`.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

/** The repository root (this file is `scripts/retrain-demo/options.ts`). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Short on purpose: enough for the new model to be a real model, short enough for the
 * whole demo to stay around ten minutes on two busy cores. The shipped model was trained
 * with up to 40 epochs (see models/pipe-obstruction/MODEL_CARD.md).
 */
export const DEFAULT_EPOCHS = 12;
const MAX_EPOCHS = 200;

export const USAGE = `Usage: npm run retrain:demo -- [--data DIR] [--work DIR] [--old-model DIR] [--epochs N] [--activate] [--no-keep]

The retraining round trip with the real app core and the real models/training/train.py:
import the shared pipe photos (train and valid as two imports), review them with the
dataset's labels, export the reviewed train photos, retrain, register and run the new
model, and compare it with the old one.

  --data DIR     the pipe-obstructions dataset: labels.csv, train/images/, valid/images/
                 (default: ../shared/datasets/pipe-obstructions from the repository root);
                 only read, never written
  --work DIR     new or empty folder for the library, the export and the new model
                 (default: a new folder under ${path.join('<tmp>', 'inspection-desk-retrain-XXXXXX')})
  --old-model DIR  the model folder (model.json + model.onnx) the library starts with
                 (default: the shipped models/pipe-obstruction). The shipped model gets
                 every photo of this dataset right, so there is nothing to relabel; a
                 weaker model shows the inspector's corrections (models/training/README.md)
  --epochs N     training epochs (default ${DEFAULT_EPOCHS}: a short demo; the shipped model
                 trained for up to 40)
  --activate     make the new model the library's active model at the end
  --keep         keep the work folder at the end (the default)
  --no-keep      delete the work folder at the end (only a folder this run created)
  -h, --help     show this help`;

export interface DemoOptions {
  dataDir: string;
  /** Null: make a new temporary folder. */
  workDir: string | null;
  /** Null: the shipped model. */
  oldModelDir: string | null;
  epochs: number;
  activate: boolean;
  keep: boolean;
}

/** Bad command-line input: printed with the usage, exit code 2. */
export class UsageError extends Error {}

/** Parses argv; null means `--help` was asked. */
export function parseDemoOptions(argv: string[]): DemoOptions | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' },
        work: { type: 'string' },
        'old-model': { type: 'string' },
        epochs: { type: 'string' },
        activate: { type: 'boolean', default: false },
        keep: { type: 'boolean', default: true },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowNegative: true,
      strict: true,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return null;
  const epochsText = values.epochs ?? String(DEFAULT_EPOCHS);
  const epochs = Number(epochsText);
  if (!Number.isInteger(epochs) || epochs < 1 || epochs > MAX_EPOCHS) {
    throw new UsageError(
      `--epochs must be a whole number from 1 to ${MAX_EPOCHS}, got "${epochsText}".`,
    );
  }
  return {
    dataDir: path.resolve(
      values.data ?? path.join(REPO_ROOT, '..', 'shared', 'datasets', 'pipe-obstructions'),
    ),
    workDir: values.work === undefined ? null : path.resolve(values.work),
    oldModelDir: values['old-model'] === undefined ? null : path.resolve(values['old-model']),
    epochs,
    activate: values.activate,
    keep: values.keep,
  };
}
