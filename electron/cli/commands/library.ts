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
import { describeFileError } from './import.js';
import { renderMetrics } from './models.js';

export function renderSummary(info: LibraryInfo, summary: LibrarySummary): string {
  const fields: [string, string][] = [
    ['Library', info.path],
    ['Photos', formatCount(summary.total)],
    [
      'Reviewed',
      `${formatCount(summary.reviewed)} (${formatPercent(summary.total ? summary.reviewed / summary.total : null)})`,
    ],
    ['Not classified', formatCount(summary.unclassified)],
    ['Active model', info.activeModelId ?? 'none (add one with `models add <dir> --activate`)'],
  ];
  let text = renderFields(fields);
  if (summary.perLabel.length > 0) {
    text += `\n${renderTable(
      [
        { header: 'LABEL' },
        { header: 'PHOTOS', align: 'right' },
        { header: 'REVIEWED', align: 'right' },
        { header: 'PREDICTED ONLY', align: 'right' },
      ],
      summary.perLabel.map((l) => [
        l.label,
        formatCount(l.total),
        formatCount(l.reviewed),
        formatCount(l.total - l.reviewed),
      ]),
    )}`;
  }
  if (summary.activeModel) text += `\n${renderMetrics(summary.activeModel)}`;
  return text;
}

export function renderImports(imports: ImportSummary[]): string {
  if (imports.length === 0) return 'No imports yet. Import an SD card with `import <folder>`.\n';
  let text = renderTable(
    [
      { header: 'ID', align: 'right' },
      { header: 'STARTED' },
      { header: 'STATUS' },
      { header: 'SOURCE', maxWidth: 50 },
      { header: 'IMPORTED', align: 'right' },
      { header: 'DUPLICATES', align: 'right' },
      { header: 'ERRORS', align: 'right' },
      { header: 'SIZE', align: 'right' },
      { header: 'TOOK', align: 'right' },
    ],
    imports.map((i) => [
      String(i.importId),
      formatTimestamp(i.startedAt, false),
      i.status,
      i.source,
      formatCount(i.imported),
      formatCount(i.duplicates),
      formatCount(i.errors),
      formatBytes(i.bytes),
      i.durationMs === null ? '-' : formatDuration(i.durationMs),
    ]),
  );
  for (const i of imports.filter((x) => x.errorList.length > 0)) {
    text += `\nImport ${i.importId}: ${formatCount(i.errors)} unreadable files\n`;
    text += i.errorList.map((e) => `  ${describeFileError(e)}\n`).join('');
  }
  return text;
}

export function renderSettings(settings: Settings): string {
  return renderFields([
    ['reviewer', settings.reviewer || '(not set: your user name is recorded)'],
    ['language', settings.language],
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
    ctx.print(renderSummary(info, summary));
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
    ctx.print(renderImports(imports));
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
    ctx.print(renderSettings(settings));
  },
};
