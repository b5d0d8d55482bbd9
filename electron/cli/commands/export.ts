/** `export <dest>`: writes the labeled dataset the data-science team trains from. */
import path from 'node:path';
import type {
  ExportFormat,
  ExportOptions,
  ExportPlan,
  ExportResult,
  SplitSpec,
} from '../../contract.js';
import type { z } from 'zod';
import { ExportOptions as ExportOptionsSchema } from '../../contract.js';
import { CoreError, deserializeError, isCoreError, serializeError } from '../../core/errors.js';
import {
  EXIT,
  exitCodeFor,
  expectPositionals,
  flag,
  JSON_OPTION,
  stringOption,
  UsageError,
  type Command,
  type CommandContext,
  type ParsedInput,
} from '../command.js';
import { FILTER_HELP, FILTER_OPTIONS, filterFromOptions, hasFilter } from '../filter-options.js';
import { followJob } from '../follow-job.js';
import { formatCount, formatDuration, renderTable } from '../format.js';
import { cliText, languageOverride, type CliMessageKey } from '../language.js';
import type { MessageValues } from '../../shared/format-message.js';
import type { Language } from '../../shared/language.js';
import { addresses, CREDENTIALS_HELP } from './sync.js';

const FORMATS: readonly ExportFormat[] = ['folders', 'metadata-csv', 'labels-csv'];

/** "80/10/10" (train/val/test) or "80/20" (train/val). */
export function parseSplit(text: string): SplitSpec {
  const parts = text.split('/').map((p) => p.trim());
  if (parts.length < 2 || parts.length > 3 || parts.some((p) => !/^\d{1,3}$/.test(p))) {
    throw new UsageError(
      `--split must look like 80/10/10 (train/val/test percentages), got "${text}".`,
    );
  }
  const [train, val, test = 0] = parts.map(Number) as [number, number, number?];
  if (train + val + test !== 100) {
    throw new UsageError(`--split percentages must add up to 100, got ${train + val + test}.`);
  }
  return { train, val, test };
}

export function parseFormats(text: string): ExportFormat[] {
  const formats = text
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const unknown = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (formats.length === 0 || unknown.length > 0) {
    throw new UsageError(
      `--formats takes a comma-separated list of ${FORMATS.join(', ')}${unknown.length ? `; unknown: ${unknown.join(', ')}` : ''}.`,
    );
  }
  return [...new Set(formats)] as ExportFormat[];
}

const SPLIT_ORDER = ['train', 'val', 'test'];

/** train, val, test in the order data scientists read them; anything else after. */
function orderSplits(splits: string[]): string[] {
  const rank = (s: string) =>
    SPLIT_ORDER.includes(s) ? SPLIT_ORDER.indexOf(s) : SPLIT_ORDER.length;
  return [...splits].sort((a, b) => rank(a) - rank(b));
}

/**
 * Photos per label (rows) and split (columns), with totals. Split headers stay the
 * folder names the export writes (TRAIN = train/).
 */
export function renderCounts(plan: ExportPlan, language: Language = 'en'): string {
  const t = (key: CliMessageKey) => cliText(language, key);
  const count = (n: number) => formatCount(n, language);
  const splits = orderSplits(Object.keys(plan.counts));
  const inSplit = (split: string, label: string) => plan.counts[split]?.[label] ?? 0;
  const labels = [...new Set(splits.flatMap((s) => Object.keys(plan.counts[s] ?? {})))].sort();
  const sum = (numbers: number[]) => numbers.reduce((a, b) => a + b, 0);
  const rowFor = (name: string, cells: number[]) =>
    splits.length === 1
      ? [name, count(cells[0]!)]
      : [name, ...cells.map((n) => count(n)), count(sum(cells))];
  const rows = labels.map((label) =>
    rowFor(
      label,
      splits.map((s) => inSplit(s, label)),
    ),
  );
  rows.push(
    rowFor(
      t('cli.export.total'),
      splits.map((s) => sum(labels.map((l) => inSplit(s, l)))),
    ),
  );
  const columns =
    splits.length === 1
      ? [
          { header: t('cli.table.label') },
          { header: t('cli.table.photos'), align: 'right' as const },
        ]
      : [
          { header: t('cli.table.label') },
          ...splits.map((s) => ({ header: s.toUpperCase(), align: 'right' as const })),
          { header: t('cli.table.total'), align: 'right' as const },
        ];
  return renderTable(columns, rows);
}

