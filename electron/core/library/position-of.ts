/**
 * `library.positionOf`: where a photo sits in the grid's order, so "Show" (decisions
 * panel, undo notice) can focus a photo whose page is not loaded: the grid seeks there
 * with `library.cursorAt`. Null when the filter excludes the photo, and only then does
 * the UI say the filter hides it.
 *
 * The position is the rows before the photo: the sizes of the segments before its own,
 * plus a count over its segment's index of the rows whose (sort key, id) come before the
 * photo's, the same index range walk a seek makes (no page walk, no OFFSET over photos).
 */
import type { ImageFilter, ImageSort } from '../../contract.js';
import type { Db } from './database.js';
import { countImages } from './image-count.js';
import { modelScope, resolveInspectionFilter, segmentsOf, type ModelScope } from './image-query.js';
import {
  confidenceSizes,
  segmentCount,
  segmentSql,
  whereOf,
  type SegmentSql,
} from './offset-seek.js';
import { cachedStatement } from './statement-cache.js';

export interface PositionOfRequest {
  filter: ImageFilter;
  sort: ImageSort;
  descending: boolean;
  imageId: number;
}

/** `INDEXED BY x` forces a walk of x even for a lookup by id: drop it for the lookup. */
function withoutIndexHint(from: string): string {
  return from.replace(/ (INDEXED BY \w+|NOT INDEXED)/, '');
}

/** The photo's sort key in this segment, or undefined when it is not in the segment. */
function keyIn(
  db: Db,
  sql: SegmentSql,
  imageId: number,
): { key: number | string | null; parts: [number, number] | null } | undefined {
  const parts = sql.orderKeys.length === 2 ? sql.orderKeys : null;
  const columns = parts ? parts.join(', ') : `${sql.keyExpr}, NULL`;
  const terms = [...sql.terms, `${sql.columns.id} = @positionOfId`];
  const text = `SELECT ${sql.keyExpr}, ${columns} FROM ${withoutIndexHint(sql.from)}
                ${whereOf(terms)}`;
  const row = cachedStatement(db, text, 'raw').get({ ...sql.params, positionOfId: imageId }) as
    [number | string | null, number | string | null, number | null] | undefined;
  if (!row) return undefined;
  return { key: row[0], parts: parts ? [Number(row[1]), Number(row[2])] : null };
}

/** Rows of the segment that come before the photo (key, then id, in the grid's direction). */
function rowsBefore(
  db: Db,
  sql: SegmentSql,
  descending: boolean,
  imageId: number,
  found: { key: number | string | null; parts: [number, number] | null },
): number {
  const cmp = descending ? '>' : '<';
  const params: Record<string, unknown> = { ...sql.params, beforeId: imageId };
  let term: string;
  if (found.parts && sql.orderKeys.length === 2) {
    params.beforeRow = found.parts[0];
    params.beforeCol = found.parts[1];
    term = `(${sql.orderKeys[0]}, ${sql.orderKeys[1]}, ${sql.columns.id}) ${cmp} (@beforeRow, @beforeCol, @beforeId)`;
  } else if (sql.orderKeys.length === 1) {
    params.beforeKey = found.key;
    term = `(${sql.keyExpr}, ${sql.columns.id}) ${cmp} (@beforeKey, @beforeId)`;
  } else {
    term = `${sql.columns.id} ${cmp} @beforeId`;
  }
  const text = `SELECT count(*) FROM ${sql.from} ${whereOf([...sql.terms, term])}`;
  return cachedStatement(db, text, 'pluck').get(params) as number;
}

/** Offset of the photo in the grid's order under the filter, or null when it does not match. */
export function positionOf(db: Db, request: PositionOfRequest): number | null {
  const { sort, descending, imageId } = request;
  const filter = resolveInspectionFilter(db, request.filter);
  const scope: ModelScope = modelScope(db, filter);
  const segments = segmentsOf(sort);
  const sqls = segments.map((segment) =>
    segment.empty(filter) ? null : segmentSql(scope, sort, filter, segment),
  );
  // A photo lookup per segment (by id): the filter excludes it when no segment holds it.
  let at = -1;
  let found: ReturnType<typeof keyIn>;
  for (const [index, sql] of sqls.entries()) {
    found = sql ? keyIn(db, sql, imageId) : undefined;
    if (found) {
      at = index;
      break;
    }
  }
  if (!found || at < 0) return null;
  // Every segment before the photo's comes whole before it (key-less photos come last).
  let before = 0;
  if (at > 0) {
    const sizes =
      sort === 'confidence'
        ? confidenceSizes(db, scope, filter, segments[0]!, countImages(db, filter))
        : null;
    for (let index = 0; index < at; index++) {
      const sql = sqls[index];
      if (sql) before += sizes?.[index] ?? segmentCount(db, sql);
    }
  }
  return before + rowsBefore(db, sqls[at]!, descending, imageId, found);
}
