/** `models list|add|activate|classify|compare`: the classifiers of the library. */
import path from 'node:path';
import type {
  BackfillResult,
  ClassifyResult,
  ImproveResult,
  ModelInfo,
  ModelMetrics,
  SerializedError,
} from '../../contract.js';
import { deserializeError } from '../../core/errors.js';
import { renderWireMessage } from '../../shared/core-messages/index.js';
import type { Language } from '../../shared/language.js';
import {
  EXIT,
  expectPositionals,
  flag,
  JSON_OPTION,
  numberOption,
  stringOption,
  UsageError,
  type Command,
  type CommandContext,
  type ParsedInput,
} from '../command.js';
import { followJob } from '../follow-job.js';
import {
  formatCount,
  formatDuration,
  formatPercent,
  formatTimestamp,
  plural,
  renderTable,
} from '../format.js';

export function renderModels(models: ModelInfo[]): string {
  if (models.length === 0) {
    return 'No models registered. Add one with `models add <folder> --activate`.\n';
  }
  return (
    renderTable(
      [
        { header: 'ID' },
        { header: 'NAME', maxWidth: 30 },
        { header: 'LABELS', maxWidth: 40 },
        { header: 'PHOTOS', align: 'right' },
        { header: 'ADDED' },
      ],
      models.map((m) => [
        m.active ? `${m.id} *` : m.id,
        m.name,
        m.labels.join(', '),
        formatCount(m.predictions),
        formatTimestamp(m.addedAt, false),
      ]),
    ) + '* = active model\n'
  );
}

/** Accuracy, per-class precision/recall and the confusion matrix of one model. */
export function renderMetrics(metrics: ModelMetrics): string {
  let text = `${metrics.modelId}: ${
    metrics.reviewed === 0
      ? 'no reviewed photo has a prediction of this model yet'
      : `accuracy ${formatPercent(metrics.accuracy)}, balanced ${formatPercent(metrics.balancedAccuracy)} on ${plural(metrics.reviewed, 'reviewed photo')}`
  }\n`;
  if (metrics.reviewed === 0) return text;
  text += renderTable(
    [
      { header: 'LABEL' },
      { header: 'PRECISION', align: 'right' },
      { header: 'RECALL', align: 'right' },
      { header: 'SUPPORT', align: 'right' },
    ],
    metrics.perClass.map((c) => [
      c.label,
      formatPercent(c.precision),
      formatPercent(c.recall),
      formatCount(c.support),
    ]),
  );
  text += `Confusion matrix (rows = reviewer label, columns = predicted):\n`;
  text += renderTable(
    [
      { header: '' },
      ...metrics.confusion.labels.map((l) => ({ header: l, align: 'right' as const })),
    ],
    metrics.confusion.labels.map((label, i) => [
      label,
      ...(metrics.confusion.counts[i] ?? []).map(formatCount),
    ]),
  );
  return text;
}

export function renderClassifyResult(result: ClassifyResult, language: Language = 'en'): string {
  const failed = result.failed > 0 ? `, ${plural(result.failed, 'photo')} failed` : '';
  // Each reason in the library's language (the job recorded it with its catalog key).
  const reason = (error: SerializedError) =>
    renderWireMessage(language, error.messageKey, error.messageValues) ?? error.message;
  const lines = (result.failures ?? []).map((f) => `  ${f.name}: ${reason(f.error)}\n`).join('');
  const more =
    result.failed > (result.failures ?? []).length
      ? `  ... and ${plural(result.failed - (result.failures ?? []).length, 'more photo')}\n`
      : '';
  return `Classified ${plural(result.classified, 'photo')} with ${result.modelId} in ${formatDuration(result.durationMs)}${failed}.\n${lines}${more}`;
}

const listCommand: Command = {
  name: 'list',
  summary: 'list the registered models',
  help: `Usage: models list [--json]\n`,
  options: { ...JSON_OPTION },
  async run(ctx: CommandContext, { values, positionals }: ParsedInput) {
    expectPositionals(positionals, []);
    const models = await (await ctx.core()).invoke('models.list');
    if (flag(values, 'json')) ctx.printJson(models);
    else ctx.print(renderModels(models));
  },
};

