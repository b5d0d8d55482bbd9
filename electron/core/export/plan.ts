/**
 * What an export writes, decided before anything is written: which photos (each once,
 * with the label it is exported under), where each goes, the counts, and whether the
 * destination is acceptable. `export.preview` returns this plan; `export.start` runs it.
 */
import { statSync, readdirSync, realpathSync } from 'node:fs';
import path from 'node:path';
import type { ExportOptions, ExportPlan } from '../../contract.js';
import type { CoreContext } from '../context.js';
import { CoreError } from '../errors.js';
import {
  filterTerms,
  modelScope,
  resolveInspectionFilter,
  sourceFor,
} from '../library/image-query.js';
import { checkLabelFolders, exportFileName, isInsideFolder, relativePath } from './file-names.js';
import { assignSplit, SPLIT_NAMES, type SplitName } from './split.js';
import {
  CONFLICTS_CSV,
  conflictPhotos,
  readConflicts,
  type ConflictDecision,
} from './conflicts.js';

export interface ExportItem {
  imageId: number;
  sha256: string;
  ext: string;
  originalName: string;
  sourcePath: string;
  capturedAt: string;
  tubeRow: number | null;
  tubeCol: number | null;
  sizeBytes: number;
  /** The label the photo is exported under; '' for an unsure photo (it has none). */
  label: string;
  predicted: string | null;
  confidence: number | null;
  /** The model behind `predicted`. */
  modelId: string | null;
  reviewed: boolean;
  reviewer: string | null;
  reviewedAt: string | null;
  split: SplitName | null;
  /** Path inside the export ("/"-separated); null when the photos are not copied. */
  relPath: string | null;
  /** A reviewer answered "unsure" (listed only with `includeUnsure`; never a class). */
  unsure: boolean;
  /** The photo's note, null when none. */
  note: string | null;
}

export interface ExportModel {
  id: string;
  name: string;
  version: string;
  fileSha256: string;
}

export interface PreparedExport {
  /** Absolute destination folder. */
  dest: string;
  options: ExportOptions;
  items: ExportItem[];
  plan: ExportPlan;
  copiesImages: boolean;
  /** Model whose predictions filled unreviewed labels and the `predicted` column. */
  model: ExportModel | null;
  bytesTotal: number;
  /** Where the photos came from when not this library (the hub export), for the manifest. */
  source?: Record<string, unknown>;
  /** Competing decisions of exported photos two people labeled differently (conflicts.csv). */
  conflicts: ConflictDecision[];
}

export const METADATA_CSV = 'metadata.csv';
export const LABELS_CSV = 'labels.csv';
export const MANIFEST_JSON = 'manifest.json';
export const REPORT_HTML = 'report.html';
/**
 * Where unsure photos are copied when asked for: beside the class folders (and outside
 * train/val/test), with a leading "_" so it reads as "not a class". labels.csv and
 * metadata.csv list them with an empty label, which train.py skips.
 */
export const UNSURE_FOLDER = '_unsure';

interface ExportRow {
  id: number;
  sha256: string;
  ext: string;
  original_name: string;
  source_path: string;
  captured_at: string;
  tube_row: number | null;
  tube_col: number | null;
  size_bytes: number;
  predicted: string | null;
  confidence: number | null;
  label: string | null;
  reviewer: string | null;
  reviewed_at: string | null;
  unsure: number;
  note: string | null;
}

/** The real path of `target`, resolving symlinks of its nearest existing ancestor. */
function realPathOf(target: string): string {
  const missing: string[] = [];
  let current = target;
  for (;;) {
    try {
      return path.join(realpathSync(current), ...missing.reverse());
    } catch {
      const parent = path.dirname(current);
      if (parent === current) return target;
      missing.push(path.basename(current));
      current = parent;
    }
  }
}

/**
 * The destination must be a new or empty folder outside the library and outside any
 * imported SD card; returns its absolute path.
 */
