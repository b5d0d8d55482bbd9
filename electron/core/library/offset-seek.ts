/**
 * `library.cursorAt`: the grid's page at any position, for far jumps (End, Ctrl+End, a
 * scrollbar dragged to the bottom). Following keyset cursors page by page from the top
 * costs one request per page: at 100,000 photos, End took seconds.
 *
 * A seek finds the row just before `offset` with one `LIMIT 1 OFFSET n` walk over the
 * same index the page itself walks, reading only the sort key and id (the index entry,
 * not the photo row). The walk starts from the nearer end: a position in the second half
 * is found walking the reversed order (segments reversed, each in the other direction),
 * so End costs one page, not the library. That row becomes an ordinary keyset cursor, so
 * the pages after it are read exactly as `library.list` reads them. Everything happens in
 * one synchronous call, so the count and the walk see the same rows.
 */
import type { CursorAtResult, ImageFilter, ImageSort } from '../../contract.js';
import type { Db } from './database.js';
import { encodeCursor } from './cursor.js';
import { countImages } from './image-count.js';
import {
  filterTerms,
  GRID_COLUMNS,
  gridIndexFor,
  indexHint,
  listImages,
  modelScope,
  resolveInspectionFilter,
  segmentsOf,
  sourceFor,
  type ModelScope,
  type QueryColumns,
  type Segment,
} from './image-query.js';
import { cachedStatement } from './statement-cache.js';

export interface CursorAtRequest {
  filter: ImageFilter;
  sort: ImageSort;
  descending: boolean;
  offset: number;
  limit: number;
}

/**
 * The filter that picks a segment's index: the key-less confidence segment is exactly
 * the unclassified photos, whose small partial index beats walking every row by id.
 */
function indexFilterOf(sort: ImageSort, segment: Segment, filter: ImageFilter): ImageFilter {
  return sort === 'confidence' && segment.key === null ? { ...filter, unclassified: true } : filter;
}

export interface SegmentSql {
  from: string;
  terms: string[];
  params: Record<string, unknown>;
  columns: QueryColumns;
  keyExpr: string;
  orderKeys: string[];
}

/** FROM, WHERE and order of one segment, without the photo columns a page shows. */
export function segmentSql(
  scope: ModelScope,
  sort: ImageSort,
  filter: ImageFilter,
  segment: Segment,
): SegmentSql {
  const columns = scope.grid
    ? GRID_COLUMNS
    : sourceFor(scope, { classifiedOnly: segment.classifiedOnly }).columns;
  const { terms, params } = filterTerms(filter, columns);
  if (!scope.grid && segment.classifiedOnly) terms.push('p.model_id = @scopeModel');
  const where = segment.where(columns);
  if (where) terms.push(where);
  const keyExpr = segment.key ? (columns[segment.key] as string) : 'NULL';
  const parts = segment.key === 'tubeKey' ? columns.tubeParts : null;
  const orderKeys = segment.key ? (parts ?? [keyExpr]) : [];
  let from: string;
  if (scope.grid) {
    // Every filter and sort column is on review_grid: no join, the walk stays on the index.
    const index = gridIndexFor(
      segment.key ? segment.sortKey : 'id',
      indexFilterOf(sort, segment, filter),
    );
    from = `review_grid AS g${indexHint(index)}`;
  } else {
    from = otherModelFrom(segment.classifiedOnly, [...terms, ...orderKeys, keyExpr].join(' '));
    params.scopeModel = scope.modelId;
  }
  return { from, terms, params, columns, keyExpr, orderKeys };
}

/**
 * Another model's rows, joining only the tables the query reads: a seek or a count
 * reads no photo column, and a join kept "just in case" is a lookup per row walked
 * (SQLite drops unused joins from a plain walk, not from a count).
 */
function otherModelFrom(classifiedOnly: boolean, uses: string): string {
  const labels = /\bl\./.test(uses);
  if (classifiedOnly) {
    return [
      'predictions AS p',
      /\bi\./.test(uses) ? 'CROSS JOIN images AS i ON i.id = p.image_id' : '',
      labels ? 'LEFT JOIN labels AS l ON l.image_id = p.image_id' : '',
    ].join(' ');
  }
  return [
    'images AS i LEFT JOIN predictions AS p ON p.image_id = i.id AND p.model_id = @scopeModel',
    labels ? 'LEFT JOIN labels AS l ON l.image_id = i.id' : '',
  ].join(' ');
}

