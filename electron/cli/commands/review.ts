/**
 * `label`, `accept` and `undo`: record review decisions and say exactly what changed
 * (old → new, who, when), read back from the label history.
 */
import { NOTE_MAX_LENGTH, type LabelEvent } from '../../contract.js';
import type { Core } from '../../core/app.js';
import { CoreError } from '../../core/errors.js';
import {
  flag,
  JSON_OPTION,
  stringOption,
  UsageError,
  type Command,
  type CommandContext,
  type OptionValues,
  type ParsedInput,
} from '../command.js';
import { FILTER_HELP, FILTER_OPTIONS, filterFromOptions, hasFilter } from '../filter-options.js';
import { formatTimestamp } from '../format.js';
import { cliText } from '../language.js';
import type { Language } from '../../shared/language.js';
import { resolveImages } from '../image-refs.js';
import { formatChange, formatNoteText, renderNoteLine } from './show.js';

/** Lines of changes printed before "... and N more" (JSON always has them all). */
const MAX_LINES = 50;

export interface Change {
  imageId: number;
  name: string;
  /** The decision recorded now, or null when the photo did not change. */
  event: LabelEvent | null;
}

interface Target {
  id: number;
  lastEventId: number;
}

/** The photos a command acts on: named ones, or every photo matching the filter flags. */
async function targetIds(core: Core, refs: string[], values: OptionValues): Promise<number[]> {
  const filter = filterFromOptions(values);
  if (refs.length > 0 && hasFilter(filter)) {
    throw new UsageError('Name photos or give filters, not both.');
  }
  if (hasFilter(filter)) {
    const { ids } = await core.invoke('library.ids', { filter });
    // Not a usage mistake (the filters are fine): one line and exit 1, no help page.
    if (ids.length === 0) throw new CoreError('NOT_FOUND', { key: 'cli.noMatch' });
    return ids;
  }
  if (refs.length === 0)
    throw new UsageError(
      'Name at least one photo (id, sha256 prefix or file name), or give filters.',
    );
  return (await resolveImages(core, refs)).map((image) => image.id);
}

async function lastEventIds(core: Core, ids: number[]): Promise<Target[]> {
  const targets: Target[] = [];
  for (const id of ids) {
    const history = await core.invoke('review.history', { imageId: id });
    targets.push({ id, lastEventId: history.at(-1)?.id ?? 0 });
  }
  return targets;
}

/** Reads back what each photo's newest decision after `lastEventId` is. */
async function readChanges(core: Core, targets: Target[]): Promise<Change[]> {
  const changes: Change[] = [];
  for (const { id, lastEventId } of targets) {
    const detail = await core.invoke('library.get', { imageId: id });
    const recent = detail.history.filter((e) => e.id > lastEventId);
    changes.push({ imageId: id, name: detail.originalName, event: recent.at(-1) ?? null });
  }
  return changes;
}

export function renderChange(change: Change, language: Language = 'en'): string {
  if (!change.event) {
    return `#${change.imageId} ${change.name}: ${cliText(language, 'cli.review.unchanged')}`;
  }
  const e = change.event;
  return `#${change.imageId} ${change.name}: ${formatChange(e.oldLabel, e.newLabel, language)} (${e.reviewer}, ${formatTimestamp(e.at)})`;
}

export function renderChanges(
  headline: string,
  changes: Change[],
  language: Language = 'en',
): string {
  const lines = changes.slice(0, MAX_LINES).map((c) => `  ${renderChange(c, language)}\n`);
  if (changes.length > MAX_LINES) {
    lines.push(`  ${cliText(language, 'cli.review.more', { n: changes.length - MAX_LINES })}\n`);
  }
  return `${headline}\n${lines.join('')}`;
}

function reviewerOf(values: OptionValues): string | undefined {
  return stringOption(values, 'reviewer');
}