/** One line before the work starts; the table comes with the result. */
export function renderPlan(plan: ExportPlan, language: Language = 'en'): string {
  const t = (key: CliMessageKey, values?: MessageValues) => cliText(language, key, values);
  const skipped = plan.unlabeled > 0 ? t('cli.export.skipped', { n: plan.unlabeled }) : '';
  const unsure = plan.unsure ?? { included: 0, leftOut: 0 };
  const unsureNote =
    unsure.leftOut > 0
      ? t('cli.export.unsureLeftOut', { n: unsure.leftOut })
      : unsure.included > 0
        ? t('cli.export.unsureIncluded', { n: unsure.included })
        : '';
  const photos = t('cli.export.photos', { n: plan.total });
  return `${t('cli.export.plan', { photos, dest: plan.dest, skipped, unsure: unsureNote })}\n`;
}

export function renderResult(result: ExportResult, language: Language = 'en'): string {
  const t = (key: CliMessageKey, values?: MessageValues) => cliText(language, key, values);
  const headline = t('cli.export.result', {
    photos: t('cli.export.photos', { n: result.total }),
    dest: result.dest,
    duration: formatDuration(result.durationMs, language),
  });
  return `${headline}\n${renderCounts(result, language)}${t('cli.export.files', { files: result.files.join(', ') })}\n`;
}

function exportOptions(values: ParsedInput['values'], dest: string): z.input<typeof ExportOptions> {
  const split = stringOption(values, 'split');
  const formats = stringOption(values, 'formats');
  const filter = filterFromOptions(values);
  return {
    dest: path.resolve(dest),
    reviewedOnly: flag(values, 'reviewed-only'),
    includeUnsure: flag(values, 'include-unsure'),
    ...(split !== undefined && { split: parseSplit(split) }),
    ...(formats !== undefined && { formats: parseFormats(formats) }),
    ...(hasFilter(filter) && { filter }),
  };
}

function renderConflicts(result: ExportResult, language: Language): string {
  const n = result.conflicts ?? 0;
  return n > 0 ? `${cliText(language, 'cli.export.conflicts', { n })}\n` : '';
}

/**
 * `export --hub ... [inspection...] <dest>`: every laptop's photos and decisions from the
 * hub, received into a staging library (the cache), then exported like a local export.
 */
async function runHub(ctx: CommandContext, { values, positionals }: ParsedInput) {
  const address = addresses(values);
  if (positionals.length < 1) throw new UsageError('Give the destination folder.');
  const dest = positionals[positionals.length - 1]!;
  const refs = positionals.slice(0, -1);
  const json = flag(values, 'json');
  const options = ExportOptionsSchema.parse(exportOptions(values, dest));
  const { defaultHubExportCache, resolveHubInspections, startHubExport } =
    await import('../../core/hub/hub-export.js');
  const cache = path.resolve(
    stringOption(values, 'cache') ??
      defaultHubExportCache(
        address,
        refs.length === 0 ? null : refs.map((r) => r.trim().toLocaleLowerCase()),
      ),
  );
  const { createCore } = await import('../../core/app.js');
  // The staging library: no model of its own, only what the hub holds.
  const staging = await createCore({ libraryDir: cache });
  // The staging library speaks as the runner's library would: override, else its setting.
  const language = languageOverride() ?? staging.language();
  const t = (key: CliMessageKey, messageValues?: MessageValues) =>
    cliText(language, key, messageValues);
  try {
    const inspections = await resolveHubInspections(address, refs, { cache });
    const photos = inspections.reduce((sum, i) => sum + i.photos, 0);
    if (!json) {
      const photoCount = t('cli.export.photos', { n: photos });
      ctx.note(
        `${t('cli.export.receiving', { n: inspections.length, photos: photoCount, cache })}\n`,
      );
    }
    const { jobId } = startHubExport(staging.context, address, inspections, options);
    const { snapshot, interrupted } = await followJob(ctx, staging, jobId, {
      language,
      resumeHint: t('cli.export.hubResumeHint', { cache }),
    });
    if (snapshot.status === 'failed') {
      throw snapshot.error ? deserializeError(snapshot.error) : new Error(t('cli.export.failed'));
    }
    if (snapshot.status === 'cancelled') {
      ctx.note(`${t('cli.export.cancelled')}\n`);
      return interrupted ? EXIT.interrupted : EXIT.error;
    }
    const result = snapshot.result as ExportResult;
    if (json) ctx.printJson(result);
    else ctx.print(renderResult(result, language) + renderConflicts(result, language));
    return EXIT.ok;
  } catch (error) {
    // In the staging library's language (the runner would fall back to English).
    if (!isCoreError(error)) throw error;
    const serialized = serializeError(error, language);
    if (json) ctx.printJson({ error: { code: serialized.code, message: serialized.message } });
    ctx.note(`${t('cli.errorPrefix')}${serialized.message}\n`);
    return exitCodeFor(serialized.code);
  } finally {
    await staging.close();
  }
}

