/**
 * Filter, sort and keyset paging of the review grid (`library.list`, `library.ids`, and
 * the rows an export takes); `library.count` (image-count.ts) shares the filter and index
 * choices.
 *
 * Strategy. The grid must page through 100,000 photos in a few milliseconds with any
 * filter. Against the ACTIVE model every query reads `review_grid` (migration 2: one row
 * per photo with its effective label, reviewer label, prediction, confidence, import,
 * capture time and tube key, kept exact by triggers). Each filter dimension has an index
 * per sort key, `(dimension, sort key, image_id)`, and this module picks ONE of them
 * with `INDEXED BY` (the planner has no statistics and would otherwise happily pick an
 * equality index and sort 90,000 rows): the page is then an index range walk in sort
 * order that stops after `limit` rows, other filters being checked on the way (on the
 * index entry where it carries the column: migration 3 added the usual ones).
 * Keyset: `(key, image_id) > (last key, last id)`, never OFFSET.
 *
 * Sorts with photos lacking a key (unclassified photos for `confidence`, photos without
 * a tube position for `tube`) run in two segments, keyed then key-less by id, so the
 * key-less photos come last in both directions and each segment stays one index walk.
 *
 * A `modelId` filter naming another model than the active one reads the joined base
 * tables instead (correct, but not tuned for 100,000 photos: a comparison view).
 */
import type { ImageFilter, ImageListResult, ImageSort, ImageSummary } from '../../contract.js';
import { CoreError } from '../errors.js';
import type { Db } from './database.js';
import { decodeCursor, encodeCursor, type ListCursor } from './cursor.js';
import { activeModelIdOf } from './active-model.js';
import { cachedStatement } from './statement-cache.js';

/** SQL expressions of the columns filters and sorts use, for one source. */
export interface QueryColumns {
  id: string;
  confidence: string;
  predicted: string;
  label: string;
  effLabel: string;
  reviewed: string;
  disagree: string;
  /** 1 when a reviewer answered "unsure" (migration 8), else 0. */
  unsure: string;
  importId: string;
  captured: string;
  tubeKey: string;
  /**
   * `tube_row`, `tube_col` when the source has no `tube_key` column: the tube order is
   * then walked over the (row, col) index instead of a computed key nothing indexes.
   */
  tubeParts: [string, string] | null;
  sha256: string;
  ext: string;
  originalName: string;
  tubeRow: string;
  tubeCol: string;
  capturedAt: string;
}

/** Which predictions the filter means: the active model's (fast path) or another one's. */
export interface ModelScope {
  /** The model whose predictions are `predicted`/`confidence`; null when none is active. */
  modelId: string | null;
  /** True when that is the active model, so `review_grid` answers. */
  grid: boolean;
}

export type SortKey = 'confidence' | 'captured' | 'tubeKey' | 'id';
type Dimension =
  | 'unsure'
  | 'disagree'
  | 'unclassified'
  | 'reviewedLabel'
  | 'import'
  | 'inspection'
  | 'label'
  | 'predicted'
  | 'reviewed';

const NOT_INDEXED = '';
/** tube_key = tube_row * TUBE_KEY_FACTOR + tube_col (migration 2). */
const TUBE_KEY_FACTOR = 1_000_000;

/** Index per sort key and filter dimension (see migration 2); `base` serves no filter. */
const GRID_INDEXES: Record<SortKey, Partial<Record<Dimension | 'base', string>>> = {
  confidence: {
    base: 'grid_conf',
    unsure: 'grid_unsure_conf',
    disagree: 'grid_disagree_conf',
    unclassified: 'grid_conf',
    reviewedLabel: 'grid_rev_label_conf',
    import: 'grid_import_conf',
    inspection: 'grid_import_conf',
    label: 'grid_label_conf',
    predicted: 'grid_pred_conf',
    reviewed: 'grid_rev_conf',
  },
  captured: {
    base: 'grid_captured',
    unsure: 'grid_unsure_captured',
    disagree: 'grid_disagree_captured',
    unclassified: 'grid_unclassified_captured',
    import: 'grid_import_captured',
    inspection: 'grid_import_captured',
    label: 'grid_label_captured',
    reviewed: 'grid_rev_captured',
  },
  tubeKey: {
    base: 'grid_tube',
    unsure: 'grid_unsure_tube',
    disagree: 'grid_disagree_tube',
    unclassified: 'grid_unclassified_tube',
    import: 'grid_import_tube',
    inspection: 'grid_import_tube',
    label: 'grid_label_tube',
    reviewed: 'grid_rev_tube',
  },
  id: {
    // The table itself, walked by rowid (`NOT INDEXED` still allows rowid ranges).
    base: NOT_INDEXED,
    unsure: 'grid_unsure_id',
    disagree: 'grid_disagree_id',
    unclassified: 'grid_unclassified_id',
    import: 'grid_import_id',
    inspection: 'grid_import_id',
    label: 'grid_label_id',
    reviewed: 'grid_rev_id',
  },
};

