/**
 * Reads the files of a model folder defensively: only regular files (a symlink to
 * /dev/zero, a FIFO or a device would hang or fill memory), each under a size cap,
 * checked before a single byte is read.
 */
import { open, stat } from 'node:fs/promises';
import { CoreError } from '../errors.js';
import { fromFsError } from '../fs-errors.js';

const MB = 1024 * 1024;
/** model.json is a few KB; 1 MB leaves room for thousands of labels and their names. */
export const MAX_MANIFEST_BYTES = 1 * MB;
/** ONNX's protobuf limit is 2 GB; a photo classifier this app runs is far smaller. */
export const MAX_ONNX_BYTES = 1024 * MB;

function kindOf(info: import('node:fs').Stats): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isFIFO()) return 'a pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  return 'not a file';
}

/** Checks that `file` (after symlinks) is a regular file of at most `maxBytes`; returns its size. */
export async function checkRegularFile(file: string, maxBytes: number): Promise<number> {
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    throw fromFsError(error, { role: 'model', path: file });
  }
  if (!info.isFile()) {
    throw new CoreError(
      'MODEL_INVALID',
      { key: 'models.file.notRegular', values: { file, kind: kindOf(info) } },
      { path: file },
    );
  }
  if (info.size > maxBytes) {
    throw new CoreError(
      'MODEL_INVALID',
      {
        key: 'models.file.tooLarge',
        values: {
          file,
          size: Math.round((info.size / MB) * 10) / 10,
          max: Math.round(maxBytes / MB),
        },
      },
      { path: file },
    );
  }
  return info.size;
}

/**
 * Reads a regular file of at most `maxBytes`. The read itself is bounded too, so a file
 * swapped for something larger between the check and the read is still cut at the cap.
 */
export async function readRegularFile(file: string, maxBytes: number): Promise<Buffer> {
  await checkRegularFile(file, maxBytes);
  let handle;
  try {
    handle = await open(file, 'r');
    const info = await handle.stat();
    if (!info.isFile()) await checkRegularFile(file, maxBytes);
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) await checkRegularFile(file, maxBytes);
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof CoreError) throw error;
    throw fromFsError(error, { role: 'model', path: file });
  } finally {
    await handle?.close();
  }
}
