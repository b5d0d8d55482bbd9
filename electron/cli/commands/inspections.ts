/**
 * `inspections list|rename|group|layout`, `tube`, `compare-inspections` and `report`:
 * the inspections of a library, one tube over time, what changed, and the report.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type {
  Inspection,
  InspectionComparison,
  TubeChangeKind,
  TubeHistory,
  TubeState,
} from '../../contract.js';
import { fromFsError } from '../../core/fs-errors.js';
import { parseLayoutText } from '../../core/inspections/layout.js';
import {
  expectPositionals,
  flag,
  JSON_OPTION,
  stringOption,
  UsageError,
  type Command,
} from '../command.js';
import { formatCount, formatPercent, formatTimestamp, renderTable } from '../format.js';
import { parseTubeRef, resolveInspection } from '../inspection-refs.js';
import { cliText, type CliMessageKey } from '../language.js';
import type { MessageValues } from '../../shared/format-message.js';
import type { Language } from '../../shared/language.js';
import { chromiumCandidates, findChromium, printHtmlToPdf } from '../report-pdf.js';

type Translate = (key: CliMessageKey, values?: MessageValues) => string;

function translator(language: Language): Translate {
  return (key, values) => cliText(language, key, values);
}

export function renderInspections(inspections: Inspection[], language: Language = 'en'): string {
  const t = translator(language);
  if (inspections.length === 0) return `${t('cli.inspections.none')}\n`;
  const count = (n: number) => formatCount(n, language);
  return renderTable(
    [
      { header: t('cli.table.id'), align: 'right' },
      { header: t('cli.table.name'), maxWidth: 40 },
      { header: t('cli.table.started') },
      { header: t('cli.table.imports') },
      { header: t('cli.table.photos'), align: 'right' },
      { header: t('cli.table.reviewed'), align: 'right' },
      { header: t('cli.table.tubes'), align: 'right' },
    ],
    inspections.map((s) => [
      String(s.id),
      s.title,
      formatTimestamp(s.startedAt, false),
      s.importIds.join(','),
      count(s.photos),
      count(s.reviewed),
      count(s.tubes),
    ]),
  );
}

/** Who stands behind a tube's label: its reviewer, or the model and its confidence. */
function describeWho(state: TubeState, t: Translate, language: Language): string {
  return state.reviewed
    ? t('cli.inspections.reviewedBy', { reviewer: state.reviewer ?? '?' })
    : t('cli.inspections.model', { confidence: formatPercent(state.confidence, 0, language) });
}

function describeState(state: TubeState | null, t: Translate, language: Language): string {
  if (!state) return t('cli.inspections.notPhotographed');
  return t('cli.inspections.state', {
    label: state.label ?? t('cli.inspections.noLabel'),
    who: describeWho(state, t, language),
  });
}

export function renderTubeHistory(history: TubeHistory, language: Language = 'en'): string {
  const t = translator(language);
  const where = { tube: history.tube, row: String(history.row), col: String(history.col) };
  if (history.entries.length === 0) return `${t('cli.inspections.noTubePhoto', where)}\n`;
  return (
    `${t('cli.inspections.tubeHeading', where)}\n` +
    renderTable(
      [
        { header: t('cli.table.inspection'), maxWidth: 40 },
        { header: t('cli.table.taken') },
        { header: t('cli.table.label') },
        { header: t('cli.table.by') },
        { header: t('cli.table.photo'), align: 'right' },
        { header: t('cli.table.file'), maxWidth: 40 },
      ],
      history.entries.map(({ inspection, state }) => [
        `#${inspection.id} ${inspection.title}`,
        formatTimestamp(state.capturedAt, false),
        state.label ?? '-',
        state.reviewed
          ? (state.reviewer ?? '?')
          : t('cli.inspections.model', {
              confidence: formatPercent(state.confidence, 0, language),
            }),
        `#${state.imageId}`,
        state.originalName,
      ]),
    )
  );
}

