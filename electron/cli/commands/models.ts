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
  renderTable,
} from '../format.js';
import { cliText, type CliMessageKey } from '../language.js';
import type { MessageValues } from '../../shared/format-message.js';

export function renderModels(models: ModelInfo[], language: Language = 'en'): string {
  const t = (key: CliMessageKey) => cliText(language, key);
  if (models.length === 0) return `${t('cli.models.none')}\n`;
  return (
    renderTable(
      [
        { header: t('cli.table.id') },
        { header: t('cli.table.name'), maxWidth: 30 },
        { header: t('cli.table.labels'), maxWidth: 40 },
        { header: t('cli.table.photos'), align: 'right' },
        { header: t('cli.table.added') },
      ],
      models.map((m) => [
        m.active ? `${m.id} *` : m.id,
        m.name,
        m.labels.join(', '),
        formatCount(m.predictions, language),
        formatTimestamp(m.addedAt, false),
      ]),
    ) + `${t('cli.models.activeMark')}\n`
  );
}

/** Accuracy, per-class precision/recall and the confusion matrix of one model. */
export function renderMetrics(metrics: ModelMetrics, language: Language = 'en'): string {
  const t = (key: CliMessageKey, values?: MessageValues) => cliText(language, key, values);
  const percent = (fraction: number | null) => formatPercent(fraction, 1, language);
  const headline =
    metrics.reviewed === 0
      ? t('cli.models.noReviewed', { model: metrics.modelId })
      : t('cli.models.accuracy', {
          model: metrics.modelId,
          accuracy: percent(metrics.accuracy),
          balanced: percent(metrics.balancedAccuracy),
          n: metrics.reviewed,
        });
  let text = `${headline}\n`;
  if (metrics.reviewed === 0) return text;
  text += renderTable(
    [
      { header: t('cli.table.label') },
      { header: t('cli.table.precision'), align: 'right' },
      { header: t('cli.table.recall'), align: 'right' },
      { header: t('cli.table.support'), align: 'right' },
    ],
    metrics.perClass.map((c) => [
      c.label,
      percent(c.precision),
      percent(c.recall),
      formatCount(c.support, language),
    ]),
  );
  text += `${t('cli.models.confusion')}\n`;
  text += renderTable(
    [
      { header: '' },
      ...metrics.confusion.labels.map((l) => ({ header: l, align: 'right' as const })),
    ],
    metrics.confusion.labels.map((label, i) => [
      label,
      ...(metrics.confusion.counts[i] ?? []).map((n) => formatCount(n, language)),
    ]),
  );
  return text;
}

export function renderClassifyResult(result: ClassifyResult, language: Language = 'en'): string {
  const t = (key: CliMessageKey, values?: MessageValues) => cliText(language, key, values);
  const failed = result.failed > 0 ? t('cli.models.classifyFailed', { n: result.failed }) : '';
  // Each reason in the output's language (the job recorded it with its catalog key).
  const reason = (error: SerializedError) =>
    renderWireMessage(language, error.messageKey, error.messageValues) ?? error.message;
  const lines = (result.failures ?? []).map((f) => `  ${f.name}: ${reason(f.error)}\n`).join('');
  const more =
    result.failed > (result.failures ?? []).length
      ? `  ${t('cli.models.moreFailed', { n: result.failed - (result.failures ?? []).length })}\n`
      : '';
  const headline = t('cli.models.classified', {
    n: result.classified,
    model: result.modelId,
    duration: formatDuration(result.durationMs, language),
    failed,
  });
  return `${headline}\n${lines}${more}`;
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
    else ctx.print(renderModels(models, ctx.language()));
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
    const added = { model: model.id, name: model.name, labels: model.labels.join(', ') };
    ctx.print(`${ctx.t(model.active ? 'cli.models.addedActive' : 'cli.models.added', added)}\n`);
    if (!model.active) ctx.print(`${ctx.t('cli.models.activateHint', { model: model.id })}\n`);
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
    const wrote = { path: result.path, from: result.labelsFrom, output: result.outputType };
    ctx.print(
      `${ctx.t('cli.models.wrote', wrote)}\n` +
        result.notes.map((note) => `  ${ctx.t('cli.models.assumed', { note })}\n`).join('') +
        `${ctx.t('cli.models.checkThenAdd', { dir: dir! })}\n`,
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
    ctx.print(`${ctx.t('cli.models.nowActive', { model: model.id })}\n`);
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
      resumeHint: ctx.t('cli.models.classifyResume'),
    });
    if (snapshot.status === 'failed')
      throw jobFailure(snapshot.error, ctx.t('cli.models.classifyFailedGeneric'));
    const result = snapshot.result as ClassifyResult | null;
    if (flag(values, 'json')) ctx.printJson(result ?? snapshot);
    else if (result) ctx.print(renderClassifyResult(result, ctx.language()));
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
    ctx.print(metrics.map((m) => renderMetrics(m, ctx.language())).join('\n'));
  },
};

