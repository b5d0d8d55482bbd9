/**
 * Photos two people labeled differently, in an export. Such a photo is exported ONCE,
 * under its current label, chosen the way every laptop merges (the decision with the
 * latest Lamport clock, the device id breaking ties; see sync/merge-slice.ts), and every
 * competing decision is listed in `conflicts.csv`, one row each, with `chosen` marking
 * the one the photo is exported under. Nothing is dropped silently: a training script
 * can leave these photos out, or a person can resolve them in the app first.
 */
import type { Db } from '../library/database.js';
import { csvDocument } from './csv.js';
import type { ExportItem } from './plan.js';

export const CONFLICTS_CSV = 'conflicts.csv';

export const CONFLICT_RULE =
  'Each photo is exported once, under its current label: the decision with the latest ' +
  'Lamport clock (device id breaking ties), as every laptop merges. A photo whose latest ' +
  'decisions were taken without seeing each other and disagree is listed in ' +
  `${CONFLICTS_CSV}, one row per competing decision; chosen=true marks the exported one.`;

export interface ConflictDecision {
  imageId: number;
  sha256: string;
  /** Path inside the export; null when the photos are not copied. */
  relPath: string | null;
  exportedLabel: string;
  label: string;
  reviewer: string;
  at: string;
  deviceId: string;
  lamport: number;
  chosen: boolean;
}

interface HeadRow {
  image_id: number;
  event_uid: string;
  new_label: string;
  reviewer: string;
  at: string;
  device_id: string;
  lamport: number;
  winner: string;
}

/** The competing decisions of the exported photos that are in conflict. */
export function readConflicts(db: Db, items: readonly ExportItem[]): ConflictDecision[] {
  const byImage = new Map(items.map((i) => [i.imageId, i]));
  // Heads as settleImage counts them: decisions with a label no later decision saw.
  const rows = db
    .prepare(
      `SELECT h.image_id, h.event_uid, h.new_label, h.reviewer, h.at, h.device_id, h.lamport,
              (SELECT w.event_uid FROM label_events w WHERE w.image_id = h.image_id
               ORDER BY w.lamport DESC, w.device_id DESC LIMIT 1) AS winner
       FROM label_conflicts c JOIN label_events h ON h.image_id = c.image_id
       WHERE h.new_label IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM label_event_parents p WHERE p.parent_uid = h.event_uid)
       ORDER BY h.image_id, h.lamport DESC, h.device_id DESC`,
    )
    .all() as HeadRow[];
  const out: ConflictDecision[] = [];
  for (const row of rows) {
    const item = byImage.get(row.image_id);
    if (!item) continue;
    out.push({
      imageId: row.image_id,
      sha256: item.sha256,
      relPath: item.relPath,
      exportedLabel: item.label,
      label: row.new_label,
      reviewer: row.reviewer,
      at: row.at,
      deviceId: row.device_id,
      lamport: row.lamport,
      chosen: row.event_uid === row.winner,
    });
  }
  return out;
}

export function conflictsCsv(rows: readonly ConflictDecision[]): string {
  return csvDocument(
    [
      'path',
      'sha256',
      'exported_label',
      'decision_label',
      'reviewer',
      'decided_at',
      'device_id',
      'lamport',
      'chosen',
    ],
    rows.map((r) => [
      r.relPath ?? '',
      r.sha256,
      r.exportedLabel,
      r.label,
      r.reviewer,
      r.at,
      r.deviceId,
      r.lamport,
      r.chosen,
    ]),
  );
}

/** Photos in conflict among the rows. */
export function conflictPhotos(rows: readonly ConflictDecision[]): number {
  return new Set(rows.map((r) => r.imageId)).size;
}