const CHANGE_KINDS: Record<TubeChangeKind, CliMessageKey> = {
  worsened: 'cli.inspections.kind.worsened',
  cleared: 'cli.inspections.kind.cleared',
  changed: 'cli.inspections.kind.changed',
  added: 'cli.inspections.kind.added',
  missing: 'cli.inspections.kind.missing',
};

export function renderComparison(
  comparison: InspectionComparison,
  language: Language = 'en',
): string {
  const t = translator(language);
  const { before, after, changes } = comparison;
  let text = `${t('cli.inspections.compared', {
    before: `#${before.id} ${before.title}`,
    after: `#${after.id} ${after.title}`,
    changed: changes.length,
    unchanged: comparison.unchanged,
  })}\n`;
  if (changes.length === 0) return text;
  text += renderTable(
    [
      { header: t('cli.table.tube') },
      { header: t('cli.table.change') },
      { header: t('cli.table.before') },
      { header: t('cli.table.after') },
    ],
    changes.map((c) => [
      c.tube,
      t(CHANGE_KINDS[c.kind]),
      describeState(c.before, t, language),
      describeState(c.after, t, language),
    ]),
  );
  return text;
}

function csvCell(value: string | number | boolean | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One line per changed tube, for a spreadsheet. */
export function comparisonCsv(comparison: InspectionComparison): string {
  const header = [
    'tube',
    'row',
    'col',
    'change',
    'before_label',
    'before_reviewed',
    'before_image_id',
    'before_file',
    'after_label',
    'after_reviewed',
    'after_image_id',
    'after_file',
  ];
  const lines = comparison.changes.map((c) =>
    [
      c.tube,
      c.row,
      c.col,
      c.kind,
      c.before?.label ?? null,
      c.before ? c.before.reviewed : null,
      c.before?.imageId ?? null,
      c.before?.originalName ?? null,
      c.after?.label ?? null,
      c.after ? c.after.reviewed : null,
      c.after?.imageId ?? null,
      c.after?.originalName ?? null,
    ]
      .map(csvCell)
      .join(','),
  );
  return [header.join(','), ...lines].join('\n') + '\n';
}

const listCommand: Command = {
  name: 'list',
  summary: 'list the inspections (each import starts one)',
  help: `Usage: inspections list [--json]\n`,
  options: { ...JSON_OPTION },
  async run(ctx, { values, positionals }) {
    expectPositionals(positionals, []);
    const inspections = await (await ctx.core()).invoke('inspections.list');
    if (flag(values, 'json')) ctx.printJson(inspections);
    else ctx.print(renderInspections(inspections, ctx.language()));
  },
};

const renameCommand: Command = {
  name: 'rename',
  summary: 'name an inspection',
  help: `Usage: inspections rename <inspection> <name> [--json]

<inspection>: its id or its current name (see \`inspections list\`).
`,
  options: { ...JSON_OPTION },
  async run(ctx, { values, positionals }) {
    const [ref, name] = expectPositionals(positionals, ['inspection', 'name']);
    const core = await ctx.core();
    const inspection = await resolveInspection(core, ref!);
    const renamed = await core.invoke('inspections.rename', {
      inspectionId: inspection.id,
      name: name!,
    });
    if (flag(values, 'json')) ctx.printJson(renamed);
    else {
      ctx.print(
        `${ctx.t('cli.inspections.renamed', { id: String(renamed.id), title: renamed.title })}\n`,
      );
    }
  },
};