async function runLabel(ctx: CommandContext, { values, positionals }: ParsedInput) {
  if (positionals.length === 0) throw new UsageError('Missing <label>.');
  const label = positionals.at(-1)!;
  const core = await ctx.core();
  const ids = await targetIds(core, positionals.slice(0, -1), values);
  const targets = await lastEventIds(core, ids);
  const { changed } = await core.invoke('review.setLabel', {
    imageIds: ids,
    label,
    reviewer: reviewerOf(values),
  });
  const changes = await readChanges(core, targets);
  if (flag(values, 'json')) return ctx.printJson({ changed, changes });
  const unchanged = ids.length - changed;
  const already = unchanged > 0 ? ctx.t('cli.review.alreadyHad', { n: unchanged }) : '';
  const headline = ctx.t('cli.review.labeled', { n: changed, label: label.trim(), already });
  ctx.print(renderChanges(headline, changes, ctx.language()));
}

async function runAccept(ctx: CommandContext, { values, positionals }: ParsedInput) {
  const core = await ctx.core();
  const ids = await targetIds(core, positionals, values);
  const targets = await lastEventIds(core, ids);
  const { changed } = await core.invoke('review.accept', {
    imageIds: ids,
    reviewer: reviewerOf(values),
  });
  const changes = await readChanges(core, targets);
  if (flag(values, 'json')) return ctx.printJson({ changed, changes });
  ctx.print(renderChanges(ctx.t('cli.review.accepted', { n: changed }), changes, ctx.language()));
}

async function runUndo(ctx: CommandContext, { values, positionals }: ParsedInput) {
  if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
  const core = await ctx.core();
  const { reverted, imageIds } = await core.invoke('review.undo', { reviewer: reviewerOf(values) });
  // The undo is the newest event of each photo it touched.
  const changes = await readChanges(
    core,
    imageIds.map((id) => ({ id, lastEventId: 0 })),
  );
  if (flag(values, 'json')) return ctx.printJson({ reverted, changes });
  ctx.print(renderChanges(ctx.t('cli.review.undid', { n: reverted }), changes, ctx.language()));
}

const REVIEWER_OPTION = { reviewer: { type: 'string' } } as const;
const REVIEWER_HELP = `  --reviewer NAME       who decides (default: the name in \`settings\`)`;

export const labelCommand: Command = {
  name: 'label',
  summary: 'set the label of photos (by id, sha256 or file name, or by filters)',
  help: `Usage: label <image...> <label> [--reviewer NAME] [--json]
       label <label> [filters] [--reviewer NAME] [--json]

Records a reviewer label on the named photos, or on every photo matching the filters.
\`undo\` reverts it.

Options:
${REVIEWER_HELP}
  --json                print the changes as JSON

${FILTER_HELP}
`,
  options: { ...FILTER_OPTIONS, ...REVIEWER_OPTION, ...JSON_OPTION },
  run: runLabel,
};

export const acceptCommand: Command = {
  name: 'accept',
  summary: "accept the model's prediction as the label of photos",
  help: `Usage: accept <image...> [--reviewer NAME] [--json]
       accept [filters] [--reviewer NAME] [--json]

Confirms the active model's prediction as the label, e.g. every confident one:
  accept --predicted clear --min-confidence 0.99

Options:
${REVIEWER_HELP}
  --json                print the changes as JSON

${FILTER_HELP}
`,
  options: { ...FILTER_OPTIONS, ...REVIEWER_OPTION, ...JSON_OPTION },
  run: runAccept,
};

export const undoCommand: Command = {
  name: 'undo',
  summary: 'revert the last label decision',
  help: `Usage: undo [--reviewer NAME] [--json]

Reverts the reviewer's last decision (all the photos it covered).

Options:
${REVIEWER_HELP}
  --json                print the changes as JSON
`,
  options: { ...REVIEWER_OPTION, ...JSON_OPTION },
  run: runUndo,
};

// ---------------------------------------------------------------------------
// unsure answers and notes (issue 11)
// ---------------------------------------------------------------------------

