/** `list`: the library as a table, with the review grid's filters and sorts. */
import type { ImageListResult, ImageSummary, ListArgs } from '../../contract.js';
import type { z } from 'zod';
import {
  choiceOption,
  expectPositionals,
  flag,
  JSON_OPTION,
  numberOption,
  type Command,
  type CommandContext,
  type ParsedInput,
} from '../command.js';
import { listSimilar, listSuspects } from './list-embeddings.js';
import { FILTER_HELP, FILTER_OPTIONS, filterFromOptions } from '../filter-options.js';
import {
  columnWidths,
  formatCount,
  formatPercent,
  formatTube,
  renderRows,
  type Column,
} from '../format.js';
import { cliText, type CliMessageKey } from '../language.js';
import type { Language } from '../../shared/language.js';

const SORTS = ['confidence', 'captured', 'tube', 'imported'] as const;
const PAGE_SIZE = 1000;

/** The columns of `list`, headed in `language`. */
export function listColumns(language: Language = 'en'): Column[] {
  const t = (key: CliMessageKey) => cliText(language, key);
  return [
    { header: t('cli.table.id'), align: 'right' },
    { header: t('cli.table.file'), maxWidth: 40 },
    { header: t('cli.table.tube') },
    { header: t('cli.table.predicted') },
    { header: t('cli.table.conf'), align: 'right' },
    { header: t('cli.table.label') },
    { header: t('cli.table.reviewedYesNo') },
  ];
}

export function listRow(image: ImageSummary, language: Language = 'en'): string[] {
  const t = (key: CliMessageKey) => cliText(language, key);
  return [
    String(image.id),
    image.originalName,
    formatTube(image.tubeRow, image.tubeCol),
    image.predicted ?? '-',
    formatPercent(image.confidence, 1, language),
    image.effectiveLabel ?? '-',
    t(image.reviewed ? 'cli.list.yes' : image.unsure ? 'cli.list.unsure' : 'cli.list.no'),
  ];
}

async function run(ctx: CommandContext, { values, positionals }: ParsedInput) {
  expectPositionals(positionals, []);
  const limit = numberOption(values, 'limit', { min: 1, integer: true });
  const json = flag(values, 'json');
  // Lists ranked by embeddings (issue 13): nearest neighbours, likely mistakes.
  const similarTo = values['similar-to'];
  if (typeof similarTo === 'string') return listSimilar(ctx, similarTo, limit, json);
  if (values['sort'] === 'likely-mislabeled') return listSuspects(ctx, limit, json);
  const filter = filterFromOptions(values);
  const sort = choiceOption(values, 'sort', SORTS) ?? 'confidence';
  const core = await ctx.core();
  const language = ctx.language();
  const columns = listColumns(language);

  const args: z.input<typeof ListArgs> = { filter, sort, descending: flag(values, 'desc') };
  let cursor: string | null = null;
  let shown = 0;
  let widths: number[] | null = null;
  if (json) ctx.print('[');
  do {
    const pageSize: number = Math.min(PAGE_SIZE, limit === undefined ? PAGE_SIZE : limit - shown);
    const page: ImageListResult = await core.invoke('library.list', {
      ...args,
      cursor,
      limit: pageSize,
    });
    cursor = page.nextCursor;
    if (json) {
      ctx.print(
        page.items
          .map((item, i) => `${shown + i === 0 ? '\n' : ',\n'}  ${JSON.stringify(item)}`)
          .join(''),
      );
    } else {
      const rows = page.items.map((item) => listRow(item, language));
      // Widths come from the first page so a long listing streams instead of buffering.
      if (widths === null) {
        widths = columnWidths(columns, rows);
        const header = renderRows(columns, widths, [columns.map((c) => c.header)]);
        ctx.print(`${header.join('\n')}\n`);
      }
      if (rows.length) ctx.print(`${renderRows(columns, widths, rows).join('\n')}\n`);
    }
    shown += page.items.length;
  } while (cursor !== null && (limit === undefined || shown < limit));

  if (json) {
    ctx.print(shown ? '\n]\n' : ']\n');
    return;
  }
  if (shown === 0) {
    ctx.note(`${ctx.t('cli.list.none')}\n`);
  } else if (cursor !== null) {
    const { total } = await core.invoke('library.count', { filter });
    ctx.note(`${ctx.t('cli.list.shownOf', { shown: formatCount(shown, language), n: total })}\n`);
  } else {
    ctx.note(`${ctx.t('cli.list.count', { n: shown })}\n`);
  }
}

export const listCommand: Command = {
  name: 'list',
  summary: 'list photos with their prediction and label (filters, sorts)',
  help: `Usage: list [filters] [--sort S] [--desc] [--limit N] [--json]

Lists photos: id, file name, tube, predicted label, confidence, label, reviewed.
Least confident first by default: the photos most worth a look.

Options:
  --sort S              confidence (default), captured, tube or imported;
                        likely-mislabeled: photos whose label or prediction disagrees
                        with their most similar reviewed photos, with the reason
  --similar-to PHOTO    the photos most like PHOTO (id, sha256 prefix or file name),
                        by cosine similarity of the model's embeddings
  --desc                reverse the order
  --limit N             show at most N photos (default: all)
  --json                print the photos as a JSON array

${FILTER_HELP}
`,
  options: {
    ...FILTER_OPTIONS,
    sort: { type: 'string' },
    'similar-to': { type: 'string' },
    desc: { type: 'boolean' },
    limit: { type: 'string' },
    ...JSON_OPTION,
  },
  run,
};