/** Old vs new on the held-out photos, then where the new model is. */
export function renderImprove(result: ImproveResult, language: Language = 'en'): string {
  const t = (key: CliMessageKey, values?: MessageValues) => cliText(language, key, values);
  const percent = (fraction: number | null) => formatPercent(fraction, 1, language);
  const recall = (m: ModelMetrics, label: string) =>
    percent(m.perClass.find((c) => c.label === label)?.recall ?? null);
  let text = `${t('cli.models.improveHeadline', {
    train: result.trainPhotos,
    heldOut: result.heldOutPhotos,
    groups: result.groups,
    groupedBy: result.groupedBy,
  })}\n`;
  if (result.newLabels.length) {
    text += `${t('cli.models.newLabels', { labels: result.newLabels.join(', ') })}\n`;
  }
  text += renderTable(
    [
      { header: t('cli.table.heldOut') },
      { header: result.parentModelId, align: 'right' },
      { header: result.modelId, align: 'right' },
    ],
    [
      [
        t('cli.models.rowAccuracy'),
        percent(result.before.accuracy),
        percent(result.after.accuracy),
      ],
      [
        t('cli.models.rowBalanced'),
        percent(result.before.balancedAccuracy),
        percent(result.after.balancedAccuracy),
      ],
      ...result.labels.map((l) => [
        t('cli.models.rowRecall', { label: l }),
        recall(result.before, l),
        recall(result.after, l),
      ]),
    ],
  );
  text += `\n${t('cli.models.parentOnHeldOut')}\n${renderMetrics(result.before, language)}`;
  text += `\n${t('cli.models.newOnHeldOut')}\n${renderMetrics(result.after, language)}`;
  const duration = formatDuration(result.durationMs, language);
  text += `\n${t('cli.models.wroteModel', { dir: result.dir, duration })}\n`;
  text += result.activated
    ? `${t('cli.models.nowActive', { model: result.modelId })}\n`
    : `${t('cli.models.activateThenClassify', { model: result.modelId })}\n`;
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
      resumeHint: ctx.t('cli.models.improveResume'),
    });
    if (snapshot.status === 'failed')
      throw jobFailure(snapshot.error, ctx.t('cli.models.improveFailed'));
    const result = snapshot.result as ImproveResult | null;
    if (flag(values, 'json')) ctx.printJson(result ?? snapshot);
    else if (result) ctx.print(renderImprove(result, ctx.language()));
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
      resumeHint: ctx.t('cli.models.backfillResume'),
    });
    if (snapshot.status === 'failed')
      throw jobFailure(snapshot.error, ctx.t('cli.models.backfillFailed'));
    const result = snapshot.result as BackfillResult | null;
    if (flag(values, 'json')) ctx.printJson(result ?? snapshot);
    else if (result)
      ctx.print(
        `${ctx.t('cli.models.backfilled', {
          model: result.modelId,
          converted: result.converted,
          computed: result.computed,
          failed: result.failed ? ctx.t('cli.models.classifyFailed', { n: result.failed }) : '',
          duration: formatDuration(result.durationMs, ctx.language()),
        })}\n`,
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