export function checkDestination(ctx: CoreContext, dest: string): string {
  const abs = path.resolve(dest);
  const real = realPathOf(abs);
  const library = realPathOf(ctx.paths.root);
  if (isInsideFolder(real, library)) {
    throw new CoreError(
      'DEST_INSIDE_SOURCE',
      { key: 'export.dest.insideLibrary', values: { dest: abs, library: ctx.paths.root } },
      { dest: abs, library: ctx.paths.root },
    );
  }
  const sources = ctx.db.prepare('SELECT DISTINCT source FROM imports').pluck().all() as string[];
  const source = sources.find((s) => isInsideFolder(real, realPathOf(s)));
  if (source !== undefined) {
    throw new CoreError(
      'DEST_INSIDE_SOURCE',
      { key: 'export.dest.insideSource', values: { dest: abs, source } },
      { dest: abs, source },
    );
  }
  let stat;
  try {
    stat = statSync(abs);
  } catch {
    return abs; // Does not exist yet: created at the end of the export.
  }
  if (!stat.isDirectory()) {
    throw new CoreError(
      'DEST_NOT_EMPTY',
      { key: 'export.dest.isFile', values: { dest: abs } },
      { dest: abs },
    );
  }
  const entries = readdirSync(abs);
  if (entries.length > 0) {
    const shown = entries.slice(0, 5).join(', ');
    throw new CoreError(
      'DEST_NOT_EMPTY',
      {
        key: 'export.dest.notEmpty',
        values: { dest: abs, shown: `${shown}${entries.length > 5 ? ', ...' : ''}` },
      },
      { dest: abs, entries: entries.slice(0, 20) },
    );
  }
  return abs;
}

function readRows(
  ctx: CoreContext,
  options: ExportOptions,
): { rows: ExportRow[]; modelId: string | null } {
  const filter = resolveInspectionFilter(ctx.db, options.filter ?? {});
  const scope = modelScope(ctx.db, filter);
  const source = sourceFor(scope);
  const c = source.columns;
  const { terms, params } = filterTerms(filter, c);
  const sql = `SELECT ${c.id} AS id, i.sha256, i.ext, i.original_name, i.source_path, i.captured_at,
                      i.tube_row, i.tube_col, i.size_bytes, ${c.predicted} AS predicted,
                      ${c.confidence} AS confidence, ${c.label} AS label,
                      lb.reviewer, lb.reviewed_at, ${c.unsure} AS unsure, nt.note
               FROM ${source.from} LEFT JOIN labels AS lb ON lb.image_id = ${c.id}
               LEFT JOIN photo_notes AS nt ON nt.image_id = ${c.id}
               ${terms.length ? `WHERE ${terms.join(' AND ')}` : ''}
               ORDER BY ${c.id}`;
  const rows = ctx.db.prepare(sql).all({ ...source.params, ...params }) as ExportRow[];
  return { rows, modelId: scope.modelId };
}

function readModel(ctx: CoreContext, modelId: string | null): ExportModel | null {
  if (!modelId) return null;
  const row = ctx.db
    .prepare('SELECT id, name, version, file_sha256 FROM models WHERE id = ?')
    .get(modelId) as { id: string; name: string; version: string; file_sha256: string } | undefined;
  return row
    ? { id: row.id, name: row.name, version: row.version, fileSha256: row.file_sha256 }
    : null;
}

/** A class folder named like the unsure folder would mix both: refuse, saying so. */
function checkUnsureFolder(labels: readonly string[]): void {
  const clash = labels.find((l) => l.toLowerCase() === UNSURE_FOLDER);
  if (clash !== undefined) {
    throw new CoreError(
      'INVALID_ARGUMENT',
      { key: 'export.unsureFolderTaken', values: { label: clash, folder: UNSURE_FOLDER } },
      { label: clash },
    );
  }
}