/**
 * Dimensions by how much they usually narrow a library: disagreements and unclassified
 * photos are few, an import is one card among many, a label one class among a few;
 * reviewed/unreviewed splits the library in two. Without statistics this fixed order
 * is the plan; the other filters are checked along the walk.
 */
function dimensionsOf(filter: ImageFilter): Dimension[] {
  const dims: Dimension[] = [];
  // Unsure answers are the rarest of all: a few photos a reviewer set aside.
  if (filter.unsure === true) dims.push('unsure');
  if (filter.disagreement === true) dims.push('disagree');
  if (filter.unclassified === true) dims.push('unclassified');
  if (filter.reviewed !== undefined && filter.label !== undefined) dims.push('reviewedLabel');
  if (filter.importId !== undefined) dims.push('import');
  // A grouped inspection: its few cards are equality ranges of the import index, merged
  // and sorted (cost in proportion to the inspection's photos, not the library's).
  if (filter.inspectionId !== undefined) dims.push('inspection');
  if (filter.label !== undefined) dims.push('label');
  if (filter.predicted !== undefined) dims.push('predicted');
  if (filter.reviewed !== undefined) dims.push('reviewed');
  return dims;
}

/**
 * The index a page walks: the first filter dimension with an index in this sort order,
 * else the sort's own index. Never an index in another order: sorting the matches of an
 * equality index would cost time in proportion to the matches, not to the page.
 */
export function gridIndexFor(sortKey: SortKey, filter: ImageFilter): string {
  const indexes = GRID_INDEXES[sortKey];
  for (const dim of dimensionsOf(filter)) {
    const index = indexes[dim];
    if (index) return index;
  }
  return indexes.base as string;
}

/**
 * The first filter dimension's index in any sort order, for counting (which needs no
 * order); null when the filter has no indexed dimension.
 */
export function gridCountIndex(filter: ImageFilter): string | null {
  for (const dim of dimensionsOf(filter)) {
    for (const key of ['id', 'confidence', 'captured', 'tubeKey'] as const) {
      const index = GRID_INDEXES[key][dim];
      if (index) return index;
    }
  }
  return null;
}

export function indexHint(index: string | null | undefined): string {
  if (index === undefined || index === null) return '';
  return index === NOT_INDEXED ? ' NOT INDEXED' : ` INDEXED BY ${index}`;
}

export const GRID_COLUMNS: QueryColumns = {
  id: 'g.image_id',
  confidence: 'g.confidence',
  predicted: 'g.predicted',
  label: 'g.label',
  effLabel: 'g.eff_label',
  reviewed: 'g.reviewed',
  disagree: 'g.disagree',
  unsure: 'g.unsure',
  importId: 'g.import_id',
  captured: 'g.captured_at',
  tubeKey: 'g.tube_key',
  tubeParts: null,
  sha256: 'i.sha256',
  ext: 'i.ext',
  originalName: 'i.original_name',
  tubeRow: 'g.tube_row',
  tubeCol: 'g.tube_col',
  capturedAt: 'g.captured_at',
};

function modelColumns(id: string): QueryColumns {
  return {
    id,
    confidence: 'p.confidence',
    predicted: 'p.label',
    label: 'l.label',
    effLabel: 'coalesce(l.label, p.label)',
    reviewed: '(l.label IS NOT NULL)',
    disagree: '(l.label IS NOT NULL AND p.label IS NOT NULL AND l.label <> p.label)',
    unsure: `EXISTS (SELECT 1 FROM unsure_answers AS u WHERE u.image_id = ${id})`,
    importId: 'i.import_id',
    captured: 'i.captured_at',
    tubeKey:
      '(CASE WHEN i.tube_row IS NOT NULL AND i.tube_col IS NOT NULL THEN i.tube_row * 1000000 + i.tube_col END)',
    tubeParts: ['i.tube_row', 'i.tube_col'],
    sha256: 'i.sha256',
    ext: 'i.ext',
    originalName: 'i.original_name',
    tubeRow: 'i.tube_row',
    tubeCol: 'i.tube_col',
    capturedAt: 'i.captured_at',
  };
}

