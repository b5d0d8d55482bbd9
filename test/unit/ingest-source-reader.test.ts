import { createHash } from 'node:crypto';
import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSourceReader } from '../../electron/core/ingest/source-reader.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Bytes that differ everywhere, so a chunk read at the wrong offset changes the hash. */
function pseudoRandom(length: number, seed: number): Buffer {
  const bytes = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
}

describe('reading a source photo with its content address', () => {
  it('returns every byte and the same sha256 as hashing the whole file, across chunk edges', async () => {
    const dir = tempDir();
    const reader = createSourceReader({ keep: 2, chunkBytes: 1000 });
    // Shorter than a chunk, exactly two chunks, and a ragged multi-chunk size.
    for (const [i, size] of [999, 2000, 4321, 0].entries()) {
      const file = path.join(dir, `${i}.jpg`);
      const content = pseudoRandom(size, i + 1);
      await writeFile(file, content);
      const read = await reader.read(file);
      expect(Buffer.compare(read.bytes, content)).toBe(0);
      expect(read.sha256).toBe(sha256(content));
      read.release();
    }
  });

  it('reuses a released buffer for the next file, without mixing up their contents', async () => {
    const dir = tempDir();
    const reader = createSourceReader({ keep: 1, chunkBytes: 1024 });
    const big = path.join(dir, 'big.jpg');
    const small = path.join(dir, 'small.jpg');
    await writeFile(big, pseudoRandom(5000, 7));
    await writeFile(small, pseudoRandom(700, 8));
    const first = await reader.read(big);
    const firstBuffer = first.bytes.buffer;
    first.release();
    const second = await reader.read(small);
    // Same memory, only the second file's bytes in view.
    expect(second.bytes.buffer).toBe(firstBuffer);
    expect(Buffer.compare(second.bytes, await readFile(small))).toBe(0);
    expect(second.sha256).toBe(sha256(await readFile(small)));
    second.release();
  });

  it('gives each file in flight its own buffer', async () => {
    const dir = tempDir();
    const reader = createSourceReader({ keep: 3, chunkBytes: 512 });
    const files = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const file = path.join(dir, `${n}.jpg`);
        await writeFile(file, pseudoRandom(1500 + n, n));
        return file;
      }),
    );
    const reads = await Promise.all(files.map((f) => reader.read(f)));
    for (const [i, read] of reads.entries()) {
      expect(read.sha256).toBe(sha256(await readFile(files[i]!)));
    }
    reads.forEach((r) => r.release());
  });

  it('never opens the source for writing: a read-only card reads fine and stays unchanged', async () => {
    const file = path.join(tempDir(), 'ro.jpg');
    await writeFile(file, pseudoRandom(3000, 3));
    await chmod(file, 0o444);
    const before = await stat(file);
    const read = await createSourceReader({ keep: 1 }).read(file);
    expect(read.bytes).toHaveLength(3000);
    read.release();
    const after = await stat(file);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    expect(after.mode).toBe(before.mode);
  });

  it('fails with the file system error of a missing file', async () => {
    const reader = createSourceReader({ keep: 1 });
    await expect(reader.read(path.join(tempDir(), 'gone.jpg'))).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});