const addCommand: Command = {
  name: 'add',
  summary: 'register a model folder',
  help: `Usage: models add <dir> [--activate] [--json]

Registers a model folder (model.onnx + model.json) or a model.json file.

Options:
  --activate      make it the active model
  --json          print the model as JSON
`,
  options: { activate: { type: 'boolean' }, ...JSON_OPTION },
  async run(ctx, { values, positionals }) {
    const [dir] = expectPositionals(positionals, ['dir']);
    const model = await (
      await ctx.core()
    ).invoke('models.add', {
      path: path.resolve(dir!),
      activate: flag(values, 'activate'),
    });
    if (flag(values, 'json')) return ctx.printJson(model);
    ctx.print(
      `Added ${model.id} (${model.name}; labels ${model.labels.join(', ')})${model.active ? ', now the active model' : ''}.\n`,
    );
    if (!model.active) ctx.print(`Activate it with: models activate ${model.id}\n`);
  },
};

const initCommand: Command = {
  name: 'init',
  summary: 'write model.json for a folder with model.onnx',
  help: `Usage: models init <dir> [--labels a,b,...] [--force] [--json]

Reads model.onnx and writes <dir>/model.json: input name, layout and size, output name
and type (probabilities or logits) come from the graph; labels from a labels.txt or
classes.txt (one per line, in output order), a Keras class_indices.json or a
classes.json list next to the model, or --labels. Prints what it had to assume (pixel
scaling): check it, then \`models add <dir>\`.

Options:
  --labels a,b    the labels in output order (when no label file is there)
  --force         replace an existing model.json
  --json          print the result as JSON
`,
  options: { labels: { type: 'string' }, force: { type: 'boolean' }, ...JSON_OPTION },
  async run(ctx, { values, positionals }) {
    const [dir] = expectPositionals(positionals, ['dir']);
    const labels = stringOption(values, 'labels')
      ?.split(',')
      .map((l) => l.trim())
      .filter((l) => l !== '');
    const result = await (
      await ctx.core()
    ).invoke('models.init', {
      dir: path.resolve(dir!),
      force: flag(values, 'force'),
      ...(labels ? { labels } : {}),
    });
    if (flag(values, 'json')) return ctx.printJson(result);
    ctx.print(
      `Wrote ${result.path} (labels from ${result.labelsFrom}, output ${result.outputType}).\n` +
        result.notes.map((n) => `  assumed: ${n}\n`).join('') +
        `Check it, then: models add ${dir}\n`,
    );
  },
};

const activateCommand: Command = {
  name: 'activate',
  summary: 'make a model the active one',
  help: `Usage: models activate <id> [--json]

The active model classifies new imports and is the one the review compares against.
Run \`models classify\` afterwards to classify photos it has not seen.
`,
  options: { ...JSON_OPTION },
  async run(ctx, { values, positionals }) {
    const [modelId] = expectPositionals(positionals, ['id']);
    const model = await (await ctx.core()).invoke('models.activate', { modelId: modelId! });
    if (flag(values, 'json')) return ctx.printJson(model);
    ctx.print(`${model.id} is now the active model.\n`);
  },
};

const classifyCommand: Command = {
  name: 'classify',
  summary: 'classify the photos a model has not classified yet',
  help: `Usage: models classify [--model ID] [--all] [--json]

Options:
  --model ID      the model to use (default: the active one)
  --all           classify every photo again, not only the unclassified ones
  --json          print the result as JSON
`,
  options: { model: { type: 'string' }, all: { type: 'boolean' }, ...JSON_OPTION },
  async run(ctx, { values, positionals }) {
    expectPositionals(positionals, []);
    const core = await ctx.core();
    const modelId = stringOption(values, 'model');
    const { jobId } = await core.invoke('models.classify', {
      ...(modelId !== undefined && { modelId }),
      all: flag(values, 'all'),
    });
    const { snapshot, interrupted } = await followJob(ctx, core, jobId, {
      unit: 'photos',
      resumeHint: 'Run the same command again to classify the rest.',
    });
    if (snapshot.status === 'failed') throw jobFailure(snapshot.error, 'Classification failed.');
    const result = snapshot.result as ClassifyResult | null;
    if (flag(values, 'json')) ctx.printJson(result ?? snapshot);
    else if (result) ctx.print(renderClassifyResult(result, core.language()));
    if (snapshot.status === 'cancelled') return interrupted ? EXIT.interrupted : EXIT.error;
    return EXIT.ok;
  },
};

