/** `bundle export|import`: carry an inspection between laptops on a USB stick. */
import type { BundleExportResult, BundleImportResult } from '../../contract.js';
import type { Core } from '../../core/app.js';
import { isCoreError } from '../../core/errors.js';
import {
  expectPositionals,
  flag,
  JSON_OPTION,
  stringOption,
  UsageError,
  type Command,
} from '../command.js';
import { resolveInspection } from '../inspection-refs.js';
import { formatBytes, formatCount, renderFields } from '../format.js';
import { cliText, type CliMessageKey } from '../language.js';
import type { MessageValues } from '../../shared/format-message.js';
import type { Language } from '../../shared/language.js';

export function renderBundleExport(r: BundleExportResult, language: Language = 'en'): string {
  const t = (key: CliMessageKey) => cliText(language, key);
  const count = (n: number) => formatCount(n, language);
  return renderFields([
    [t('cli.bundle.file'), r.file],
    [t('cli.bundle.photos'), count(r.photos)],
    [t('cli.bundle.predictions'), count(r.predictions)],
    [t('cli.bundle.events'), count(r.events)],
    [t('cli.bundle.size'), formatBytes(r.bytes, language)],
  ]);
}

export function renderBundleImport(r: BundleImportResult, language: Language = 'en'): string {
  const t = (key: CliMessageKey, values?: MessageValues) => cliText(language, key, values);
  const count = (n: number) => formatCount(n, language);
  const newOf = (added: number, total: number) =>
    t('cli.bundle.newOf', { added: count(added), total: count(total) });
  let text = renderFields([
    [t('cli.bundle.file'), r.file],
    [t('cli.bundle.photos'), newOf(r.imagesAdded, r.photosInBundle)],
    [t('cli.bundle.events'), newOf(r.eventsAdded, r.eventsInBundle)],
    [t('cli.bundle.predictions'), t('cli.bundle.new', { added: count(r.predictionsAdded) })],
    [t('cli.bundle.conflicts'), count(r.conflicts)],
  ]);
  if (r.imagesAdded === 0 && r.eventsAdded === 0 && r.predictionsAdded === 0) {
    text += `${t('cli.bundle.nothingNew')}\n`;
  }
  if (r.conflicts > 0) text += `${t('cli.bundle.conflictsNote', { n: r.conflicts })}\n`;
  return text;
}

function parseImportIds(texts: string[]): number[] {
  return texts.map((t) => {
    if (!/^\d{1,12}$/.test(t) || Number(t) <= 0) {
      throw new UsageError(`"${t}" is not an import number (see \`imports\`).`);
    }
    return Number(t);
  });
}

/**
 * The imports behind what the user typed: each ref is an inspection (its id or name, as
 * `inspections list` shows them, so a grouped inspection brings all its cards), or, for
 * a number that is no inspection's id, an import of a grouped inspection (the command
 * took import numbers before inspections existed). `--imports` names imports exactly.
 */
export async function bundleImportIds(
  core: Core,
  refs: string[],
  explicitImports: number[],
): Promise<number[]> {
  const ids = new Set(explicitImports);
  const imports = new Set((await core.invoke('library.imports')).map((i) => i.importId));
  for (const ref of refs) {
    try {
      for (const id of (await resolveInspection(core, ref)).importIds) ids.add(id);
    } catch (error) {
      const number = /^\d{1,12}$/.test(ref.trim()) ? Number(ref.trim()) : null;
      if (
        isCoreError(error) &&
        error.code === 'NOT_FOUND' &&
        number !== null &&
        imports.has(number)
      )
        ids.add(number);
      else throw error;
    }
  }
  return [...ids].sort((a, b) => a - b);
}

const exportSub: Command = {
  name: 'export',
  summary: "write an inspection's photos, predictions and label history into one file",
  help: `Usage: bundle export <inspection> [<inspection>...] <file> [--imports N,M] [--json]

Writes one bundle file with the photos (by sha256), their thumbnails, every model's
predictions and every label event of the inspections, for another laptop to import
with \`bundle import\`. An inspection is its id or its name, as \`inspections list\`
shows them; a grouped inspection brings every card in it.

Options:
  --imports N,M   import numbers (\`imports\`) instead of, or besides, inspections;
                  a plain number that is no inspection's id is also taken as an import
  --json          print the result as JSON

Example:
  inspection-desk bundle export "Reboiler A" /media/$USER/USB/reboiler-a.idbundle
`,
  options: { imports: { type: 'string' }, ...JSON_OPTION },
  async run(ctx, { values, positionals }) {
    const importsOption = stringOption(values, 'imports');
    const explicit = importsOption === undefined ? [] : parseImportIds(importsOption.split(','));
    if (positionals.length < 1 || (positionals.length < 2 && explicit.length === 0))
      throw new UsageError('Give at least one inspection (or --imports) and the bundle file.');
    const file = positionals[positionals.length - 1]!;
    const core = await ctx.core();
    const importIds = await bundleImportIds(core, positionals.slice(0, -1), explicit);
    const result = await core.invoke('bundle.export', { importIds, file });
    if (flag(values, 'json')) return ctx.printJson(result);
    ctx.print(renderBundleExport(result, ctx.language()));
  },
};

const importSub: Command = {
  name: 'import',
  summary: 'merge a bundle from another laptop (again: changes nothing)',
  help: `Usage: bundle import <file> [--json]

Merges the bundle into this library: new photos by sha256, predictions, and label
events by their unique id. Importing the same bundle twice changes nothing. Photos two
people labeled differently are listed by \`list --conflict\`.
`,
  options: { ...JSON_OPTION },
  async run(ctx, { values, positionals }) {
    const [file] = expectPositionals(positionals, ['file']);
    const result = await (await ctx.core()).invoke('bundle.import', { file: file! });
    if (flag(values, 'json')) return ctx.printJson(result);
    ctx.print(renderBundleImport(result, ctx.language()));
  },
};

export const bundleCommand: Command = {
  name: 'bundle',
  summary: 'carry inspections between laptops in one file (USB stick)',
  help: `Usage: bundle <export|import> ...

  bundle export <inspection>... <file>   write the inspections' photos, predictions and labels
  bundle import <file>                   merge a bundle written on another laptop
`,
  subcommands: [exportSub, importSub],
};
