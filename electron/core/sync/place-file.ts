/**
 * Puts a photo or thumbnail that arrives in chunks (from a bundle, from the hub) into the
 * library, the way ingest does: into `tmp/` first, checked against its sha256 when it is
 * an original, fsynced, then renamed into its content-addressed place. A damaged copy
 * never reaches its final name; a file already in place is not written again.
 */
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { LibraryPaths } from '../library/database.js';

export class ChecksumMismatch extends Error {}

export async function placeFile(
  paths: LibraryPaths,
  dest: string,
  chunks: AsyncIterable<Buffer | Uint8Array>,
  expectedSha256: string | null,
): Promise<void> {
  if (existsSync(dest)) return;
  const tmp = path.join(paths.tmp, `sync-${randomUUID()}.part`);
  const hash = createHash('sha256');
  const handle = await fs.open(tmp, 'wx');
  try {
    for await (const chunk of chunks) {
      hash.update(chunk);
      await handle.write(chunk);
    }
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await fs.rm(tmp, { force: true });
    throw error;
  }
  await handle.close();
  const sha = hash.digest('hex');
  if (expectedSha256 !== null && sha !== expectedSha256) {
    await fs.rm(tmp, { force: true });
    throw new ChecksumMismatch(`${path.basename(dest)} has sha256 ${sha}`);
  }
  await fs.mkdir(path.dirname(dest), { recursive: true });
  await fs.rename(tmp, dest);
}
