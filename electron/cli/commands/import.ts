/** `import <folder>`: copies an SD card (or a copy of one) into the library. */
import path from 'node:path';
import type { FileError, ImportSummary } from '../../contract.js';
import { deserializeError } from '../../core/errors.js';
import {
  EXIT,
  exitCodeFor,
  expectPositionals,
  flag,
  JSON_OPTION,
  type Command,
  type CommandContext,
  type ParsedInput,
} from '../command.js';
import { followJob } from '../follow-job.js';
import { formatBytes, formatCount, formatDuration, plural, renderFields } from '../format.js';

const RESUME_HINT = 'Run the same command again to resume: finished photos are kept.';

/** "path: reason", without repeating the path when the core's message already names it. */
export function describeFileError(error: FileError): string {
  return error.message.includes(error.path) ? error.message : `${error.path}: ${error.message}`;
}

/** The summary an inspector reads after an import. */
export function renderImportSummary(summary: ImportSummary): string {
  const duration = summary.durationMs === null ? '' : ` in ${formatDuration(summary.durationMs)}`;
  const headline =
    summary.status === 'done' && summary.imported === 0 && summary.alreadyDone > 0
      ? `Nothing new: the ${plural(summary.alreadyDone, 'file')} of ${summary.source} were already imported.`
      : summary.status === 'done'
        ? `Imported ${plural(summary.imported, 'new photo')} from ${summary.source} (${formatBytes(summary.bytes)})${duration}.`
        : summary.status === 'cancelled'
          ? `Import cancelled after ${plural(summary.imported, 'new photo')}${duration}. ${RESUME_HINT}`
          : `Import failed after ${plural(summary.imported, 'new photo')}${duration}.`;
  const fields: [string, string][] = [
    ['Imported', formatCount(summary.imported)],
    ['Duplicates skipped', formatCount(summary.duplicates)],
    [
      'Already imported',
      `${formatCount(summary.alreadyDone)} (by an earlier import of this folder)`,
    ],
    ['Unreadable files', formatCount(summary.errors)],
    ['Classified', formatCount(summary.classified)],
    ['Files seen', formatCount(summary.filesSeen)],
    ['Import id', String(summary.importId)],
  ];
  let text = `${headline}\n${renderFields(fields, '  ')}`;
  if (summary.errorList.length > 0) {
    text += `\nUnreadable files (skipped; the rest of the card was imported):\n`;
    text += summary.errorList.map((e) => `  ${describeFileError(e)}\n`).join('');
    if (summary.errors > summary.errorList.length) {
      text += `  ... and ${summary.errors - summary.errorList.length} more (see \`imports\`)\n`;
    }
  }
  return text;
}

async function run(ctx: CommandContext, { values, positionals }: ParsedInput) {
  const [folder] = expectPositionals(positionals, ['folder']);
  const source = path.resolve(folder!);
  const core = await ctx.core();
  const { jobId } = await core.invoke('ingest.start', {
    source,
    classify: !flag(values, 'no-classify'),
  });
  ctx.note(`Importing ${source} into ${ctx.libraryDir}\n`);
  const { snapshot, interrupted } = await followJob(ctx, core, jobId, {
    unit: 'photos',
    resumeHint: RESUME_HINT,
  });
  const summary = snapshot.result as ImportSummary | null;
  if (flag(values, 'json')) {
    ctx.printJson(summary ?? snapshot);
  } else if (summary) {
    ctx.print(renderImportSummary(summary));
  }
  if (snapshot.status === 'failed') {
    // In the library's language, as every other core error the CLI prints.
    const message = snapshot.error
      ? deserializeError(snapshot.error).messageIn(core.language())
      : 'the import failed.';
    ctx.note(`Error: ${message}\n`);
    return exitCodeFor(snapshot.error?.code);
  }
  if (snapshot.status === 'cancelled') {
    if (!summary) ctx.note(`Import cancelled. ${RESUME_HINT}\n`);
    return interrupted ? EXIT.interrupted : EXIT.error;
  }
  return EXIT.ok;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'import the photos of an SD card or folder (resumable)',
  help: `Usage: import <folder> [--no-classify] [--json]

Copies every photo under <folder> into the library (the folder is only read), skips
duplicates and files already imported, and classifies the new photos with the active
model. Ctrl-C cancels cleanly; running the same command again resumes.

Options:
  --no-classify   import only; classify later with \`models classify\`
  --json          print the import summary as JSON
`,
  options: { 'no-classify': { type: 'boolean' }, ...JSON_OPTION },
  run,
};
