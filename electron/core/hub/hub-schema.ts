/**
 * Hub schema migrations: numbered SQL files in `hub/migrations` (NNN-name.sql), applied
 * in order, each in one transaction, recorded in `hub_schema`. The hub's owner applies
 * them (`inspection-desk hub migrate`); a laptop's sync only checks the version, as its
 * least-privilege role may not change the schema.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import { CoreError } from '../errors.js';

/**
 * Where the migrations are: `given` when a shell knows (the packaged desktop app passes
 * `resources/hub/migrations`, electron-builder's extraResources, since its bundled main
 * sits inside app.asar, which holds no SQL), else `hub/migrations` of the checkout,
 * found upwards from this module: from the sources, and from the CLI bundle (dist/cli),
 * where this module may sit in a chunk one folder deeper than the sources assume.
 */
export function hubMigrationsDir(given?: string): string {
  if (given !== undefined) return given;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 8; up++) {
    const candidate = path.join(dir, 'hub', 'migrations');
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../hub/migrations');
}

export interface HubMigration {
  version: number;
  name: string;
  sql: string;
}

export function hubMigrations(dir = hubMigrationsDir()): HubMigration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{3}-[\w-]+\.sql$/.test(f))
    .sort()
    .map((f, i) => {
      const version = Number(f.slice(0, 3));
      if (version !== i + 1) throw new Error(`hub migration ${f} is out of sequence`);
      return { version, name: f, sql: readFileSync(path.join(dir, f), 'utf8') };
    });
}

async function currentVersion(client: pg.ClientBase): Promise<number> {
  const exists = await client.query(`SELECT to_regclass('hub_schema') IS NOT NULL AS present`);
  if (!(exists.rows[0] as { present: boolean }).present) return 0;
  const v = await client.query('SELECT coalesce(max(version), 0) AS v FROM hub_schema');
  return Number((v.rows[0] as { v: number | string }).v);
}

/** Applies the migrations the hub lacks; returns the versions applied. */
export async function migrateHub(client: pg.ClientBase, dir?: string): Promise<number[]> {
  await client.query(`CREATE TABLE IF NOT EXISTS hub_schema (
    version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied: number[] = [];
  for (const m of hubMigrations(hubMigrationsDir(dir))) {
    await client.query('BEGIN');
    try {
      // One migrator at a time: a second one waits, then sees the version applied.
      await client.query('LOCK TABLE hub_schema IN EXCLUSIVE MODE');
      if (m.version > (await currentVersion(client))) {
        await client.query(m.sql);
        await client.query('INSERT INTO hub_schema (version, name) VALUES ($1, $2)', [
          m.version,
          m.name,
        ]);
        applied.push(m.version);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  }
  return applied;
}

/** Refuses a hub whose schema this application does not know (older or newer). */
export async function checkHubSchema(
  client: pg.ClientBase,
  hub: string,
  dir?: string,
): Promise<void> {
  const known = hubMigrations(hubMigrationsDir(dir)).length;
  const version = await currentVersion(client);
  if (version > known) {
    throw new CoreError('HUB_INVALID', { key: 'hub.schemaNewer', values: { version, known } });
  }
  if (version < known) {
    throw new CoreError('HUB_INVALID', {
      key: 'hub.schemaOlder',
      values: { hub, version, known },
    });
  }
}