/** A FROM clause with its column expressions and parameters. */
export interface QuerySource {
  from: string;
  columns: QueryColumns;
  params: Record<string, unknown>;
}

/**
 * The source rows for a scope. `index` forces a review_grid index; `classifiedOnly`
 * lets the other-model path drive from that model's predictions (its confidence index).
 */
export function sourceFor(
  scope: ModelScope,
  options: { index?: string | null; classifiedOnly?: boolean } = {},
): QuerySource {
  if (scope.grid) {
    return {
      from: `review_grid AS g${indexHint(options.index)} CROSS JOIN images AS i ON i.id = g.image_id`,
      columns: GRID_COLUMNS,
      params: {},
    };
  }
  if (options.classifiedOnly) {
    return {
      from: `predictions AS p CROSS JOIN images AS i ON i.id = p.image_id
             LEFT JOIN labels AS l ON l.image_id = p.image_id`,
      columns: modelColumns('p.image_id'),
      params: { scopeModel: scope.modelId },
    };
  }
  return {
    from: `images AS i
           LEFT JOIN predictions AS p ON p.image_id = i.id AND p.model_id = @scopeModel
           LEFT JOIN labels AS l ON l.image_id = i.id`,
    columns: modelColumns('i.id'),
    params: { scopeModel: scope.modelId },
  };
}

/** WHERE terms and parameters of a filter over some columns. */
export function filterTerms(
  filter: ImageFilter,
  c: Pick<
    QueryColumns,
    'effLabel' | 'predicted' | 'confidence' | 'reviewed' | 'importId' | 'disagree'
  > & { id?: string; unsure?: string },
): { terms: string[]; params: Record<string, unknown> } {
  const terms: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.label !== undefined) {
    terms.push(`${c.effLabel} = @label`);
    params.label = filter.label;
  }
  if (filter.predicted !== undefined) {
    terms.push(`${c.predicted} = @predicted`);
    params.predicted = filter.predicted;
  }
  if (filter.minConfidence !== undefined) {
    terms.push(`${c.confidence} >= @minConfidence`);
    params.minConfidence = filter.minConfidence;
  }
  if (filter.maxConfidence !== undefined) {
    terms.push(`${c.confidence} <= @maxConfidence`);
    params.maxConfidence = filter.maxConfidence;
  }
  if (filter.reviewed !== undefined) terms.push(`${c.reviewed} = ${filter.reviewed ? 1 : 0}`);
  if (filter.importId !== undefined) {
    terms.push(`${c.importId} = @importId`);
    params.importId = filter.importId;
  }
  if (filter.inspectionId !== undefined) {
    terms.push(
      `${c.importId} IN (SELECT import_id FROM inspection_imports WHERE inspection_id = @inspectionId)`,
    );
    params.inspectionId = filter.inspectionId;
  }
  // Written exactly as the partial indexes' WHERE (`disagree = 1`) so SQLite may use them.
  if (filter.disagreement !== undefined) {
    terms.push(`${c.disagree} = ${filter.disagreement ? 1 : 0}`);
  }
  if (filter.unclassified !== undefined) {
    terms.push(`${c.confidence} ${filter.unclassified ? 'IS NULL' : 'IS NOT NULL'}`);
  }
  // People disagreeing is rare: a lookup in the small label_conflicts table per row walked.
  if (filter.conflict !== undefined) {
    if (c.id === undefined) throw new Error('A conflict filter needs the photo id column');
    terms.push(
      `${c.id} ${filter.conflict ? 'IN' : 'NOT IN'} (SELECT image_id FROM label_conflicts)`,
    );
  }
  // Written as the partial indexes' WHERE (`unsure = 1`), as for disagreements.
  if (filter.unsure !== undefined) {
    if (c.unsure === undefined) throw new Error('An unsure filter needs the unsure column');
    terms.push(`${c.unsure} = ${filter.unsure ? 1 : 0}`);
  }
  return { terms, params };
}

