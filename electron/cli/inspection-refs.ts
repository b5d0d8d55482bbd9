/**
 * Turns what a user types for an inspection (its id or its name) into one inspection,
 * and a tube name ("R07C010") into a row and column.
 */
import type { Inspection } from '../contract.js';
import type { Core } from '../core/app.js';
import { CoreError } from '../core/errors.js';
import { parseTubePosition } from '../core/ingest/tube-position.js';

export async function resolveInspection(core: Core, ref: string): Promise<Inspection> {
  const trimmed = ref.trim();
  if (/^\d+$/.test(trimmed))
    return core.invoke('inspections.get', { inspectionId: Number(trimmed) });
  const wanted = trimmed.toLocaleLowerCase();
  const matches = (await core.invoke('inspections.list')).filter(
    (s) => s.title.toLocaleLowerCase() === wanted,
  );
  if (matches.length === 1) return matches[0] as Inspection;
  if (matches.length > 1) {
    throw new CoreError('INVALID_ARGUMENT', {
      key: 'inspections.ambiguous',
      values: { ref: trimmed, ids: matches.map((s) => s.id).join(', ') },
    });
  }
  throw new CoreError('NOT_FOUND', { key: 'inspections.notFound', values: { ref: trimmed } });
}

/** "R07C010", "r7c10", "row7_col10", "7-10": the tube's row and column. */
export function parseTubeRef(ref: string): { row: number; col: number } {
  const position = parseTubePosition(ref.trim());
  if (!position) {
    throw new CoreError('INVALID_ARGUMENT', { key: 'inspections.tubeInvalid', values: { ref } });
  }
  return position;
}
