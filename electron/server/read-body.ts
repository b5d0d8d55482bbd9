/**
 * Reads a request body into memory with a size limit. An oversized body is still
 * drained (up to a cap) before the 413 goes out: a client still sending when the socket
 * closes sees a connection reset instead of the answer that tells it what went wrong.
 */
import type { IncomingMessage } from 'node:http';
import { HttpError } from './http-errors.js';

/** Past this many bytes beyond the limit we stop draining and drop the connection. */
const DRAIN_CAP_BYTES = 64 * 1024 * 1024;

export function formatLimit(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

/** Declared Content-Length, or null when absent (chunked) or malformed. */
export function declaredLength(req: IncomingMessage): number | null {
  const header = req.headers['content-length'];
  if (header === undefined || !/^\d+$/.test(header)) return null;
  return Number(header);
}

/**
 * The whole body, or an HttpError built by `tooLarge` when it exceeds `limit` bytes.
 */
export function readBody(
  req: IncomingMessage,
  limit: number,
  tooLarge: () => HttpError,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    let overflow = false;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (overflow) {
        if (received > limit + DRAIN_CAP_BYTES) {
          // Too much to drain politely: stop reading, answer, and close the connection.
          req.removeAllListeners('data');
          req.pause();
          const error = tooLarge();
          error.headers['Connection'] = 'close';
          reject(error);
        }
        return;
      }
      if (received > limit) {
        overflow = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (overflow) reject(tooLarge());
      else resolve(Buffer.concat(chunks, received));
    });
    req.on('error', reject);
  });
}
