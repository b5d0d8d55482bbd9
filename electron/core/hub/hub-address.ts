/**
 * The hub's two addresses: PostgreSQL (catalog, label history) and an S3-compatible
 * bucket (photos). Credentials come from the environment only (PGUSER/PGPASSWORD, or
 * PGPASSFILE; AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), never from an address the
 * library or a shell history would keep in plain text.
 */
import { CoreError } from '../errors.js';

export interface HubAddress {
  /** postgres://[user@]host[:port]/database[?sslmode=...], without a password. */
  database: string;
  /** S3 endpoint (scheme, host, port) and bucket, path-style. */
  objects: { endpoint: string; bucket: string; region: string };
  /** A stable name of this hub for the library's sync progress (no credentials). */
  key: string;
}

/** Why an address is refused: a catalog select value, so the reason reads in the UI's language. */
type BadUrlReason =
  'notUrl' | 'notPostgres' | 'password' | 'noDatabase' | 'notHttp' | 'credentials' | 'noBucket';

function badUrl(what: string, reason: BadUrlReason): CoreError {
  return new CoreError('HUB_INVALID', { key: 'hub.badUrl', values: { what, reason } });
}

/** Checks the PostgreSQL address: postgres://, a database, no password. */
export function checkDatabaseUrl(database: string): URL {
  let db: URL;
  try {
    db = new URL(database);
  } catch {
    throw badUrl(database, 'notUrl');
  }
  if (db.protocol !== 'postgres:' && db.protocol !== 'postgresql:') {
    throw badUrl(database, 'notPostgres');
  }
  if (db.password) throw badUrl(db.host, 'password');
  if (db.pathname.length <= 1) throw badUrl(database, 'noDatabase');
  return db;
}

/** Checks the object storage address: http(s)://, a bucket, no credentials. */
export function checkObjectsUrl(objects: string): { endpoint: string; bucket: string } {
  let s3: URL;
  try {
    s3 = new URL(objects);
  } catch {
    throw badUrl(objects, 'notUrl');
  }
  if (s3.protocol !== 'http:' && s3.protocol !== 'https:') {
    throw badUrl(objects, 'notHttp');
  }
  if (s3.username || s3.password) throw badUrl(s3.host, 'credentials');
  const bucket = s3.pathname.split('/').filter(Boolean)[0];
  if (!bucket) throw badUrl(objects, 'noBucket');
  return { endpoint: `${s3.protocol}//${s3.host}`, bucket };
}

export function parseHubAddress(
  database: string,
  objects: string,
  env: NodeJS.ProcessEnv = process.env,
): HubAddress {
  const db = checkDatabaseUrl(database);
  const { endpoint, bucket } = checkObjectsUrl(objects);
  return {
    database,
    objects: { endpoint, bucket, region: env.AWS_REGION ?? 'us-east-1' },
    key: `${db.host}${db.pathname} ${endpoint}/${bucket}`,
  };
}