/**
 * An inspection filter as the cheapest equivalent: an inspection of one card is that
 * import (an in-order index walk); a grouped one stays an inspection filter. An unknown
 * inspection is refused rather than showing an empty grid.
 */
export function resolveInspectionFilter(db: Db, filter: ImageFilter): ImageFilter {
  if (filter.inspectionId === undefined) return filter;
  const importIds = cachedStatement(
    db,
    'SELECT import_id FROM inspection_imports WHERE inspection_id = ? ORDER BY import_id',
    'pluck',
  ).all(filter.inspectionId) as number[];
  if (importIds.length === 0) {
    throw new CoreError(
      'NOT_FOUND',
      { key: 'inspections.notFound', values: { ref: String(filter.inspectionId) } },
      { inspectionId: filter.inspectionId },
    );
  }
  const { inspectionId: _resolved, ...rest } = filter;
  if (filter.importId !== undefined) {
    // One of its cards asked for too: that card; another card: nothing (kept as asked).
    return importIds.includes(filter.importId) ? rest : filter;
  }
  return importIds.length === 1 ? { ...rest, importId: importIds[0] as number } : filter;
}

/** Resolves the model a filter means, refusing an unknown `modelId`. */
export function modelScope(db: Db, filter: ImageFilter): ModelScope {
  const active = activeModelIdOf(db);
  if (filter.modelId === undefined || filter.modelId === active) {
    return { modelId: active, grid: true };
  }
  const known = cachedStatement(db, 'SELECT 1 FROM models WHERE id = ?').get(filter.modelId);
  if (!known) {
    throw new CoreError(
      'NOT_FOUND',
      { key: 'library.modelNotFound', values: { modelId: filter.modelId } },
      { modelId: filter.modelId },
    );
  }
  return { modelId: filter.modelId, grid: false };
}

export interface Segment {
  /** The sort key's column, or null when the segment sorts by id alone. */
  key: keyof QueryColumns | null;
  sortKey: SortKey;
  /** Extra WHERE of the segment. */
  where: (c: QueryColumns) => string | null;
  /** The segment cannot match anything under this filter. */
  empty: (filter: ImageFilter) => boolean;
  /** The segment reads only photos the scope's model classified. */
  classifiedOnly: boolean;
}

/** The filter matches only photos the scope's model classified. */
export function excludesUnclassified(filter: ImageFilter): boolean {
  return (
    filter.minConfidence !== undefined ||
    filter.maxConfidence !== undefined ||
    filter.predicted !== undefined ||
    filter.disagreement === true ||
    filter.unclassified === false
  );
}

/** The segments of each sort, in page order. */
export function segmentsOf(sort: ImageSort): Segment[] {
  switch (sort) {
    case 'confidence':
      return [
        {
          key: 'confidence',
          sortKey: 'confidence',
          where: (c) => `${c.confidence} IS NOT NULL`,
          empty: (f) => f.unclassified === true,
          classifiedOnly: true,
        },
        {
          key: null,
          sortKey: 'confidence',
          where: (c) => `${c.confidence} IS NULL`,
          empty: excludesUnclassified,
          classifiedOnly: false,
        },
      ];
    case 'tube':
      return [
        {
          key: 'tubeKey',
          sortKey: 'tubeKey',
          where: (c) =>
            c.tubeParts
              ? `${c.tubeParts[0]} IS NOT NULL AND ${c.tubeParts[1]} IS NOT NULL`
              : `${c.tubeKey} IS NOT NULL`,
          empty: () => false,
          classifiedOnly: false,
        },
        {
          key: null,
          sortKey: 'tubeKey',
          where: (c) =>
            c.tubeParts
              ? `(${c.tubeParts[0]} IS NULL OR ${c.tubeParts[1]} IS NULL)`
              : `${c.tubeKey} IS NULL`,
          empty: () => false,
          classifiedOnly: false,
        },
      ];
    case 'captured':
      return [
        {
          key: 'captured',
          sortKey: 'captured',
          where: () => null,
          empty: () => false,
          classifiedOnly: false,
        },
      ];
    case 'imported':
      return [
        { key: null, sortKey: 'id', where: () => null, empty: () => false, classifiedOnly: false },
      ];
  }
}