const compareCommand: Command = {
  name: 'compare',
  summary: 'compare models on the reviewed photos',
  help: `Usage: models compare <id> [<id>...] [--import N] [--json]

Accuracy, per-label precision and recall, and confusion matrices on the photos a
reviewer labeled; with --import N, only on the photos of import N (see \`imports\`).
`,
  options: { import: { type: 'string' }, ...JSON_OPTION },
  async run(ctx, { values, positionals }) {
    if (positionals.length === 0)
      throw new UsageError('Name at least one model id (see `models list`).');
    const importText = values['import'];
    let importId: number | undefined;
    if (typeof importText === 'string') {
      importId = Number(importText);
      if (!Number.isInteger(importId) || importId < 1) {
        throw new UsageError(`--import takes an import number (1, 2, ...), got "${importText}".`);
      }
    }
    const metrics = await (
      await ctx.core()
    ).invoke('models.compare', {
      modelIds: positionals,
      ...(importId === undefined ? {} : { importId }),
    });
    if (flag(values, 'json')) return ctx.printJson(metrics);
    ctx.print(metrics.map(renderMetrics).join('\n'));
  },
};

/** Old vs new on the held-out photos, then where the new model is. */
export function renderImprove(result: ImproveResult): string {
  const recall = (m: ModelMetrics, label: string) =>
    formatPercent(m.perClass.find((c) => c.label === label)?.recall ?? null);
  let text = `Fitted a new head on ${plural(result.trainPhotos, 'reviewed photo')}; measured on ${plural(result.heldOutPhotos, 'held-out photo')} (${plural(result.groups, 'near-duplicate group')}: ${result.groupedBy}).\n`;
  if (result.newLabels.length) text += `New labels: ${result.newLabels.join(', ')}.\n`;
  text += renderTable(
    [
      { header: 'HELD-OUT' },
      { header: result.parentModelId, align: 'right' },
      { header: result.modelId, align: 'right' },
    ],
    [
      ['accuracy', formatPercent(result.before.accuracy), formatPercent(result.after.accuracy)],
      [
        'balanced accuracy',
        formatPercent(result.before.balancedAccuracy),
        formatPercent(result.after.balancedAccuracy),
      ],
      ...result.labels.map((l) => [
        `recall ${l}`,
        recall(result.before, l),
        recall(result.after, l),
      ]),
    ],
  );
  text += `\nParent on the held-out photos:\n${renderMetrics(result.before)}`;
  text += `\nNew model on the held-out photos:\n${renderMetrics(result.after)}`;
  text += `\nWrote ${result.dir} (model.onnx, model.json, MODEL_CARD.md) in ${formatDuration(result.durationMs)}.\n`;
  text += result.activated
    ? `${result.modelId} is now the active model.\n`
    : `Activate it with: models activate ${result.modelId}   (then: models classify)\n`;
  return text;
}