async function runUnsure(ctx: CommandContext, { values, positionals }: ParsedInput) {
  const core = await ctx.core();
  const ids = await targetIds(core, positionals, values);
  const targets = await lastEventIds(core, ids);
  const { changed } = await core.invoke('review.markUnsure', {
    imageIds: ids,
    reviewer: reviewerOf(values),
  });
  const changes = await readChanges(core, targets);
  if (flag(values, 'json')) return ctx.printJson({ changed, changes });
  const unchanged = ids.length - changed;
  const already = unchanged > 0 ? ctx.t('cli.review.alreadyUnsure', { n: unchanged }) : '';
  const headline = ctx.t('cli.review.markedUnsure', { n: changed, already });
  ctx.print(renderChanges(headline, changes, ctx.language()));
}

async function runNote(ctx: CommandContext, { values, positionals }: ParsedInput) {
  const clear = flag(values, 'clear');
  if (positionals.length === 0) throw new UsageError('Missing <image>.');
  if (positionals.length > 2) {
    throw new UsageError('Give the note as one argument, in quotes: note 42 "text, more text".');
  }
  if (clear && positionals.length === 2) {
    throw new UsageError('Give a note text or --clear, not both.');
  }
  const core = await ctx.core();
  const [image] = await resolveImages(core, [positionals[0]!]);
  const imageId = image!.id;
  const text = positionals[1];
  if (text === undefined && !clear) {
    // No text: show the note and its history.
    const history = await core.invoke('review.noteHistory', { imageId });
    const detail = await core.invoke('library.get', { imageId });
    if (flag(values, 'json')) return ctx.printJson({ note: detail.note ?? null, history });
    const language = ctx.language();
    ctx.print(
      `#${imageId} ${detail.originalName}: ${formatNoteText(detail.note?.text ?? null, language)}\n` +
        history.map((e) => `  ${renderNoteLine(e, language)}\n`).join(''),
    );
    return;
  }
  if (text !== undefined && text.length > NOTE_MAX_LENGTH) {
    throw new CoreError('INVALID_ARGUMENT', {
      key: 'cli.noteTooLong',
      values: { length: text.length, max: NOTE_MAX_LENGTH },
    });
  }
  const result = await core.invoke('review.setNote', {
    imageId,
    text: text ?? '',
    reviewer: reviewerOf(values),
  });
  if (flag(values, 'json')) return ctx.printJson(result);
  const headline = !result.changed
    ? ctx.t('cli.review.unchanged')
    : result.note
      ? ctx.t('cli.review.noteSaved', { text: formatNoteText(result.note.text, ctx.language()) })
      : ctx.t('cli.review.noteCleared');
  ctx.print(`#${imageId} ${image!.originalName}: ${headline}\n`);
}

export const unsureCommand: Command = {
  name: 'unsure',
  summary: 'answer "unsure / skip" for photos (no label; undo reverts it)',
  help: `Usage: unsure <image...> [--reviewer NAME] [--json]
       unsure [filters] [--reviewer NAME] [--json]

Records that the reviewer cannot tell what the photos show. An unsure photo carries no
reviewer label (an earlier label is replaced, and \`undo\` puts it back); it is listed by
\`list --unsure\` and left out of exports unless \`export --include-unsure\`.

Options:
${REVIEWER_HELP}
  --json                print the changes as JSON

${FILTER_HELP}
`,
  options: { ...FILTER_OPTIONS, ...REVIEWER_OPTION, ...JSON_OPTION },
  run: runUnsure,
};

export const noteCommand: Command = {
  name: 'note',
  summary: "show, write or clear a photo's note",
  help: `Usage: note <image> "text" [--reviewer NAME] [--json]
       note <image> --clear [--reviewer NAME] [--json]
       note <image> [--json]

Writes the photo's free-text note (replacing the previous one), clears it, or shows it
with every change (who, when, old and new text). Notes never change a label; they are
exported in labels.csv and metadata.csv (column \`note\`).

Options:
${REVIEWER_HELP}
  --clear               remove the note (kept in the history)
  --json                print the result as JSON
`,
  options: { ...REVIEWER_OPTION, clear: { type: 'boolean' }, ...JSON_OPTION },
  run: runNote,
};