/** A row of the summary query. */
export interface SummaryRow {
  id: number;
  sha256: string;
  ext: string;
  original_name: string;
  captured_at: string;
  tube_row: number | null;
  tube_col: number | null;
  predicted: string | null;
  confidence: number | null;
  label: string | null;
  unsure: number;
  sort_key: number | string | null;
}

export function summaryColumns(c: QueryColumns, keyExpr = 'NULL'): string {
  return `${c.id} AS id, ${c.sha256} AS sha256, ${c.ext} AS ext, ${c.originalName} AS original_name,
          ${c.capturedAt} AS captured_at, ${c.tubeRow} AS tube_row, ${c.tubeCol} AS tube_col,
          ${c.predicted} AS predicted, ${c.confidence} AS confidence, ${c.label} AS label,
          ${c.unsure} AS unsure, ${keyExpr} AS sort_key`;
}

export function thumbUrlOf(sha256: string): string {
  return `/media/thumbs/${sha256}.webp`;
}

export function originalUrlOf(sha256: string, ext: string): string {
  return `/media/originals/${sha256}.${ext}`;
}

export function toSummary(row: Omit<SummaryRow, 'sort_key'>): ImageSummary {
  return {
    id: row.id,
    sha256: row.sha256,
    originalName: row.original_name,
    capturedAt: row.captured_at,
    tubeRow: row.tube_row,
    tubeCol: row.tube_col,
    predicted: row.predicted,
    confidence: row.confidence,
    label: row.label,
    effectiveLabel: row.label ?? row.predicted,
    reviewed: row.label !== null,
    thumbUrl: thumbUrlOf(row.sha256),
    unsure: row.unsure === 1,
  };
}

export interface ListRequest {
  filter: ImageFilter;
  sort: ImageSort;
  descending: boolean;
  cursor?: string | null;
  limit: number;
  /**
   * Segments the caller knows to be empty under this filter (a far jump counted them):
   * the last page need not walk a key-less segment only to find it has nothing.
   */
  emptySegments?: ReadonlySet<number>;
}

/**
 * A grid row as `library.list` reads it: a positional array (better-sqlite3's raw mode),
 * as building a named-property object per row cost a third of a 500-row page.
 */
type ListRow = [
  id: number,
  sha256: string,
  originalName: string,
  capturedAt: string,
  tubeRow: number | null,
  tubeCol: number | null,
  predicted: string | null,
  confidence: number | null,
  label: string | null,
  unsure: number,
];

function listColumns(c: QueryColumns): string {
  return `${c.id}, ${c.sha256}, ${c.originalName}, ${c.capturedAt}, ${c.tubeRow}, ${c.tubeCol},
          ${c.predicted}, ${c.confidence}, ${c.label}, ${c.unsure}`;
}

function summaryOfListRow(row: ListRow): ImageSummary {
  const [
    id,
    sha256,
    originalName,
    capturedAt,
    tubeRow,
    tubeCol,
    predicted,
    confidence,
    label,
    unsure,
  ] = row;
  return {
    id,
    sha256,
    originalName,
    capturedAt,
    tubeRow,
    tubeCol,
    predicted,
    confidence,
    label,
    effectiveLabel: label ?? predicted,
    reviewed: label !== null,
    thumbUrl: thumbUrlOf(sha256),
    unsure: unsure === 1,
  };
}

/** The sort key of a row in a keyed segment (what the cursor carries). */
function sortKeyOf(key: Segment['key'], row: ListRow): number | string | null {
  switch (key) {
    case 'confidence':
      return row[7];
    case 'captured':
      return row[3];
    case 'tubeKey':
      return row[4] === null || row[5] === null ? null : row[4] * TUBE_KEY_FACTOR + row[5];
    default:
      return null;
  }
}

/**
 * The filter a page after `after` needs: a confidence bound on the side the walk comes
 * from is implied by the cursor once the cursor is past it, and left in place it may be
 * where SQLite starts the index walk (a deep page then walks every row before the cursor).
 */
function filterAfterCursor(
  filter: ImageFilter,
  segment: Segment,
  after: ListCursor | null,
  descending: boolean,
): ImageFilter {
  if (!after || segment.key !== 'confidence' || typeof after.key !== 'number') return filter;
  const { minConfidence, maxConfidence, ...rest } = filter;
  if (!descending && minConfidence !== undefined && after.key >= minConfidence) {
    return maxConfidence === undefined ? rest : { ...rest, maxConfidence };
  }
  if (descending && maxConfidence !== undefined && after.key <= maxConfidence) {
    return minConfidence === undefined ? rest : { ...rest, minConfidence };
  }
  return filter;
}