const groupCommand: Command = {
  name: 'group',
  summary: 'group several inspections (cards of one robot run) into one',
  help: `Usage: inspections group <inspection> <inspection>... --name NAME [--json]

Merges the imports of the given inspections into one inspection (the lowest id) and
names it, e.g. two SD cards of the same stop:
  inspections group 3 4 --name "Reboiler 2, stop March 2026"
`,
  options: { name: { type: 'string' }, ...JSON_OPTION },
  async run(ctx, { values, positionals }) {
    const name = stringOption(values, 'name');
    if (!name?.trim()) throw new UsageError('Give the grouped inspection a --name.');
    if (positionals.length < 2) throw new UsageError('Give at least two inspections to group.');
    const core = await ctx.core();
    const ids: number[] = [];
    for (const ref of positionals) ids.push((await resolveInspection(core, ref)).id);
    const grouped = await core.invoke('inspections.group', { inspectionIds: ids, name });
    if (flag(values, 'json')) ctx.printJson(grouped);
    else {
      ctx.print(
        `${ctx.t('cli.inspections.grouped', {
          id: String(grouped.id),
          title: grouped.title,
          imports: grouped.importIds.join(', '),
          photos: grouped.photos,
          tubes: grouped.tubes,
        })}\n`,
      );
    }
  },
};

const layoutCommand: Command = {
  name: 'layout',
  summary: 'show, set or clear the tube sheet layout (JSON)',
  help: `Usage: inspections layout [FILE | --clear] [--json]

Without arguments prints the current layout. FILE is a JSON tube sheet layout:
  {"kind": "grid", "pitch": "staggered"}
  {"kind": "positions", "tubes": [{"row": 1, "col": 1, "x": 0, "y": 0}, ...]}
(positions in any unit, y down; e.g. tubes in concentric rings). --clear goes back to
rows x columns from the photos.
`,
  options: { clear: { type: 'boolean' }, ...JSON_OPTION },
  async run(ctx, { values, positionals }) {
    const core = await ctx.core();
    let layout;
    if (flag(values, 'clear')) {
      expectPositionals(positionals, []);
      layout = await core.invoke('inspections.setLayout', { layout: null });
    } else if (positionals.length > 0) {
      const [file] = expectPositionals(positionals, ['file']);
      const abs = path.resolve(file!);
      let text: string;
      try {
        text = readFileSync(abs, 'utf8');
      } catch (error) {
        throw fromFsError(error, { role: 'model', path: abs });
      }
      layout = await core.invoke('inspections.setLayout', { layout: parseLayoutText(text, abs) });
    } else {
      layout = await core.invoke('inspections.layout');
    }
    if (flag(values, 'json')) ctx.printJson(layout);
    else if (!layout) ctx.print(`${ctx.t('cli.inspections.layoutNone')}\n`);
    else if (layout.kind === 'grid') {
      ctx.print(`${ctx.t('cli.inspections.layoutGrid', { pitch: layout.pitch })}\n`);
    } else {
      const name = layout.name ? ` (${layout.name})` : '';
      ctx.print(`${ctx.t('cli.inspections.layoutPositions', { n: layout.tubes.length, name })}\n`);
    }
  },
};

export const inspectionsCommand: Command = {
  name: 'inspections',
  summary: 'list, rename and group inspections; set the tube sheet layout',
  help: `Usage: inspections list|rename|group|layout ...

An inspection is one robot run over a reboiler: one import, or several grouped and named.
`,
  subcommands: [listCommand, renameCommand, groupCommand, layoutCommand],
};

export const tubeCommand: Command = {
  name: 'tube',
  summary: 'one tube in every inspection (its history)',
  help: `Usage: tube <tube> [--json]

<tube>: as the robot names it, e.g. R07C010 (row 7, column 10).
`,
  options: { ...JSON_OPTION },
  async run(ctx, { values, positionals }) {
    const [ref] = expectPositionals(positionals, ['tube']);
    const position = parseTubeRef(ref!);
    const history = await (await ctx.core()).invoke('inspections.tubeHistory', position);
    if (flag(values, 'json')) ctx.printJson(history);
    else ctx.print(renderTubeHistory(history, ctx.language()));
  },
};

