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

/** An answer as history shows it: the label, "unsure", or "(unreviewed)". */
function formatAnswer(answer: string | null): string {
  if (answer === null) return '(unreviewed)';
  return answer === UNSURE_ANSWER ? 'unsure' : answer;
}

/** "clear → clogged"; a photo without a reviewer label reads "(unreviewed)". */
export function formatChange(oldLabel: string | null, newLabel: string | null): string {
  return `${formatAnswer(oldLabel)} → ${formatAnswer(newLabel)}`;
}

/** A note on one line: line breaks shown as ⏎, quoted. */
export function formatNoteText(text: string | null): string {
  return text === null ? '(no note)' : `"${text.replace(/\n/g, ' ⏎ ')}"`;
}

export function renderNoteLine(event: NoteEvent): string {
  const verb = event.newText === null ? 'cleared the note' : 'wrote';
  const detail =
    event.newText === null
      ? ` (was ${formatNoteText(event.oldText)})`
      : `: ${formatNoteText(event.newText)}${event.oldText === null ? '' : ` (was ${formatNoteText(event.oldText)})`}`;
  return `${formatTimestamp(event.at)}  ${event.author} ${verb}${detail}`;
}

const KIND_WORDS: Record<LabelEvent['kind'], string> = {
  set: 'labeled',
  accept: 'accepted',
  undo: 'undid',
};

export function renderHistoryLine(event: LabelEvent): string {
  const model = event.modelId ? ` (model ${event.modelId})` : '';
  return `${formatTimestamp(event.at)}  ${event.reviewer} ${KIND_WORDS[event.kind]}: ${formatChange(event.oldLabel, event.newLabel)}${model}`;
}

export function renderImageDetail(image: ImageDetail, paths: LibraryPaths): string {
  const ext = path.extname(image.originalUrl).slice(1);
  const tube =
    image.tubeRow === null && image.tubeCol === null
      ? '-'
      : `row ${image.tubeRow ?? '?'}, column ${image.tubeCol ?? '?'}`;
  const prediction =
    image.predicted === null
      ? 'not classified yet (run `models classify`)'
      : `${image.predicted} (${formatPercent(image.confidence)})`;
  const label = image.reviewed
    ? `${image.label} (reviewed by ${image.reviewer ?? '?'}, ${formatTimestamp(image.reviewedAt)})`
    : image.unsureBy
      ? `none: unsure (answered by ${image.unsureBy.reviewer}, ${formatTimestamp(image.unsureBy.at)})`
      : 'not reviewed';
  const fields: [string, string][] = [
    ['sha256', image.sha256],
    ['Tube', tube],
    [
      'Captured',
      `${formatTimestamp(image.capturedAt)} (from ${image.capturedFrom === 'exif' ? 'EXIF' : 'file date'})`,
    ],
    ['Imported', `${formatTimestamp(image.importedAt)}, import #${image.importId}`],
    ['On the card', image.sourcePath],
    ['Size', `${formatBytes(image.sizeBytes)}, ${image.width}×${image.height} ${image.format}`],
    ['Predicted', prediction],
    ['Label', label],
    [
      'Note',
      image.note
        ? `${formatNoteText(image.note.text)} (${image.note.author}, ${formatTimestamp(image.note.at)})`
        : '-',
    ],
    ['File', originalPath(paths, image.sha256, ext)],
  ];
  let text = `#${image.id}  ${image.originalName}\n${renderFields(fields, '  ')}`;
  if (image.predictions.length > 0) {
    const labels = [...new Set(image.predictions.flatMap((p) => Object.keys(p.scores)))];
    const rows = image.predictions.map((p) => [
      p.modelId,
      ...labels.map((l) => (p.scores[l] === undefined ? '-' : formatPercent(p.scores[l]))),
      p.label,
    ]);
    text += `\nScores\n${renderTable(
      [
        { header: 'MODEL' },
        ...labels.map((l) => ({ header: l, align: 'right' as const })),
        { header: 'PREDICTED' },
      ],
      rows,
    )}`;
  }
  text += `\nHistory\n`;
  text +=
    image.history.length === 0
      ? '  no decisions yet\n'
      : image.history.map((e) => `  ${renderHistoryLine(e)}\n`).join('');
  const notes = image.noteHistory ?? [];
  if (notes.length > 0) {
    text += `Note history\n${notes.map((e) => `  ${renderNoteLine(e)}\n`).join('')}`;
  }
  return text;
}

async function run(ctx: CommandContext, { values, positionals }: ParsedInput) {
  const [ref] = expectPositionals(positionals, ['image']);
  const core = await ctx.core();
  const match = await resolveImage(core, ref!);
  const detail = await core.invoke('library.get', { imageId: match.id });
  if (flag(values, 'json')) ctx.printJson(detail);
  else ctx.print(renderImageDetail(detail, core.context.paths));
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
