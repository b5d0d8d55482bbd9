/** `summary`, `imports` and `settings`: the state of the library at a glance. */
import type { ImportSummary, LibraryInfo, LibrarySummary, Settings } from '../../contract.js';
import {
  expectPositionals,
  flag,
  JSON_OPTION,
  stringOption,
  type Command,
  type CommandContext,
  type ParsedInput,
} from '../command.js';
import {
  formatBytes,
  formatCount,
  formatDuration,
  formatPercent,
  formatTimestamp,
  renderFields,
  renderTable,
} from '../format.js';
import { cliText, type CliMessageKey } from '../language.js';
import type { MessageValues } from '../../shared/format-message.js';
import type { Language } from '../../shared/language.js';
import { describeFileError } from './import.js';
import { renderMetrics } from './models.js';

export function renderSummary(
  info: LibraryInfo,
  summary: LibrarySummary,
  language: Language = 'en',
): string {
  const t = (key: CliMessageKey) => cliText(language, key);
  const count = (n: number) => formatCount(n, language);
  const reviewedShare = summary.total ? summary.reviewed / summary.total : null;
  const fields: [string, string][] = [
    [t('cli.summary.library'), info.path],
    [t('cli.summary.photos'), count(summary.total)],
    [
      t('cli.summary.reviewed'),
      `${count(summary.reviewed)} (${formatPercent(reviewedShare, 1, language)})`,
    ],
    [t('cli.summary.unclassified'), count(summary.unclassified)],
    [t('cli.summary.activeModel'), info.activeModelId ?? t('cli.summary.noActiveModel')],
  ];
  let text = renderFields(fields);
  if (summary.perLabel.length > 0) {
    text += `\n${renderTable(
      [
        { header: t('cli.table.label') },
        { header: t('cli.table.photos'), align: 'right' },
        { header: t('cli.table.reviewed'), align: 'right' },
        { header: t('cli.table.predictedOnly'), align: 'right' },
      ],
      summary.perLabel.map((l) => [
        l.label,
        count(l.total),
        count(l.reviewed),
        count(l.total - l.reviewed),
      ]),
    )}`;
  }
  if (summary.activeModel) text += `\n${renderMetrics(summary.activeModel, language)}`;
  return text;
}

const IMPORT_STATUS: Record<ImportSummary['status'], CliMessageKey> = {
  running: 'cli.imports.status.running',
  done: 'cli.imports.status.done',
  cancelled: 'cli.imports.status.cancelled',
  failed: 'cli.imports.status.failed',
};

export function renderImports(imports: ImportSummary[], language: Language = 'en'): string {
  const t = (key: CliMessageKey, values?: MessageValues) => cliText(language, key, values);
  if (imports.length === 0) return `${t('cli.imports.none')}\n`;
  const count = (n: number) => formatCount(n, language);
  let text = renderTable(
    [
      { header: t('cli.table.id'), align: 'right' },
      { header: t('cli.table.started') },
      { header: t('cli.table.status') },
      { header: t('cli.table.source'), maxWidth: 50 },
      { header: t('cli.table.imported'), align: 'right' },
      { header: t('cli.table.duplicates'), align: 'right' },
      { header: t('cli.table.errors'), align: 'right' },
      { header: t('cli.table.size'), align: 'right' },
      { header: t('cli.table.took'), align: 'right' },
    ],
    imports.map((i) => [
      String(i.importId),
      formatTimestamp(i.startedAt, false),
      t(IMPORT_STATUS[i.status]),
      i.source,
      count(i.imported),
      count(i.duplicates),
      count(i.errors),
      formatBytes(i.bytes, language),
      i.durationMs === null ? '-' : formatDuration(i.durationMs, language),
    ]),
  );
  for (const i of imports.filter((x) => x.errorList.length > 0)) {
    text += `\n${t('cli.imports.unreadable', { id: String(i.importId), n: i.errors })}\n`;
    text += i.errorList.map((e) => `  ${describeFileError(e, language)}\n`).join('');
  }
  return text;
}

export function renderSettings(settings: Settings, language: Language = 'en'): string {
  const t = (key: CliMessageKey) => cliText(language, key);
  return renderFields([
    [t('cli.settings.reviewer'), settings.reviewer || t('cli.settings.reviewerUnset')],
    [t('cli.settings.language'), settings.language],
  ]);
}

export const summaryCommand: Command = {
  name: 'summary',
  summary: 'counts per label, review progress and model accuracy',
  help: `Usage: summary [--json]\n`,
  options: { ...JSON_OPTION },
  async run(ctx: CommandContext, { values, positionals }: ParsedInput) {
    expectPositionals(positionals, []);
    const core = await ctx.core();
    const info = await core.invoke('library.info');
    const summary = await core.invoke('library.summary');
    if (flag(values, 'json')) return ctx.printJson({ info, summary });
    ctx.print(renderSummary(info, summary, ctx.language()));
  },
};

export const importsCommand: Command = {
  name: 'imports',
  summary: 'list past imports and their unreadable files',
  help: `Usage: imports [--json]\n`,
  options: { ...JSON_OPTION },
  async run(ctx, { values, positionals }) {
    expectPositionals(positionals, []);
    const imports = await (await ctx.core()).invoke('library.imports');
    if (flag(values, 'json')) return ctx.printJson(imports);
    ctx.print(renderImports(imports, ctx.language()));
  },
};

export const settingsCommand: Command = {
  name: 'settings',
  summary: 'show or change the reviewer name and language',
  help: `Usage: settings [--reviewer NAME] [--language pt-BR|en] [--json]

Without options, shows the settings of the library.

Options:
  --reviewer NAME   the name recorded on your review decisions
  --language L      interface language: pt-BR or en
  --json            print the settings as JSON
`,
  options: { reviewer: { type: 'string' }, language: { type: 'string' }, ...JSON_OPTION },
  async run(ctx, { values, positionals }) {
    expectPositionals(positionals, []);
    const core = await ctx.core();
    const reviewer = stringOption(values, 'reviewer');
    const language = stringOption(values, 'language');
    const settings =
      reviewer === undefined && language === undefined
        ? await core.invoke('settings.get')
        : // The core validates the language and explains the choices.
          ((await core.invokeUnknown('settings.set', {
            ...(reviewer !== undefined && { reviewer }),
            ...(language !== undefined && { language }),
          })) as Settings);
    if (flag(values, 'json')) return ctx.printJson(settings);
    ctx.print(renderSettings(settings, ctx.language()));
  },
};
