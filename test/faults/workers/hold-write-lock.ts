/**
 * Another process in the middle of a write (a window saving a big batch of labels): takes
 * the library's write lock, changes a row, prints `locked`, holds the lock for `ms`, then
 * commits and prints `released`.
 *
 * Usage: tsx test/faults/workers/hold-write-lock.ts <library.sqlite> <ms>
 */
import Database from 'better-sqlite3';

const [file, ms] = process.argv.slice(2);
const db = new Database(file!);
db.pragma('busy_timeout = 5000');
db.exec('BEGIN IMMEDIATE');
db.prepare(
  `INSERT INTO settings (key, value) VALUES ('faultSuite', ?)
   ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
).run(String(Date.now()));
process.stdout.write('locked\n');
await new Promise((resolve) => setTimeout(resolve, Number(ms)));
db.exec('COMMIT');
db.close();
process.stdout.write('released\n');
