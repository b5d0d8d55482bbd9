/**
 * A fresh hub on the servers scripts/test-hub.sh started: a new database migrated by its
 * owner, a login role with only the sync role's rights (its credentials put in the
 * environment, as a laptop would have them), a new bucket, and cuttable links in front
 * of both servers. Used by `npm run test:sync` and `npm run bench:sync`.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { parseHubAddress, type HubAddress } from '../../electron/core/hub/hub-address.js';
import { migrateHub } from '../../electron/core/hub/hub-schema.js';
import { openObjectStore } from '../../electron/core/hub/object-store.js';
import { cuttableLink, type CuttableLink } from './network-cut.js';

export interface ThrowawayHub {
  address: HubAddress;
  database: string;
  laptopRole: string;
  laptopPassword: string;
  pgLink: CuttableLink;
  s3Link: CuttableLink;
  /** Versions the owner's migration applied. */
  applied: number[];
  /** A connection as the hub's owner (to inspect what the laptops wrote). */
  owner(): pg.Client;
  close(): Promise<void>;
}

export function testHubServers(): { pg: URL; password: string; s3: URL } {
  const pgUrl = process.env.INSPECTION_DESK_TEST_PG;
  const password = process.env.INSPECTION_DESK_TEST_PG_PASSWORD;
  const s3 = process.env.INSPECTION_DESK_TEST_S3;
  if (!pgUrl || !password || !s3) {
    throw new Error(
      'This needs a real PostgreSQL and S3 server: run `eval "$(bash scripts/test-hub.sh start)"` first (it sets INSPECTION_DESK_TEST_PG, INSPECTION_DESK_TEST_PG_PASSWORD and INSPECTION_DESK_TEST_S3), or run .ci/run.',
    );
  }
  return { pg: new URL(pgUrl), password, s3: new URL(s3) };
}

function adminClient(servers: ReturnType<typeof testHubServers>, database: string): pg.Client {
  return new pg.Client({
    host: servers.pg.hostname,
    port: Number(servers.pg.port),
    user: decodeURIComponent(servers.pg.username),
    database,
    password: servers.password,
  });
}

export async function createThrowawayHub(
  options: { objectsBytesPerSecond?: number } = {},
): Promise<ThrowawayHub> {
  const servers = testHubServers();
  const suffix = randomBytes(4).toString('hex');
  const database = `hub_${suffix}`;
  const laptopRole = `laptop_${suffix}`;
  const laptopPassword = randomBytes(12).toString('hex');
  const admin = adminClient(servers, 'postgres');
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const owner = adminClient(servers, database);
  await owner.connect();
  const applied = await migrateHub(owner);
  await owner.query(
    `CREATE ROLE ${laptopRole} LOGIN PASSWORD '${laptopPassword}' IN ROLE inspection_desk_sync`,
  );
  await owner.end();
  const pgLink = await cuttableLink(servers.pg.hostname, Number(servers.pg.port));
  const s3Link = await cuttableLink(servers.s3.hostname, Number(servers.s3.port), {
    bytesPerSecond: options.objectsBytesPerSecond,
  });
  process.env.PGUSER = laptopRole;
  process.env.PGPASSWORD = laptopPassword;
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
  const address = parseHubAddress(
    `postgres://127.0.0.1:${pgLink.port}/${database}`,
    `http://127.0.0.1:${s3Link.port}/photos-${suffix}`,
  );
  const store = openObjectStore(address.objects);
  await store.ensureBucket();
  store.close();
  return {
    address,
    database,
    laptopRole,
    laptopPassword,
    pgLink,
    s3Link,
    applied,
    owner: () => adminClient(servers, database),
    async close() {
      await pgLink.close();
      await s3Link.close();
    },
  };
}
