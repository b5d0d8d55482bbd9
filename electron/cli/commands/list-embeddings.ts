/**
 * `list --similar-to <photo>` and `list --sort likely-mislabeled`: lists driven by the
 * embeddings rather than the review grid's index.
 */
import type { MislabelSuspect, SimilarResult } from '../../contract.js';
import type { CommandContext } from '../command.js';
import { columnWidths, formatPercent, renderRows, type Column } from '../format.js';
import { resolveImage } from '../image-refs.js';
import { LIST_COLUMNS, listRow } from './list.js';

// Functions, not constants: list.ts imports this module (a cycle at load time).
const similarColumns = (): Column[] => [...LIST_COLUMNS, { header: 'SIMILARITY', align: 'right' }];
const suspectColumns = (): Column[] => [
  ...LIST_COLUMNS,
  { header: 'SCORE', align: 'right' },
  { header: 'WHY', maxWidth: 60 },
];

function table(columns: Column[], rows: string[][]): string {
  const widths = columnWidths(columns, rows);
  return `${renderRows(columns, widths, [columns.map((c) => c.header), ...rows]).join('\n')}\n`;
}

/** "7 of its 10 most similar reviewed photos are 'obstructed'". */
export function suspectReason(
  s: Pick<MislabelSuspect, 'agreeing' | 'neighbours' | 'neighbourLabel'>,
): string {
  return `${s.agreeing} of its ${s.neighbours} most similar reviewed photos are '${s.neighbourLabel}'`;
}

export function renderSimilar(photoName: string, result: SimilarResult): string {
  let text = table(
    similarColumns(),
    result.items.map((item) => [...listRow(item), formatPercent(item.similarity)]),
  );
  if (result.vote) {
    text += `${photoName}: ${suspectReason({ ...result.vote, neighbourLabel: result.vote.label })}${result.likelyMislabeled ? ' (likely mislabeled)' : ''}.\n`;
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
  ctx.print(renderSimilar(photo.originalName, result));
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
    ctx.note('No photo disagrees with its most similar reviewed photos.\n');
    return;
  }
  ctx.print(
    table(
      suspectColumns(),
      suspects.map((s) => [...listRow(s), formatPercent(s.score), suspectReason(s)]),
    ),
  );
}
