/**
 * Migration 4 on a library written before inspections existed: every past import becomes
 * an inspection with its own id, and later imports start theirs by themselves.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../electron/core/library/database.js';
import { migrations } from '../../electron/core/library/migrations.js';
import { listInspections } from '../../electron/core/inspections/store.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const INSPECTIONS_MIGRATION = migrations.findIndex((sql) =>
  sql.includes('CREATE TABLE inspections'),
);

describe('migration to inspections', () => {
  it('turns each earlier import into an inspection and keeps doing so for new imports', () => {
    const db = new Database(path.join(tempDir(), 'library.sqlite'));
    try {
      for (let v = 0; v < INSPECTIONS_MIGRATION; v++) db.exec(migrations[v]!);
      db.pragma(`user_version = ${INSPECTIONS_MIGRATION}`);
      const addImport = db.prepare(
        `INSERT INTO imports (source, status, started_at) VALUES (?, 'done', ?)`,
      );
      addImport.run('/media/ana/REBOILER2_MARCH', '2026-03-12T13:00:00.000Z');
      addImport.run('/media/ana/REBOILER2_SEPT', '2026-09-20T12:00:00.000Z');

      migrate(db);
      addImport.run('/media/ana/REBOILER3', '2026-10-01T12:00:00.000Z');

      expect(listInspections(db).map((s) => [s.id, s.title, s.importIds])).toEqual([
        [1, 'REBOILER2_MARCH', [1]],
        [2, 'REBOILER2_SEPT', [2]],
        [3, 'REBOILER3', [3]],
      ]);
    } finally {
      db.close();
    }
  });
});
