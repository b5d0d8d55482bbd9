/**
 * Reads a source photo once, hashing it as the chunks arrive, into a reused buffer.
 *
 * Why not `fs.readFile` + a separate hash: a 12 MP card streams ~4 MB per photo through
 * the import. Fresh Buffers of that size are "external memory" to V8, and growing it by
 * a few tens of MB triggers a full mark-compact of the core's heap: one every ~7 photos,
 * about 7 ms of CPU per photo, measured with --trace-gc and perf. `crypto.subtle.digest`
 * also copied each file and zeroed the copy afterwards. Here a few buffers are leased and
 * returned (as many as files in flight), and SHA-256 is updated per 1 MiB chunk on the
 * core's thread: 0.3-3 ms per chunk, short enough to keep the server answering.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';

/** A source file's bytes and content address. `bytes` is valid until `release()`. */
export interface SourceBytes {
  bytes: Buffer;
  /** sha256 of `bytes`, hex. */
  sha256: string;
  /** Hands the buffer back for the next file; `bytes` must not be used afterwards. */
  release(): void;
}

export interface SourceReader {
  /**
   * Reads the whole file read-only (the SD card is never written). `inspect` first sees
   * the file's first bytes (up to HEAD_BYTES); if it throws, nothing more is read and
   * the error is the read's: a 400 MB junk file named .JPG costs one small read, not 400 MB.
   */
  read(absPath: string, inspect?: (head: Buffer) => void): Promise<SourceBytes>;
}

/** Bytes `inspect` is given (enough for any format signature). */
export const HEAD_BYTES = 64;

/** Thrown (code EFBIG) when a file grows past `maxBytes` while it is read. */
export function fileTooLarge(absPath: string, maxBytes: number): NodeJS.ErrnoException {
  return Object.assign(new Error(`${absPath} grew past ${maxBytes} bytes while being read`), {
    code: 'EFBIG',
  });
}

export interface SourceReaderOptions {
  /** Buffers kept for reuse (the import's files in flight). */
  keep: number;
  /** Larger buffers are not kept: a rare huge TIFF should not pin its size in memory. */
  maxKeptBytes?: number;
  /** A file larger than this (by stat, or growing while read) fails with EFBIG. */
  maxFileBytes?: number;
  chunkBytes?: number;
}

const DEFAULT_MAX_KEPT = 64 * 1024 * 1024;
const DEFAULT_CHUNK = 1024 * 1024;

export function createSourceReader(options: SourceReaderOptions): SourceReader {
  const maxKept = options.maxKeptBytes ?? DEFAULT_MAX_KEPT;
  const chunk = options.chunkBytes ?? DEFAULT_CHUNK;
  const maxFile = options.maxFileBytes ?? Number.MAX_SAFE_INTEGER;
  const free: Buffer[] = [];

  /** The smallest free buffer that fits, else a new one (rounded up so sizes settle). */
  function lease(size: number): Buffer {
    let best = -1;
    for (let i = 0; i < free.length; i++) {
      if (free[i]!.length >= size && (best < 0 || free[i]!.length < free[best]!.length)) best = i;
    }
    if (best >= 0) return free.splice(best, 1)[0]!;
    return Buffer.allocUnsafeSlow(Math.max(chunk, Math.ceil((size + 1) / chunk) * chunk));
  }

  function giveBack(buffer: Buffer): void {
    if (buffer.length > maxKept) return;
    free.push(buffer);
    if (free.length > options.keep) {
      // Drop the smallest: the ones kept should fit the card's photos.
      free.sort((a, b) => b.length - a.length);
      free.length = options.keep;
    }
  }

  return {
    async read(absPath, inspect) {
      const handle = await fs.open(absPath, 'r');
      let buffer: Buffer | null = null;
      try {
        if (inspect) {
          const head = Buffer.alloc(HEAD_BYTES);
          const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
          inspect(head.subarray(0, bytesRead));
        }
        const { size } = await handle.stat();
        if (size > maxFile) throw fileTooLarge(absPath, maxFile);
        buffer = lease(size);
        const hash = createHash('sha256');
        let length = 0;
        for (;;) {
          if (length > maxFile) throw fileTooLarge(absPath, maxFile);
          if (length === buffer.length) {
            // The file grew after stat (or stat was wrong): keep reading into a larger buffer.
            const larger = Buffer.allocUnsafeSlow(buffer.length * 2);
            buffer.copy(larger, 0, 0, length);
            giveBack(buffer);
            buffer = larger;
          }
          const want = Math.min(chunk, buffer.length - length);
          const { bytesRead } = await handle.read(buffer, length, want, length);
          if (bytesRead === 0) break;
          hash.update(buffer.subarray(length, length + bytesRead));
          length += bytesRead;
        }
        const leased = buffer;
        let released = false;
        return {
          bytes: leased.subarray(0, length),
          sha256: hash.digest('hex'),
          release() {
            if (released) return;
            released = true;
            giveBack(leased);
          },
        };
      } catch (error) {
        if (buffer) giveBack(buffer);
        throw error;
      } finally {
        await handle.close();
      }
    },
  };
}