/** Plans an export without writing anything. Throws on an unusable destination or label. */
export function prepareExport(ctx: CoreContext, options: ExportOptions): PreparedExport {
  const dest = checkDestination(ctx, options.dest);
  const { rows, modelId } = readRows(ctx, options);
  const copiesImages =
    options.formats.includes('folders') || options.formats.includes('metadata-csv');
  const items: ExportItem[] = [];
  let unlabeled = 0;
  // A reviewer said "I cannot tell": no label is vouched for, not even the model's, so an
  // unsure photo is left out unless asked for (the option, or a filter on unsure photos),
  // and then listed with an empty label (never under the model's prediction).
  const includeUnsure = options.includeUnsure || options.filter?.unsure === true;
  const unsure = { included: 0, leftOut: 0 };
  for (const row of rows) {
    if (row.unsure === 1) {
      if (!includeUnsure) {
        unsure.leftOut++;
        continue;
      }
      unsure.included++;
    }
    const label =
      row.unsure === 1 ? '' : options.reviewedOnly ? row.label : (row.label ?? row.predicted);
    if (label === null) {
      if (row.label === null && row.predicted === null) unlabeled++;
      continue;
    }
    items.push({
      imageId: row.id,
      sha256: row.sha256,
      ext: row.ext,
      originalName: row.original_name,
      sourcePath: row.source_path,
      capturedAt: row.captured_at,
      tubeRow: row.tube_row,
      tubeCol: row.tube_col,
      sizeBytes: row.size_bytes,
      label,
      predicted: row.predicted,
      confidence: row.confidence,
      modelId: row.predicted === null ? null : modelId,
      reviewed: row.label !== null,
      reviewer: row.reviewer,
      reviewedAt: row.reviewed_at,
      unsure: row.unsure === 1,
      note: row.note,
      split:
        options.split && row.unsure !== 1
          ? assignSplit(
              {
                sha256: row.sha256,
                tubeRow: row.tube_row,
                tubeCol: row.tube_col,
                originalName: row.original_name,
              },
              options.split,
            )
          : null,
      relPath: null,
    });
  }

  const labels = [...new Set(items.filter((i) => !i.unsure).map((i) => i.label))].sort();
  if (copiesImages) {
    checkLabelFolders(labels);
    if (unsure.included > 0) checkUnsureFolder(labels);
    // Unique per folder, compared case-insensitively (Windows and macOS folders are).
    const taken = new Set<string>();
    for (const item of items) {
      const folder = item.unsure
        ? [UNSURE_FOLDER]
        : item.split
          ? [item.split, item.label]
          : [item.label];
      let name = exportFileName(item.originalName, item.sha256, item.ext);
      let key = relativePath(...folder, name).toLowerCase();
      if (taken.has(key)) {
        name = exportFileName(item.originalName, item.sha256, item.ext, true);
        key = relativePath(...folder, name).toLowerCase();
      }
      taken.add(key);
      item.relPath = relativePath(...folder, name);
    }
  }

  // Splits in train/val/test order and labels sorted, so manifests diff cleanly.
  const tally = new Map<string, number>();
  for (const item of items) {
    if (item.unsure) continue;
    const key = `${item.split ?? 'all'}\n${item.label}`;
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  const counts: Record<string, Record<string, number>> = {};
  for (const split of options.split ? SPLIT_NAMES : ['all']) {
    for (const label of labels) {
      const n = tally.get(`${split}\n${label}`);
      if (n) (counts[split] ??= {})[label] = n;
    }
  }

  const files: string[] = [];
  if (copiesImages) {
    if (options.split) {
      for (const split of SPLIT_NAMES) if (counts[split]) files.push(`${split}/`);
    } else {
      files.push(...labels.map((l) => `${l}/`));
    }
    if (unsure.included > 0) files.push(`${UNSURE_FOLDER}/`);
  }
  if (options.formats.includes('metadata-csv')) files.push(METADATA_CSV);
  if (options.formats.includes('labels-csv')) files.push(LABELS_CSV);
  const conflicts = readConflicts(ctx.db, items);
  if (conflicts.length > 0) files.push(CONFLICTS_CSV);
  files.push(MANIFEST_JSON, REPORT_HTML);

  return {
    dest,
    options,
    items,
    plan: {
      dest,
      total: items.length,
      counts,
      files,
      unlabeled,
      conflicts: conflictPhotos(conflicts),
      unsure,
    },
    copiesImages,
    model: readModel(ctx, modelId),
    bytesTotal: copiesImages ? items.reduce((sum, i) => sum + i.sizeBytes, 0) : 0,
    conflicts,
  };
}
