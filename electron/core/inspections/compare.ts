/**
 * What changed from one inspection to another, tube by tube: the list the plant reads
 * first ("which got worse since the last stop") and the colours of the compared map.
 */
import type {
  InspectionComparison,
  TubeChange,
  TubeChangeKind,
  TubeState,
} from '../../contract.js';
import type { Db } from '../library/database.js';
import { getInspection } from './store.js';
import { normalLabelOf, tubeStatesOf } from './tube-states.js';

export function changeKind(
  before: TubeState | null,
  after: TubeState | null,
  normalLabel: string | null,
): TubeChangeKind | null {
  if (!before && !after) return null;
  if (!before) return 'added';
  if (!after) return 'missing';
  if (before.label === after.label) return null;
  if (normalLabel !== null && before.label === normalLabel) return 'worsened';
  if (normalLabel !== null && after.label === normalLabel) return 'cleared';
  return 'changed';
}

export function compareInspections(
  db: Db,
  beforeId: number,
  afterId: number,
): InspectionComparison {
  const before = getInspection(db, beforeId);
  const after = getInspection(db, afterId);
  const normalLabel = normalLabelOf(db);
  const key = (t: { row: number; col: number }) => t.row * 1_000_000 + t.col;
  const earlier = new Map(tubeStatesOf(db, beforeId, normalLabel).map((t) => [key(t), t]));
  const later = new Map(tubeStatesOf(db, afterId, normalLabel).map((t) => [key(t), t]));
  const keys = [...new Set([...earlier.keys(), ...later.keys()])].sort((a, b) => a - b);
  const changes: TubeChange[] = [];
  let unchanged = 0;
  for (const k of keys) {
    const b = earlier.get(k) ?? null;
    const a = later.get(k) ?? null;
    const kind = changeKind(b, a, normalLabel);
    const any = (a ?? b) as TubeState;
    if (kind === null) unchanged++;
    else changes.push({ tube: any.tube, row: any.row, col: any.col, kind, before: b, after: a });
  }
  return { before, after, normalLabel, changes, unchanged };
}