async function run(ctx: CommandContext, input: ParsedInput) {
  const { values, positionals } = input;
  if (values.hub !== undefined || values.objects !== undefined) return runHub(ctx, input);
  const [dest] = expectPositionals(positionals, ['dest']);
  const options = exportOptions(values, dest!);
  const json = flag(values, 'json');
  const core = await ctx.core();
  const plan = await core.invoke('export.preview', options);
  if (!json) ctx.note(renderPlan(plan, ctx.language()));
  if (plan.total === 0) {
    throw new CoreError('NOT_FOUND', { key: 'cli.nothingToExport' });
  }
  const { jobId } = await core.invoke('export.start', options);
  const { snapshot, interrupted } = await followJob(ctx, core, jobId, {
    resumeHint: ctx.t('cli.export.resumeHint'),
  });
  if (snapshot.status === 'failed') {
    throw snapshot.error ? deserializeError(snapshot.error) : new Error(ctx.t('cli.export.failed'));
  }
  if (snapshot.status === 'cancelled') {
    ctx.note(`${ctx.t('cli.export.cancelled')}\n`);
    return interrupted ? EXIT.interrupted : EXIT.error;
  }
  const result = snapshot.result as ExportResult;
  if (json) ctx.printJson(result);
  else ctx.print(renderResult(result, ctx.language()) + renderConflicts(result, ctx.language()));
  return EXIT.ok;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'export the labeled photos as a training dataset',
  help: `Usage: export <dest> [--split 80/10/10] [--reviewed-only] [--include-unsure] [--formats LIST] [filters] [--json]
       export --hub <postgres-url> --objects <s3-url> [inspection...] <dest> [options]

Writes the photos with their effective label (the reviewer's, else the model's) to
<dest>: a folder per label (PyTorch ImageFolder, Keras), metadata.csv (Hugging Face
imagefolder), labels.csv and manifest.json.

Options:
  --split T/V/T         train/val/test percentages, e.g. 80/10/10. Deterministic:
                        a photo lands in the same split in every export. Photos of
                        one tube position stay together, and so do Roboflow's
                        augmented copies of one source photo (<source>_jpg.rf.<hash>);
                        other photos are split one by one (by sha256), so other
                        near-identical photos CAN land on both sides
  --reviewed-only       only photos a reviewer labeled
  --include-unsure      also list photos a reviewer answered "unsure" (left out by
                        default, as no one vouches for a label): empty label,
                        unsure=true in labels.csv and metadata.csv, copied under
                        _unsure/ (not a class folder)
  --formats LIST        comma-separated: folders, metadata-csv, labels-csv (default: all)
  --json                print the result as JSON

Photos two people labeled differently are exported once, under the latest decision
(as laptops merge), and every competing decision is listed in conflicts.csv.

From the hub (every laptop's photos and decisions):
  export --hub <postgres-url> --objects <s3-url> [inspection...] <dest> [options]

  [inspection...]       the hub's inspections by origin (device/import) or card folder
                        name; all of them when none is given
  --cache DIR           the staging library the hub's photos are received into (default:
                        a folder per hub under the user's cache folder). Kept: a run cut
                        by the network or Ctrl-C is run again and fetches only what it
                        lacks, and a later export only what is new
Photos are streamed from object storage by sha256 and checked before use.
${CREDENTIALS_HELP}

${FILTER_HELP}
`,
  options: {
    ...FILTER_OPTIONS,
    split: { type: 'string' },
    'reviewed-only': { type: 'boolean' },
    'include-unsure': { type: 'boolean' },
    formats: { type: 'string' },
    hub: { type: 'string' },
    objects: { type: 'string' },
    cache: { type: 'string' },
    ...JSON_OPTION,
  },
  run,
};