export function whereOf(terms: string[]): string {
  return terms.length ? `WHERE ${terms.join(' AND ')}` : '';
}

/** Sort key and id of the row `skip` rows into a segment walked in `descending` order. */
function rowAt(
  db: Db,
  sql: SegmentSql,
  descending: boolean,
  skip: number,
): [id: number, key: number | string | null] | undefined {
  const dir = descending ? 'DESC' : 'ASC';
  const order = [...sql.orderKeys, sql.columns.id].map((k) => `${k} ${dir}`).join(', ');
  const text = `SELECT ${sql.columns.id}, ${sql.keyExpr} FROM ${sql.from} ${whereOf(sql.terms)}
                ORDER BY ${order} LIMIT 1 OFFSET @skip`;
  return cachedStatement(db, text, 'raw').get({ ...sql.params, skip }) as
    [number, number | string | null] | undefined;
}

/** Photos in one segment, counted over its index. */
export function segmentCount(db: Db, sql: SegmentSql): number {
  const text = `SELECT count(*) FROM ${sql.from} ${whereOf(sql.terms)}`;
  return cachedStatement(db, text, 'pluck').get(sql.params) as number;
}

/**
 * Photos in each segment of the confidence sort: the classified photos (an index count,
 * or the aggregates' sum on the active model) and the rest. A seek then goes straight to
 * its segment instead of walking past a whole one: the unclassified photos of another
 * model are a join over the whole library.
 */
export function confidenceSizes(
  db: Db,
  scope: ModelScope,
  filter: ImageFilter,
  keyed: Segment,
  total: number,
): number[] {
  let classified = 0;
  if (keyed.empty(filter)) classified = 0;
  else if (scope.grid) classified = countImages(db, { ...filter, unclassified: false });
  else classified = segmentCount(db, segmentSql(scope, 'confidence', filter, keyed));
  return [classified, total - classified];
}

/** The page of the review grid that starts `offset` photos into the order. */
export function cursorAt(db: Db, request: CursorAtRequest): CursorAtResult {
  const { sort, descending } = request;
  // A one-card inspection seeks on its import's index like the page itself (polish).
  const filter = resolveInspectionFilter(db, request.filter);
  const total = countImages(db, filter);
  const offset = Math.min(Math.max(0, Math.trunc(request.offset)), total);
  const scope = modelScope(db, filter);
  const segments = segmentsOf(sort);
  const sizes =
    sort === 'confidence' ? confidenceSizes(db, scope, filter, segments[0]!, total) : null;
  // On another model, a page ending the classified photos would otherwise scan the whole
  // library for unclassified ones that the count already says are none.
  const emptySegments = new Set(sizes?.flatMap((size, index) => (size === 0 ? [index] : [])));
  const list = (cursor: string | null): CursorAtResult => ({
    ...listImages(db, { filter, sort, descending, cursor, limit: request.limit, emptySegments }),
    offset,
    cursor,
    total,
  });
  if (offset === 0) return list(null);
  // The row before the page; walked from whichever end is nearer.
  const before = offset - 1;
  const backwards = before > (total - 1) / 2;
  const order = segments.map((segment, index) => ({ segment, index }));
  if (backwards) order.reverse();
  let skip = backwards ? total - 1 - before : before;
  for (const { segment, index } of order) {
    if (segment.empty(filter)) continue;
    const size = sizes?.[index];
    if (size !== undefined && skip >= size) {
      skip -= size;
      continue;
    }
    const sql = segmentSql(scope, sort, filter, segment);
    const row = rowAt(db, sql, backwards ? !descending : descending, skip);
    if (row) {
      const [id, key] = row;
      return list(encodeCursor({ sort, descending, segment: index, key, id }));
    }
    skip -= size ?? segmentCount(db, sql);
  }
  // Unreachable while the count and the walk agree (one read); past the end reads nothing.
  return { items: [], nextCursor: null, offset, cursor: null, total };
}
