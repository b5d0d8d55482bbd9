/**
 * The photo's content address (sha256, hex). Hashing a 12 MP JPEG takes 10-30 ms of CPU
 * on a laptop without SHA instructions; `crypto.subtle.digest` runs it on libuv's thread
 * pool, so the import's thread keeps handing work to the decoders (and answering the UI)
 * meanwhile, where `createHash().update()` would block it.
 */
import { webcrypto } from 'node:crypto';

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await webcrypto.subtle.digest('SHA-256', bytes);
  return Buffer.from(digest).toString('hex');
}
