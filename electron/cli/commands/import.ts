/** `import <folder>`: copies an SD card (or a copy of one) into the library. */
import path from 'node:path';
import type { FileError, ImportSummary } from '../../contract.js';
import { deserializeError } from '../../core/errors.js';
import { renderWireMessage } from '../../shared/core-messages/index.js';
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
import { formatBytes, formatCount, formatDuration, renderFields } from '../format.js';
import { cliText, type CliMessageKey } from '../language.js';
import type { MessageValues } from '../../shared/format-message.js';
import type { Language } from '../../shared/language.js';

/**
 * "path: reason" in `language` (files recorded before reasons had catalog keys keep their
 * English text), without repeating the path when the reason already names it.
 */
export function describeFileError(error: FileError, language: Language = 'en'): string {
  const reason =
    renderWireMessage(language, error.messageKey, error.messageValues) ?? error.message;
  return reason.includes(error.path) ? reason : `${error.path}: ${reason}`;
}

/** The summary an inspector reads after an import, in `language`. */
export function renderImportSummary(summary: ImportSummary, language: Language = 'en'): string {
  const t = (key: CliMessageKey, values?: MessageValues) => cliText(language, key, values);
  const count = (n: number) => formatCount(n, language);
  const duration =
    summary.durationMs === null
      ? ''
      : t('cli.import.inDuration', { duration: formatDuration(summary.durationMs, language) });
  const n = summary.imported;
  const headline =
    summary.status === 'done' && summary.imported === 0 && summary.alreadyDone > 0
      ? t('cli.import.nothingNew', { n: summary.alreadyDone, source: summary.source })
      : summary.status === 'done'
        ? t('cli.import.done', {
            n,
            source: summary.source,
            size: formatBytes(summary.bytes, language),
            duration,
          })
        : summary.status === 'cancelled'
          ? t('cli.import.cancelled', { n, duration, resumeHint: t('cli.import.resumeHint') })
          : t('cli.import.failed', { n, duration });
  const fields: [string, string][] = [
    [t('cli.import.field.imported'), count(summary.imported)],
    [t('cli.import.field.duplicates'), count(summary.duplicates)],
    [
      t('cli.import.field.alreadyDone'),
      t('cli.import.alreadyDoneValue', { n: summary.alreadyDone }),
    ],
    [t('cli.import.field.unreadable'), count(summary.errors)],
    [t('cli.import.field.classified'), count(summary.classified)],
    [t('cli.import.field.filesSeen'), count(summary.filesSeen)],
    [t('cli.import.field.importId'), String(summary.importId)],
  ];
  let text = `${headline}\n${renderFields(fields, '  ')}`;
  if (summary.errorList.length > 0) {
    text += `\n${t('cli.import.unreadableHeading')}\n`;
    text += summary.errorList.map((e) => `  ${describeFileError(e, language)}\n`).join('');
    if (summary.errors > summary.errorList.length) {
      text += `  ${t('cli.import.moreErrors', { n: summary.errors - summary.errorList.length })}\n`;
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
  ctx.note(`${ctx.t('cli.import.starting', { source, library: ctx.libraryDir })}\n`);
  const resumeHint = ctx.t('cli.import.resumeHint');
  const { snapshot, interrupted } = await followJob(ctx, core, jobId, { resumeHint });
  const summary = snapshot.result as ImportSummary | null;
  if (flag(values, 'json')) {
    ctx.printJson(summary ?? snapshot);
  } else if (summary) {
    ctx.print(renderImportSummary(summary, ctx.language()));
  }
  if (snapshot.status === 'failed') {
    // In the output's language, as every other core error the CLI prints.
    const message = snapshot.error
      ? deserializeError(snapshot.error).messageIn(ctx.language())
      : ctx.t('cli.import.failedGeneric');
    ctx.note(`${ctx.t('cli.errorPrefix')}${message}\n`);
    return exitCodeFor(snapshot.error?.code);
  }
  if (snapshot.status === 'cancelled') {
    if (!summary) ctx.note(`${ctx.t('cli.import.cancelledNote', { resumeHint })}\n`);
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