/** The SQL of one segment's page, with parameters (exported for EXPLAIN in tests). */
export function segmentQuery(
  scope: ModelScope,
  request: Pick<ListRequest, 'filter' | 'descending'>,
  segment: Segment,
  after: ListCursor | null,
  limit: number,
): { sql: string; params: Record<string, unknown> } {
  const index = scope.grid
    ? gridIndexFor(segment.key ? segment.sortKey : 'id', request.filter)
    : null;
  // On the other-model path, a keyed confidence segment walks that model's predictions.
  const source = sourceFor(scope, { index, classifiedOnly: segment.classifiedOnly });
  const c = source.columns;
  const filter = filterAfterCursor(request.filter, segment, after, request.descending);
  const { terms, params } = filterTerms(filter, c);
  if (!scope.grid && segment.classifiedOnly) terms.push('p.model_id = @scopeModel');
  const dir = request.descending ? 'DESC' : 'ASC';
  const cmp = request.descending ? '<' : '>';
  const keyExpr = segment.key ? (c[segment.key] as string) : 'NULL';
  const parts = segment.key === 'tubeKey' ? c.tubeParts : null;
  const orderKeys = segment.key ? (parts ?? [keyExpr]) : [];
  // A single-column key compared with the cursor's non-null key is never NULL: the
  // segment's `IS NOT NULL` would only offer SQLite a second (worse) place to start.
  const keyedByCursor = after !== null && after.key !== null && segment.key !== null && !parts;
  const segmentWhere = keyedByCursor ? null : segment.where(c);
  if (segmentWhere) terms.push(segmentWhere);
  if (after) {
    if (parts) {
      const key = Number(after.key);
      params.afterRow = Math.floor(key / TUBE_KEY_FACTOR);
      params.afterCol = key % TUBE_KEY_FACTOR;
      terms.push(`(${parts[0]}, ${parts[1]}, ${c.id}) ${cmp} (@afterRow, @afterCol, @afterId)`);
    } else if (segment.key) {
      params.afterKey = after.key;
      terms.push(`(${keyExpr}, ${c.id}) ${cmp} (@afterKey, @afterId)`);
    } else {
      terms.push(`${c.id} ${cmp} @afterId`);
    }
    params.afterId = after.id;
  }
  params.limit = Math.trunc(limit);
  const order = [...orderKeys, c.id].map((k) => `${k} ${dir}`).join(', ');
  const sql = `SELECT ${listColumns(c)}
               FROM ${source.from}
               ${terms.length ? `WHERE ${terms.join(' AND ')}` : ''}
               ORDER BY ${order}
               LIMIT @limit`;
  return { sql, params: { ...source.params, ...params } };
}

/** The cards of a grouped inspection the grid pages through, or null for one walk. */
function groupedImports(db: Db, scope: ModelScope, filter: ImageFilter): number[] | null {
  if (!scope.grid || filter.inspectionId === undefined || filter.importId !== undefined) {
    return null;
  }
  return cachedStatement(
    db,
    'SELECT import_id FROM inspection_imports WHERE inspection_id = ? ORDER BY import_id',
    'pluck',
  ).all(filter.inspectionId) as number[];
}

/** Both keys of one segment are the same type (numbers, or ISO dates as text). */
function compareKeys(a: number | string | null, b: number | string | null): number {
  if (a === b || a === null || b === null) return 0;
  return a < b ? -1 : 1;
}

/**
 * A segment's next rows. A grouped inspection walks each of its cards in order on that
 * card's import index and merges the walks, so a page costs (cards x page) rows whatever
 * the inspection's size, instead of sorting every photo of the inspection.
 */