const improveCommand: Command = {
  name: 'improve',
  summary: 'fit a new head on the reviewed photos and register it as a new version',
  help: `Usage: models improve [--model ID] [--held-out F] [--activate] [--json]

Fits a class-balanced logistic-regression head on the embeddings of the reviewed
photos (labels the model does not know are learned too), holds out about F (0.2) of
the near-duplicate groups, prints old vs new on them, and writes a standalone
model.onnx (the model's graph + the new head), model.json and MODEL_CARD.md as a new
registered version. Offline, no Python; seconds for thousands of photos.

Options:
  --model ID      the model to improve (default: the active one)
  --held-out F    share of groups held out to compare, 0.05..0.5 (default 0.2)
  --activate      classify the library with the new model and make it active
  --json          print the result as JSON
`,
  options: {
    model: { type: 'string' },
    'held-out': { type: 'string' },
    activate: { type: 'boolean' },
    ...JSON_OPTION,
  },
  async run(ctx, { values, positionals }) {
    expectPositionals(positionals, []);
    const core = await ctx.core();
    const modelId = stringOption(values, 'model');
    const heldOut = numberOption(values, 'held-out', { min: 0.05, max: 0.5 });
    const { jobId } = await core.invoke('models.improve', {
      ...(modelId !== undefined && { modelId }),
      ...(heldOut !== undefined && { heldOutShare: heldOut }),
      activate: flag(values, 'activate'),
    });
    const { snapshot, interrupted } = await followJob(ctx, core, jobId, {
      unit: 'photos',
      resumeHint: 'Nothing was registered; run the same command again.',
    });
    if (snapshot.status === 'failed') throw jobFailure(snapshot.error, 'Improve failed.');
    const result = snapshot.result as ImproveResult | null;
    if (flag(values, 'json')) ctx.printJson(result ?? snapshot);
    else if (result) ctx.print(renderImprove(result));
    if (snapshot.status === 'cancelled') return interrupted ? EXIT.interrupted : EXIT.error;
    return EXIT.ok;
  },
};

const backfillCommand: Command = {
  name: 'backfill',
  summary: 'store embeddings for photos that lack them (resumable)',
  help: `Usage: models backfill [--model ID] [--json]

Gives every photo a compact embedding of the model (for improve, similar photos and
likely mistakes): converts embeddings stored by older versions, and runs the model on
photos that have none. Ctrl-C stops it; running it again continues.
`,
  options: { model: { type: 'string' }, ...JSON_OPTION },
  async run(ctx, { values, positionals }) {
    expectPositionals(positionals, []);
    const core = await ctx.core();
    const modelId = stringOption(values, 'model');
    const { jobId } = await core.invoke('embeddings.backfill', {
      ...(modelId !== undefined && { modelId }),
    });
    const { snapshot, interrupted } = await followJob(ctx, core, jobId, {
      unit: 'photos',
      resumeHint: 'Run the same command again to continue.',
    });
    if (snapshot.status === 'failed') throw jobFailure(snapshot.error, 'Backfill failed.');
    const result = snapshot.result as BackfillResult | null;
    if (flag(values, 'json')) ctx.printJson(result ?? snapshot);
    else if (result)
      ctx.print(
        `Embeddings of ${result.modelId}: ${plural(result.converted, 'photo')} converted, ${plural(result.computed, 'photo')} computed${result.failed ? `, ${plural(result.failed, 'photo')} failed` : ''} in ${formatDuration(result.durationMs)}.\n`,
      );
    if (snapshot.status === 'cancelled') return interrupted ? EXIT.interrupted : EXIT.error;
    return EXIT.ok;
  },
};

export const modelsCommand: Command = {
  name: 'models',
  summary: 'list, add, activate, run and compare classification models',
  help: `Usage: models <list|init|add|activate|classify|compare|improve|backfill> ...

  models list                          registered models (* = active)
  models init <dir> [--labels a,b]     write model.json from model.onnx (and a label file)
  models add <dir> [--activate]        register a model folder
  models activate <id>                 make a model the active one
  models classify [--model ID] [--all] classify photos not classified yet
  models compare <id> <id>...          accuracy on the reviewed photos (--import N: of one import)
  models improve [--activate]          fit a new head on the reviewed photos (new version)
  models backfill [--model ID]         store embeddings for photos that lack them

Run \`models <sub-command> --help\` for its options.
`,
  subcommands: [
    listCommand,
    initCommand,
    addCommand,
    activateCommand,
    classifyCommand,
    compareCommand,
    improveCommand,
    backfillCommand,
  ],
};

/** A failed job's error as the core raised it, so it prints in the library's language. */
function jobFailure(error: SerializedError | null, fallback: string): Error {
  return error ? deserializeError(error) : new Error(fallback);
}
