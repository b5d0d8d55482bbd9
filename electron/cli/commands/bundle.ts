/** `bundle export|import`: carry an inspection between laptops on a USB stick. */
import type { BundleExportResult, BundleImportResult } from '../../contract.js';
import { expectPositionals, flag, JSON_OPTION, UsageError, type Command } from '../command.js';
import { formatBytes, formatCount, renderFields } from '../format.js';

export function renderBundleExport(r: BundleExportResult): string {
  return renderFields([
    ['Bundle', r.file],
    ['Photos', formatCount(r.photos)],
    ['Predictions', formatCount(r.predictions)],
    ['Label events', formatCount(r.events)],
    ['Size', formatBytes(r.bytes)],
  ]);
}

export function renderBundleImport(r: BundleImportResult): string {
  let text = renderFields([
    ['Bundle', r.file],
    ['Photos', `${formatCount(r.imagesAdded)} new of ${formatCount(r.photosInBundle)}`],
    ['Label events', `${formatCount(r.eventsAdded)} new of ${formatCount(r.eventsInBundle)}`],
    ['Predictions', `${formatCount(r.predictionsAdded)} new`],
    ['Conflicts', formatCount(r.conflicts)],
  ]);
  if (r.imagesAdded === 0 && r.eventsAdded === 0 && r.predictionsAdded === 0) {
    text += 'Nothing new: this library already had everything in the bundle.\n';
  }
  if (r.conflicts > 0) {
    text += `${formatCount(r.conflicts)} photos were labeled differently by two people: list them with \`list --conflict\` and choose their label.\n`;
  }
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

const exportSub: Command = {
  name: 'export',
  summary: 'write the photos, predictions and label history of imports into one file',
  help: `Usage: bundle export <import> [<import>...] <file> [--json]

Writes one bundle file with the photos (by sha256), their thumbnails, every model's
predictions and every label event of the imports, for another laptop to import with
\`bundle import\`. Import numbers are listed by \`imports\`.
`,
  options: { ...JSON_OPTION },
  async run(ctx, { values, positionals }) {
    if (positionals.length < 2)
      throw new UsageError('Give at least one import and the bundle file.');
    const file = positionals[positionals.length - 1]!;
    const importIds = parseImportIds(positionals.slice(0, -1));
    const result = await (await ctx.core()).invoke('bundle.export', { importIds, file });
    if (flag(values, 'json')) return ctx.printJson(result);
    ctx.print(renderBundleExport(result));
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
    ctx.print(renderBundleImport(result));
  },
};

export const bundleCommand: Command = {
  name: 'bundle',
  summary: 'carry imports between laptops in one file (USB stick)',
  help: `Usage: bundle <export|import> ...

  bundle export <import>... <file>   write the imports' photos, predictions and labels
  bundle import <file>               merge a bundle written on another laptop
`,
  subcommands: [exportSub, importSub],
};
