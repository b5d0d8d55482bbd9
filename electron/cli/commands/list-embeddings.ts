/**
 * `list --similar-to <photo>` and `list --sort likely-mislabeled`: lists driven by the
 * embeddings rather than the review grid's index.
 */
import type { MislabelSuspect, SimilarResult } from '../../contract.js';
import type { CommandContext } from '../command.js';
import type { Language } from '../../shared/language.js';
import { columnWidths, formatPercent, renderRows, type Column } from '../format.js';
import { resolveImage } from '../image-refs.js';
import { cliText } from '../language.js';
import { listColumns, listRow } from './list.js';

// Functions, not constants: list.ts imports this module (a cycle at load time).
const similarColumns = (language: Language): Column[] => [
  ...listColumns(language),
  { header: cliText(language, 'cli.table.similarity'), align: 'right' },
];
const suspectColumns = (language: Language): Column[] => [
  ...listColumns(language),
  { header: cliText(language, 'cli.table.score'), align: 'right' },
  { header: cliText(language, 'cli.table.why'), maxWidth: 60 },
];

function table(columns: Column[], rows: string[][]): string {
  const widths = columnWidths(columns, rows);
  return `${renderRows(columns, widths, [columns.map((c) => c.header), ...rows]).join('\n')}\n`;
}

/** "7 of its 10 most similar reviewed photos are 'obstructed'". */
export function suspectReason(
  s: Pick<MislabelSuspect, 'agreeing' | 'neighbours' | 'neighbourLabel'>,
  language: Language = 'en',
): string {
  return cliText(language, 'cli.similar.reason', {
    agreeing: s.agreeing,
    n: s.neighbours,
    label: s.neighbourLabel,
  });
}

export function renderSimilar(
  photoName: string,
  result: SimilarResult,
  language: Language = 'en',
): string {
  let text = table(
    similarColumns(language),
    result.items.map((item) => [
      ...listRow(item, language),
      formatPercent(item.similarity, 1, language),
    ]),
  );
  if (result.vote) {
    const reason = suspectReason({ ...result.vote, neighbourLabel: result.vote.label }, language);
    const likely = result.likelyMislabeled ? cliText(language, 'cli.similar.likelyMislabeled') : '';
    text += `${photoName}: ${reason}${likely}.\n`;
  }
  return text;
}

export async function listSimilar(
  ctx: CommandContext,
  ref: string,
  limit: number | undefined,
  json: boolean,
): Promise<void> {
  const core = await ctx.core();
  const photo = await resolveImage(core, ref);
  const result = await core.invoke('library.similar', { imageId: photo.id, limit: limit ?? 12 });
  if (json) return ctx.printJson(result);
  ctx.print(renderSimilar(photo.originalName, result, ctx.language()));
}

export async function listSuspects(
  ctx: CommandContext,
  limit: number | undefined,
  json: boolean,
): Promise<void> {
  const core = await ctx.core();
  const suspects = await core.invoke('library.suspects', { limit: limit ?? 100 });
  if (json) return ctx.printJson(suspects);
  if (suspects.length === 0) {
    ctx.note(`${ctx.t('cli.similar.noSuspects')}\n`);
    return;
  }
  const language = ctx.language();
  ctx.print(
    table(
      suspectColumns(language),
      suspects.map((s) => [
        ...listRow(s, language),
        formatPercent(s.score, 1, language),
        suspectReason(s, language),
      ]),
    ),
  );
}
