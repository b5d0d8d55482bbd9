/**
 * Migration 4 on a library that already has label history: every existing event becomes
 * this device's, numbered in its order, chained to the event before it on the same
 * photo; new decisions keep counting from there and no photo is in conflict.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, openDatabase } from '../../electron/core/library/database.js';
import { migrations } from '../../electron/core/library/migrations.js';
import { setLabel } from '../../electron/core/review/decisions.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();

describe('migration 4: label events that merge', () => {
  it('backfills existing events as this device’s, in order, and stamps new ones', () => {
    const dir = tempDir();
    const old = new Database(path.join(dir, 'library.sqlite'));
    // Every migration before this one (others may have been appended before it).
    const ours = migrations.findIndex((sql) => sql.includes('CREATE TABLE label_event_parents'));
    for (const [i, sql] of migrations.slice(0, ours).entries()) {
      old.exec(sql);
      old.pragma(`user_version = ${i + 1}`);
    }
    old.exec(`
      INSERT INTO imports (id, source, status, started_at) VALUES (1, '/card', 'done', 't');
      INSERT INTO images (id, sha256, ext, format, original_name, source_path, import_id,
        size_bytes, width, height, captured_at, captured_from, imported_at)
      VALUES (1, 'a', 'jpg', 'jpeg', 'a.jpg', 'a.jpg', 1, 1, 1, 1, 't', 'file', 't'),
             (2, 'b', 'jpg', 'jpeg', 'b.jpg', 'b.jpg', 1, 1, 1, 1, 't', 'file', 't');
      INSERT INTO labels VALUES (1, 'clogged', 'ana', 't2');
      INSERT INTO label_events (decision_id, image_id, old_label, new_label, reviewer, at, kind)
      VALUES (1, 1, NULL, 'clear', 'ana', 't1', 'set'),
             (2, 2, NULL, 'clear', 'ana', 't1', 'set'),
             (3, 1, 'clear', 'clogged', 'ana', 't2', 'set');
    `);
    old.close();

    const { db } = openDatabase(dir);
    expect(migrate(db)).toBe(migrations.length);
    const device = db.prepare("SELECT value FROM settings WHERE key = 'deviceId'").pluck().get();
    expect(device).toMatch(/^[0-9a-f]{32}$/);
    const rows = db
      .prepare('SELECT event_uid, device_id, device_seq, lamport FROM label_events ORDER BY id')
      .all();
    expect(rows).toEqual(
      [1, 2, 3].map((n) => ({
        event_uid: `${device}-${n}`,
        device_id: device,
        device_seq: n,
        lamport: n,
      })),
    );
    expect(db.prepare('SELECT event_uid, parent_uid FROM label_event_parents').all()).toEqual([
      { event_uid: `${device}-3`, parent_uid: `${device}-1` },
    ]);

    setLabel({ db, reviewer: 'bruno', at: 't3' }, [1], 'clear');
    const stamped = db
      .prepare('SELECT event_uid, device_seq, lamport FROM label_events WHERE id = 4')
      .get();
    expect(stamped).toEqual({ event_uid: `${device}-4`, device_seq: 4, lamport: 4 });
    expect(
      db
        .prepare('SELECT parent_uid FROM label_event_parents WHERE event_uid = ?')
        .pluck()
        .all(`${device}-4`),
    ).toEqual([`${device}-3`]);
    expect(db.prepare('SELECT count(*) FROM label_conflicts').pluck().get()).toBe(0);
    db.close();
  });
});
