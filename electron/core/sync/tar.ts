/**
 * A minimal streaming ustar writer and reader for bundles: regular files only, names
 * under 100 bytes (bundle entries are `manifest.json`, `originals/<sha256>.<ext>`,
 * `thumbs/<sha256>.webp`). Any tar tool can list or unpack a bundle; the reader reads
 * entry by entry with positional reads, so a bundle of any size needs no more memory
 * than its manifest.
 */
import { createReadStream, type WriteStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { once } from 'node:events';

const BLOCK = 512;

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

export function tarHeader(name: string, size: number, mtimeSeconds: number): Buffer {
  if (Buffer.byteLength(name) >= 100) throw new Error(`tar entry name too long: ${name}`);
  const header = Buffer.alloc(BLOCK, 0);
  header.write(name, 0, 'utf8');
  header.write(octal(0o644, 8), 100, 'ascii');
  header.write(octal(0, 8), 108, 'ascii');
  header.write(octal(0, 8), 116, 'ascii');
  header.write(octal(size, 12), 124, 'ascii');
  header.write(octal(Math.floor(mtimeSeconds), 12), 136, 'ascii');
  header.write('        ', 148, 'ascii');
  header.write('0', 156, 'ascii');
  header.write('ustar\0', 257, 'ascii');
  header.write('00', 263, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(octal(sum, 7) + ' ', 148, 'ascii');
  return header;
}

function padding(size: number): Buffer {
  const rest = size % BLOCK;
  return Buffer.alloc(rest === 0 ? 0 : BLOCK - rest, 0);
}

async function write(out: WriteStream, chunk: Buffer): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

/** Appends entries to a write stream; `finish` writes the end-of-archive blocks. */
export class TarWriter {
  bytes = 0;
  constructor(private readonly out: WriteStream) {}

  async addBuffer(name: string, data: Buffer): Promise<void> {
    await write(this.out, tarHeader(name, data.length, Date.now() / 1000));
    await write(this.out, data);
    await write(this.out, padding(data.length));
    this.bytes += BLOCK + data.length + padding(data.length).length;
  }

  /** Streams a file in; `size` must be its size (content-addressed files never change). */
  async addFile(name: string, file: string, size: number): Promise<void> {
    await write(this.out, tarHeader(name, size, Date.now() / 1000));
    let seen = 0;
    for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
      const buf = chunk as Buffer;
      seen += buf.length;
      await write(this.out, buf);
    }
    if (seen !== size) throw new Error(`${file} changed size while being bundled`);
    await write(this.out, padding(size));
    this.bytes += BLOCK + size + padding(size).length;
  }

  async finish(): Promise<void> {
    await write(this.out, Buffer.alloc(BLOCK * 2, 0));
    this.bytes += BLOCK * 2;
    await new Promise<void>((resolve, reject) => {
      this.out.once('error', reject);
      this.out.end(() => resolve());
    });
  }
}

export interface TarEntry {
  name: string;
  size: number;
  /** Offset of the entry's data in the file. */
  offset: number;
}

function parseOctal(field: Buffer): number {
  const text = field.toString('ascii').replace(/\0.*$/s, '').trim();
  if (!/^[0-7]*$/.test(text)) throw new Error('bad number field');
  return text === '' ? 0 : parseInt(text, 8);
}

/** The entries of a tar file, in order (reads headers only). */
export async function* tarEntries(handle: FileHandle): AsyncGenerator<TarEntry> {
  const { size: fileSize } = await handle.stat();
  const header = Buffer.alloc(BLOCK);
  let position = 0;
  while (position + BLOCK <= fileSize) {
    const { bytesRead } = await handle.read(header, 0, BLOCK, position);
    if (bytesRead < BLOCK) break;
    if (header.every((b) => b === 0)) return;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i]!;
    if (sum !== parseOctal(header.subarray(148, 156))) {
      throw new Error(`damaged tar header at byte ${position}`);
    }
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseOctal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] ?? 0);
    const offset = position + BLOCK;
    if (offset + size > fileSize) throw new Error(`truncated: ${name} ends past the file's end`);
    if (type === '0' || type === '\0') yield { name, size, offset };
    position = offset + size + padding(size).length;
  }
  throw new Error('truncated: the archive has no end marker');
}

/** Reads one entry's bytes in chunks of at most `chunkSize`. */
export async function* entryChunks(
  handle: FileHandle,
  entry: TarEntry,
  chunkSize = 1 << 20,
): AsyncGenerator<Buffer> {
  let done = 0;
  while (done < entry.size) {
    const length = Math.min(chunkSize, entry.size - done);
    const buf = Buffer.allocUnsafe(length);
    const { bytesRead } = await handle.read(buf, 0, length, entry.offset + done);
    if (bytesRead === 0) throw new Error(`truncated: ${entry.name}`);
    done += bytesRead;
    yield buf.subarray(0, bytesRead);
  }
}
