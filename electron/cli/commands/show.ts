/** `show <image>`: everything about one photo: file, prediction scores, label history. */
import path from 'node:path';
import {
  UNSURE_ANSWER,
  type ImageDetail,
  type LabelEvent,
  type NoteEvent,
} from '../../contract.js';
import { originalPath } from '../../core/library/database.js';
import type { LibraryPaths } from '../../core/library/database.js';
import {
  expectPositionals,
  flag,
  JSON_OPTION,
  type Command,
  type CommandContext,
  type ParsedInput,
} from '../command.js';
import {
  formatBytes,
  formatPercent,
  formatTimestamp,
  renderFields,
  renderTable,
} from '../format.js';
import { resolveImage } from '../image-refs.js';
import { cliText, type CliMessageKey } from '../language.js';
import type { MessageValues } from '../../shared/format-message.js';
import type { Language } from '../../shared/language.js';

/** An answer as history shows it: the label, "unsure", or "(unreviewed)". */
function formatAnswer(answer: string | null, language: Language): string {
  if (answer === null) return cliText(language, 'cli.show.unreviewed');
  return answer === UNSURE_ANSWER ? cliText(language, 'cli.show.unsure') : answer;
}

/** "clear → clogged"; a photo without a reviewer label reads "(unreviewed)". */
export function formatChange(
  oldLabel: string | null,
  newLabel: string | null,
  language: Language = 'en',
): string {
  return `${formatAnswer(oldLabel, language)} → ${formatAnswer(newLabel, language)}`;
}

/** A note on one line: line breaks shown as ⏎, quoted. */
export function formatNoteText(text: string | null, language: Language = 'en'): string {
  return text === null ? cliText(language, 'cli.show.noNote') : `"${text.replace(/\n/g, ' ⏎ ')}"`;
}

export function renderNoteLine(event: NoteEvent, language: Language = 'en'): string {
  const values = {
    at: formatTimestamp(event.at),
    author: event.author,
    text: formatNoteText(event.newText, language),
    old: formatNoteText(event.oldText, language),
  };
  const key: CliMessageKey =
    event.newText === null
      ? 'cli.show.noteCleared'
      : event.oldText === null
        ? 'cli.show.noteWrote'
        : 'cli.show.noteRewrote';
  return cliText(language, key, values);
}

const KIND_KEYS: Record<LabelEvent['kind'], CliMessageKey> = {
  set: 'cli.show.history.set',
  accept: 'cli.show.history.accept',
  undo: 'cli.show.history.undo',
};

export function renderHistoryLine(event: LabelEvent, language: Language = 'en'): string {
  const model = event.modelId
    ? cliText(language, 'cli.show.byModel', { model: event.modelId })
    : '';
  return `${cliText(language, KIND_KEYS[event.kind], {
    at: formatTimestamp(event.at),
    reviewer: event.reviewer,
    change: formatChange(event.oldLabel, event.newLabel, language),
  })}${model}`;
}

export function renderImageDetail(
  image: ImageDetail,
  paths: LibraryPaths,
  language: Language = 'en',
): string {
  const t = (key: CliMessageKey, values?: MessageValues) => cliText(language, key, values);
  const percent = (fraction: number | null | undefined) => formatPercent(fraction, 1, language);
  const ext = path.extname(image.originalUrl).slice(1);
  const tube =
    image.tubeRow === null && image.tubeCol === null
      ? '-'
      : t('cli.show.tubePosition', {
          row: image.tubeRow === null ? '?' : String(image.tubeRow),
          col: image.tubeCol === null ? '?' : String(image.tubeCol),
        });
  const prediction =
    image.predicted === null
      ? t('cli.show.notClassified')
      : `${image.predicted} (${percent(image.confidence)})`;
  const label = image.reviewed
    ? t('cli.show.reviewedBy', {
        label: image.label ?? '?',
        reviewer: image.reviewer ?? '?',
        at: formatTimestamp(image.reviewedAt),
      })
    : image.unsureBy
      ? t('cli.show.unsureBy', {
          reviewer: image.unsureBy.reviewer,
          at: formatTimestamp(image.unsureBy.at),
        })
      : t('cli.show.notReviewed');
  const captured = formatTimestamp(image.capturedAt);
  const fields: [string, string][] = [
    ['sha256', image.sha256],
    [t('cli.show.field.tube'), tube],
    [
      t('cli.show.field.captured'),
      t(image.capturedFrom === 'exif' ? 'cli.show.capturedFromExif' : 'cli.show.capturedFromFile', {
        at: captured,
      }),
    ],
    [
      t('cli.show.field.imported'),
      t('cli.show.importedValue', {
        at: formatTimestamp(image.importedAt),
        id: String(image.importId),
      }),
    ],
    [t('cli.show.field.onCard'), image.sourcePath],
    [
      t('cli.show.field.size'),
      `${formatBytes(image.sizeBytes, language)}, ${image.width}×${image.height} ${image.format}`,
    ],
    [t('cli.show.field.predicted'), prediction],
    [t('cli.show.field.label'), label],
    [
      t('cli.show.field.note'),
      image.note
        ? `${formatNoteText(image.note.text, language)} (${image.note.author}, ${formatTimestamp(image.note.at)})`
        : '-',
    ],
    [t('cli.show.field.file'), originalPath(paths, image.sha256, ext)],
  ];
  let text = `#${image.id}  ${image.originalName}\n${renderFields(fields, '  ')}`;
  if (image.predictions.length > 0) {
    const labels = [...new Set(image.predictions.flatMap((p) => Object.keys(p.scores)))];
    const rows = image.predictions.map((p) => [
      p.modelId,
      ...labels.map((l) => (p.scores[l] === undefined ? '-' : percent(p.scores[l]))),
      p.label,
    ]);
    text += `\n${t('cli.show.scores')}\n${renderTable(
      [
        { header: t('cli.table.model') },
        ...labels.map((l) => ({ header: l, align: 'right' as const })),
        { header: t('cli.table.predicted') },
      ],
      rows,
    )}`;
  }
  text += `\n${t('cli.show.history')}\n`;
  text +=
    image.history.length === 0
      ? `  ${t('cli.show.noDecisions')}\n`
      : image.history.map((e) => `  ${renderHistoryLine(e, language)}\n`).join('');
  const notes = image.noteHistory ?? [];
  if (notes.length > 0) {
    text += `${t('cli.show.noteHistory')}\n${notes.map((e) => `  ${renderNoteLine(e, language)}\n`).join('')}`;
  }
  return text;
}

async function run(ctx: CommandContext, { values, positionals }: ParsedInput) {
  const [ref] = expectPositionals(positionals, ['image']);
  const core = await ctx.core();
  const match = await resolveImage(core, ref!);
  const detail = await core.invoke('library.get', { imageId: match.id });
  if (flag(values, 'json')) ctx.printJson(detail);
  else ctx.print(renderImageDetail(detail, core.context.paths, ctx.language()));
}

export const showCommand: Command = {
  name: 'show',
  summary: 'show one photo: file, scores, label and note history',
  help: `Usage: show <image> [--json]

<image> is a photo id, at least 8 characters of its sha256, or its file name.

Options:
  --json          print the details as JSON
`,
  options: { ...JSON_OPTION },
  run,
};