export const compareInspectionsCommand: Command = {
  name: 'compare-inspections',
  summary: 'tubes that changed between two inspections',
  help: `Usage: compare-inspections <before> <after> [--csv FILE] [--json]

Lists the tubes whose label changed (worsened: clear -> obstructed, cleared: obstructed ->
clear), and those photographed in only one of the two.

Options:
  --csv FILE      also write the changes as CSV
  --json          print the comparison as JSON
`,
  options: { csv: { type: 'string' }, ...JSON_OPTION },
  async run(ctx, { values, positionals }) {
    const [a, b] = expectPositionals(positionals, ['before', 'after']);
    const core = await ctx.core();
    const before = await resolveInspection(core, a!);
    const after = await resolveInspection(core, b!);
    const comparison = await core.invoke('inspections.compare', {
      before: before.id,
      after: after.id,
    });
    const csv = stringOption(values, 'csv');
    if (csv !== undefined) {
      const abs = path.resolve(csv);
      try {
        writeFileSync(abs, comparisonCsv(comparison));
      } catch (error) {
        throw fromFsError(error, { role: 'exportDest', path: abs });
      }
      ctx.note(
        `${ctx.t('cli.inspections.wroteCsv', { n: comparison.changes.length, file: abs })}\n`,
      );
    }
    if (flag(values, 'json')) ctx.printJson(comparison);
    else ctx.print(renderComparison(comparison, ctx.language()));
  },
};

export const reportCommand: Command = {
  name: 'report',
  summary: 'the inspection report, as PDF or HTML',
  help: `Usage: report <inspection> --out FILE.pdf|FILE.html [--language pt-BR|en]

Writes the report the plant files: tube counts, the tube map, flagged tubes with their
photos, changes since the previous inspection, reviewers and the model. A .pdf is
printed by Chromium (/usr/bin/chromium, or $INSPECTION_DESK_CHROMIUM); when none is
found the HTML is written next to it instead, and the command says so.
`,
  options: { out: { type: 'string' }, language: { type: 'string' } },
  async run(ctx, { values, positionals }) {
    const [ref] = expectPositionals(positionals, ['inspection']);
    const out = stringOption(values, 'out');
    if (!out)
      throw new UsageError('Give the file to write with --out FILE.pdf or --out FILE.html.');
    const ext = path.extname(out).toLowerCase();
    if (ext !== '.pdf' && ext !== '.html' && ext !== '.htm') {
      throw new UsageError(`--out must end in .pdf or .html, got "${out}".`);
    }
    const language = stringOption(values, 'language');
    if (language !== undefined && language !== 'en' && language !== 'pt-BR') {
      throw new UsageError(`--language must be pt-BR or en, got "${language}".`);
    }
    const core = await ctx.core();
    const inspection = await resolveInspection(core, ref!);
    const { html } = await core.invoke('inspections.report', {
      inspectionId: inspection.id,
      ...(language ? { language } : {}),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    const abs = path.resolve(out);
    const writeHtml = (file: string) => {
      try {
        writeFileSync(file, html);
      } catch (error) {
        throw fromFsError(error, { role: 'exportDest', path: file });
      }
    };
    if (ext !== '.pdf') {
      writeHtml(abs);
      ctx.note(`${ctx.t('cli.report.wrote', { id: String(inspection.id), file: abs })}\n`);
      return;
    }
    const chromium = findChromium();
    if (!chromium) {
      const htmlFile = abs.replace(/\.pdf$/i, '.html');
      writeHtml(htmlFile);
      const looked = chromiumCandidates().join(', ') || '$INSPECTION_DESK_CHROMIUM';
      ctx.note(`${ctx.t('cli.report.noChromium', { looked, file: htmlFile })}\n`);
      return;
    }
    try {
      await printHtmlToPdf(html, abs, chromium);
    } catch (error) {
      throw fromFsError(error, { role: 'exportDest', path: abs });
    }
    ctx.note(`${ctx.t('cli.report.wrote', { id: String(inspection.id), file: abs })}\n`);
  },
};