function segmentRows(
  db: Db,
  scope: ModelScope,
  request: ListRequest,
  segment: Segment,
  after: ListCursor | null,
  limit: number,
  cards: number[] | null,
): ListRow[] {
  if (!cards) {
    const { sql, params } = segmentQuery(scope, request, segment, after, limit);
    return cachedStatement(db, sql, 'raw').all(params) as ListRow[];
  }
  const { inspectionId: _group, ...rest } = request.filter;
  const merged: ListRow[] = [];
  for (const importId of cards) {
    const card = { ...request, filter: { ...rest, importId } };
    const { sql, params } = segmentQuery(scope, card, segment, after, limit);
    merged.push(...(cachedStatement(db, sql, 'raw').all(params) as ListRow[]));
  }
  const direction = request.descending ? -1 : 1;
  merged.sort(
    (a, b) =>
      direction *
      (compareKeys(sortKeyOf(segment.key, a), sortKeyOf(segment.key, b)) || a[0] - b[0]),
  );
  return merged.slice(0, limit);
}

/** One page of the review grid. */
export function listImages(db: Db, asked: ListRequest): ImageListResult {
  const request = { ...asked, filter: resolveInspectionFilter(db, asked.filter) };
  const scope = modelScope(db, request.filter);
  const cards = groupedImports(db, scope, request.filter);
  const segments = segmentsOf(request.sort);
  const start = request.cursor
    ? decodeCursor(request.cursor, request.sort, request.descending)
    : null;
  const items: ImageSummary[] = [];
  // One row beyond the page tells whether another page exists, so the last page says so.
  const wanted = request.limit + 1;
  let extra: { row: ListRow; segment: number } | null = null;
  let last: { row: ListRow; segment: number } | null = null;
  for (let s = start?.segment ?? 0; s < segments.length && !extra; s++) {
    const segment = segments[s] as Segment;
    if (segment.empty(request.filter) || request.emptySegments?.has(s)) continue;
    const after = start && start.segment === s ? start : null;
    const rows = segmentRows(db, scope, request, segment, after, wanted - items.length, cards);
    for (const row of rows) {
      if (items.length === request.limit) {
        extra = { row, segment: s };
        break;
      }
      items.push(summaryOfListRow(row));
      last = { row, segment: s };
    }
  }
  const nextCursor =
    extra && last
      ? encodeCursor({
          sort: request.sort,
          descending: request.descending,
          segment: last.segment,
          key: sortKeyOf(segments[last.segment]?.key ?? null, last.row),
          id: last.row[0],
        })
      : null;
  return { items, nextCursor };
}

/** Ids of every photo matching a filter, ascending ("select all matching"). */
export function imageIds(db: Db, asked: ImageFilter): number[] {
  const filter = resolveInspectionFilter(db, asked);
  const scope = modelScope(db, filter);
  if (scope.grid) {
    const index = gridIndexFor('id', filter);
    const { terms, params } = filterTerms(filter, GRID_COLUMNS);
    const sql = `SELECT g.image_id FROM review_grid AS g${indexHint(index)}
                 ${terms.length ? `WHERE ${terms.join(' AND ')}` : ''}
                 ORDER BY g.image_id`;
    return cachedStatement(db, sql, 'pluck').all(params) as number[];
  }
  const source = sourceFor(scope);
  const { terms, params } = filterTerms(filter, source.columns);
  const sql = `SELECT ${source.columns.id} FROM ${source.from}
               ${terms.length ? `WHERE ${terms.join(' AND ')}` : ''}
               ORDER BY ${source.columns.id}`;
  return cachedStatement(db, sql, 'pluck').all({ ...source.params, ...params }) as number[];
}

/** EXPLAIN QUERY PLAN of every segment of a list request (tests and benchmarks). */
export function explainList(db: Db, asked: Omit<ListRequest, 'cursor' | 'limit'>): string[][] {
  const request = { ...asked, filter: resolveInspectionFilter(db, asked.filter) };
  const scope = modelScope(db, request.filter);
  return segmentsOf(request.sort).map((segment) => {
    const fake: ListCursor = {
      sort: request.sort,
      descending: request.descending,
      segment: 0,
      key: segment.key === 'captured' ? '2026-01-01T00:00:00.000Z' : segment.key ? 0 : null,
      id: 1,
    };
    // A grouped inspection runs one walk per card (see segmentRows): explain the first.
    const cards = groupedImports(db, scope, request.filter);
    const { inspectionId: _group, ...rest } = request.filter;
    const asRun = cards
      ? { ...request, filter: { ...rest, importId: cards[0] as number } }
      : request;
    const { sql, params } = segmentQuery(scope, asRun, segment, fake, 200);
    return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map(
      (r) => r.detail,
    );
  });
}
