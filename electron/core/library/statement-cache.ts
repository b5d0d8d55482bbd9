/**
 * Prepared statements kept per connection. The grid's queries are built from the filter
 * and sort, and preparing one (parsing and planning a join with a forced index) costs
 * about as much as reading a few dozen rows; a reviewer scrolling asks for the same few
 * shapes over and over. Keyed by the SQL text and the row mode.
 */
import type Database from 'better-sqlite3';
import type { Db } from './database.js';

type Statement = Database.Statement<unknown[], unknown>;
export type RowMode = 'object' | 'raw' | 'pluck';

/** Distinct shapes kept per connection; past this the cache starts over (never in use). */
const MAX_STATEMENTS = 256;

const caches = new WeakMap<Db, Map<string, Statement>>();

/** The prepared statement for `sql` on `db`, prepared once, returning rows in `mode`. */
export function cachedStatement(db: Db, sql: string, mode: RowMode = 'object'): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const key = `${mode}\u0000${sql}`;
  let statement = cache.get(key);
  if (!statement) {
    if (cache.size >= MAX_STATEMENTS) cache.clear();
    statement = db.prepare(sql);
    if (mode === 'raw') statement.raw(true);
    else if (mode === 'pluck') statement.pluck(true);
    cache.set(key, statement);
  }
  return statement;
}
