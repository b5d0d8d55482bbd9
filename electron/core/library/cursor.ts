/**
 * The review grid's opaque keyset cursor: base64url JSON of where the last page ended
 * (which segment of the sort, the sort key and the image id). The next page starts
 * strictly after that row, so pages never skip or repeat a photo while others are
 * labeled, and no page costs more than the one before (no OFFSET).
 */
import type { ImageSort } from '../../contract.js';
import { CoreError } from '../errors.js';

export interface ListCursor {
  sort: ImageSort;
  descending: boolean;
  /** Segment of the sort (0: photos with a sort key, 1: photos without, placed last). */
  segment: number;
  /** Sort key of the last row; null when the segment has none (or sorts by id alone). */
  key: number | string | null;
  /** Image id of the last row: the tie-breaker. */
  id: number;
}

interface WireCursor {
  v: 1;
  s: ImageSort;
  d: 0 | 1;
  g: number;
  k: number | string | null;
  i: number;
}

export function encodeCursor(cursor: ListCursor): string {
  const wire: WireCursor = {
    v: 1,
    s: cursor.sort,
    d: cursor.descending ? 1 : 0,
    g: cursor.segment,
    k: cursor.key,
    i: cursor.id,
  };
  return Buffer.from(JSON.stringify(wire), 'utf8').toString('base64url');
}

function invalid(reason: string): CoreError {
  return new CoreError('INVALID_ARGUMENT', { key: 'library.cursorInvalid', values: { reason } });
}

/** Decodes a cursor and checks it belongs to the same sort and direction. */
export function decodeCursor(text: string, sort: ImageSort, descending: boolean): ListCursor {
  let wire: unknown;
  try {
    wire = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalid('it is not a cursor this application handed out');
  }
  if (typeof wire !== 'object' || wire === null) throw invalid('malformed');
  const w = wire as Partial<WireCursor>;
  const keyOk = w.k === null || typeof w.k === 'number' || typeof w.k === 'string';
  if (
    w.v !== 1 ||
    typeof w.s !== 'string' ||
    (w.d !== 0 && w.d !== 1) ||
    (w.g !== 0 && w.g !== 1) ||
    !keyOk ||
    typeof w.i !== 'number' ||
    !Number.isInteger(w.i)
  ) {
    throw invalid('malformed');
  }
  if (w.s !== sort || (w.d === 1) !== descending) {
    throw invalid(`it belongs to another sort order (${w.s}${w.d ? ', descending' : ''})`);
  }
  return { sort, descending, segment: w.g, key: w.k ?? null, id: w.i };
}
