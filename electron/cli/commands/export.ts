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
import { CoreError, deserializeError } from '../../core/errors.js';
import {
  EXIT,
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
import { formatCount, formatDuration, plural, renderTable } from '../format.js';

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

/** Photos per label (rows) and split (columns), with totals. */
export function renderCounts(plan: ExportPlan): string {
  const splits = orderSplits(Object.keys(plan.counts));
  const count = (split: string, label: string) => plan.counts[split]?.[label] ?? 0;
  const labels = [...new Set(splits.flatMap((s) => Object.keys(plan.counts[s] ?? {})))].sort();
  const sum = (numbers: number[]) => numbers.reduce((a, b) => a + b, 0);
  const rowFor = (name: string, cells: number[]) =>
    splits.length === 1
      ? [name, formatCount(cells[0]!)]
      : [name, ...cells.map(formatCount), formatCount(sum(cells))];
  const rows = labels.map((label) =>
    rowFor(
      label,
      splits.map((s) => count(s, label)),
    ),
  );
  rows.push(
    rowFor(
      'total',
      splits.map((s) => sum(labels.map((l) => count(s, l)))),
    ),
  );
  const columns =
    splits.length === 1
      ? [{ header: 'LABEL' }, { header: 'PHOTOS', align: 'right' as const }]
      : [
          { header: 'LABEL' },
          ...splits.map((s) => ({ header: s.toUpperCase(), align: 'right' as const })),
          { header: 'TOTAL', align: 'right' as const },
        ];
  return renderTable(columns, rows);
}

/** One line before the work starts; the table comes with the result. */
export function renderPlan(plan: ExportPlan): string {
  const skipped =
    plan.unlabeled > 0 ? ` (${plural(plan.unlabeled, 'photo')} without any label skipped)` : '';
  return `Exporting ${plural(plan.total, 'photo')} to ${plan.dest}${skipped}.\n`;
}

export function renderResult(result: ExportResult): string {
  return `Exported ${plural(result.total, 'photo')} to ${result.dest} in ${formatDuration(result.durationMs)}:
${renderCounts(result)}Files: ${result.files.join(', ')}
`;
}

async function run(ctx: CommandContext, { values, positionals }: ParsedInput) {
  const [dest] = expectPositionals(positionals, ['dest']);
  const split = stringOption(values, 'split');
  const formats = stringOption(values, 'formats');
  const filter = filterFromOptions(values);
  const options: z.input<typeof ExportOptions> = {
    dest: path.resolve(dest!),
    reviewedOnly: flag(values, 'reviewed-only'),
    ...(split !== undefined && { split: parseSplit(split) }),
    ...(formats !== undefined && { formats: parseFormats(formats) }),
    ...(hasFilter(filter) && { filter }),
  };
  const json = flag(values, 'json');
  const core = await ctx.core();
  const plan = await core.invoke('export.preview', options);
  if (!json) ctx.note(renderPlan(plan));
  if (plan.total === 0) {
    throw new CoreError('NOT_FOUND', { key: 'cli.nothingToExport' });
  }
  const { jobId } = await core.invoke('export.start', options);
  const { snapshot, interrupted } = await followJob(ctx, core, jobId, {
    unit: 'photos',
    resumeHint: 'The destination keeps what was written; export again into an empty folder.',
  });
  if (snapshot.status === 'failed') {
    throw snapshot.error ? deserializeError(snapshot.error) : new Error('The export failed.');
  }
  if (snapshot.status === 'cancelled') {
    ctx.note('Export cancelled.\n');
    return interrupted ? EXIT.interrupted : EXIT.error;
  }
  const result = snapshot.result as ExportResult;
  if (json) ctx.printJson(result);
  else ctx.print(renderResult(result));
  return EXIT.ok;
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'export the labeled photos as a training dataset',
  help: `Usage: export <dest> [--split 80/10/10] [--reviewed-only] [--formats LIST] [filters] [--json]

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
  --formats LIST        comma-separated: folders, metadata-csv, labels-csv (default: all)
  --json                print the result as JSON

${FILTER_HELP}
`,
  options: {
    ...FILTER_OPTIONS,
    split: { type: 'string' },
    'reviewed-only': { type: 'boolean' },
    formats: { type: 'string' },
    ...JSON_OPTION,
  },
  run,
};
