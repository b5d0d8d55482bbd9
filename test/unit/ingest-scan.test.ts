import { spawnSync } from 'node:child_process';
/**
 * What the scanner takes from a card and what it leaves alone, and how library files
 * are written (atomically; a full disk leaves nothing half-written).
 */
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { isCoreError } from '../../electron/core/errors.js';
import { createLibraryWriter, removeDeadTemp } from '../../electron/core/ingest/library-files.js';
import { isSkippedName, scanSource } from '../../electron/core/ingest/scan.js';
import { libraryPaths, originalPath } from '../../electron/core/library/database.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();
const JPEG_HEAD = Buffer.from([
  0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1,
]);

function put(root: string, relPath: string, bytes: Uint8Array | string): void {
  const file = path.join(root, ...relPath.split('/'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, bytes);
}

describe('scanning a card', () => {
  it('lists photos by content and extension, ignores logs, skips hidden and system files', async () => {
    const root = tempDir();
    put(root, 'DCIM/100ROBOT/R01C001.JPG', JPEG_HEAD);
    put(root, 'DCIM/100ROBOT/R01C002.jpg', 'not really a photo');
    put(root, 'DCIM/100ROBOT/frame-0003', JPEG_HEAD);
    put(root, 'DCIM/100ROBOT/._R01C001.JPG', JPEG_HEAD);
    put(root, '.DS_Store', 'x');
    put(root, '.Trashes/501/R01C009.JPG', JPEG_HEAD);
    put(root, 'System Volume Information/IndexerVolumeGuid', JPEG_HEAD);
    put(root, '$RECYCLE.BIN/R01C010.JPG', JPEG_HEAD);
    put(root, 'DCIM/Thumbs.db', JPEG_HEAD);
    put(root, 'DCIM/desktop.ini', 'x');
    put(root, 'ROBOT/run.txt', 'started');
    put(root, 'ROBOT/telemetry.json', '{}');
    put(root, 'ROBOT/raw.DNG', Buffer.from([0x49, 0x49, 0x2a, 0, ...new Array(20).fill(0)]));

    const scan = await scanSource(root);
    expect(scan.files.map((f) => f.relPath)).toEqual([
      'DCIM/100ROBOT/R01C001.JPG',
      'DCIM/100ROBOT/R01C002.jpg',
      'DCIM/100ROBOT/frame-0003',
    ]);
    expect(scan.ignored).toBe(3);
    expect(scan.unreadable).toEqual([]);
    expect(scan.files[0]).toMatchObject({
      size: JPEG_HEAD.length,
      absPath: path.join(root, 'DCIM/100ROBOT/R01C001.JPG'),
    });
    expect(Number.isInteger(scan.files[0]!.mtimeMs)).toBe(true);
  });

  it('does not follow symbolic links, and never walks into the library', async () => {
    const root = tempDir();
    const outside = tempDir();
    put(outside, 'elsewhere.jpg', JPEG_HEAD);
    put(root, 'DCIM/R01C001.JPG', JPEG_HEAD);
    put(root, 'library/originals/ab/abc.jpg', JPEG_HEAD);
    symlinkSync(outside, path.join(root, 'linked-folder'));
    symlinkSync(path.join(outside, 'elsewhere.jpg'), path.join(root, 'DCIM/link.jpg'));

    const scan = await scanSource(root, { exclude: path.join(root, 'library') });
    expect(scan.files.map((f) => f.relPath)).toEqual(['DCIM/R01C001.JPG']);
  });

  it('reports a folder it cannot open and goes on', async () => {
    const root = tempDir();
    put(root, 'DCIM/R01C001.JPG', JPEG_HEAD);
    put(root, 'LOCKED/R01C002.JPG', JPEG_HEAD);
    // Refused the way the OS refuses (chmod would not stop root, who runs CI here).
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const readdir = fs.readdir.bind(fs);
    const spy = vi.spyOn(fs, 'readdir').mockImplementation((async (
      dir: string,
      options: { withFileTypes: true },
    ) => {
      if (dir.endsWith('LOCKED')) throw denied;
      return readdir(dir, options);
    }) as typeof fs.readdir);
    try {
      const scan = await scanSource(root, { isSourceGone: async () => false });
      expect(scan.files.map((f) => f.relPath)).toEqual(['DCIM/R01C001.JPG']);
      expect(scan.unreadable).toEqual([{ relPath: 'LOCKED', error: denied }]);
    } finally {
      spy.mockRestore();
    }
  });

  it('fails the scan when the card itself goes away', async () => {
    const root = tempDir();
    put(root, 'DCIM/R01C001.JPG', JPEG_HEAD);
    const gone = Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
    const readdir = fs.readdir.bind(fs);
    const spy = vi.spyOn(fs, 'readdir').mockImplementation((async (
      dir: string,
      options: { withFileTypes: true },
    ) => {
      if (dir.endsWith('DCIM')) throw gone;
      return readdir(dir, options);
    }) as typeof fs.readdir);
    try {
      await expect(scanSource(root, { isSourceGone: async () => true })).rejects.toBe(gone);
    } finally {
      spy.mockRestore();
    }
  });

  it('knows the operating systems’ leftovers', () => {
    for (const name of ['.DS_Store', '._IMG.JPG', '.Trashes', '.Spotlight-V100', '.fseventsd']) {
      expect(isSkippedName(name), name).toBe(true);
    }
    for (const name of ['System Volume Information', '$RECYCLE.BIN', 'Thumbs.db', 'desktop.ini']) {
      expect(isSkippedName(name), name).toBe(true);
    }
    for (const name of ['DCIM', '100ROBOT', 'R01C001.JPG', 'Thumbs.jpg']) {
      expect(isSkippedName(name), name).toBe(false);
    }
  });
});

describe('writing library files', () => {
  it('writes an original once, content-addressed, through a temp file', async () => {
    const paths = libraryPaths(tempDir());
    mkdirSync(paths.tmp, { recursive: true });
    const writes: string[] = [];
    const writer = createLibraryWriter(paths, async (tmp, bytes) => {
      writes.push(tmp);
      await fs.writeFile(tmp, bytes);
    });
    const sha = 'ab'.repeat(32);
    const dest = await writer.storeOriginal(sha, 'jpg', Buffer.from('photo'));
    expect(dest).toBe(originalPath(paths, sha, 'jpg'));
    expect(await fs.readFile(dest, 'utf8')).toBe('photo');
    await writer.storeOriginal(sha, 'jpg', Buffer.from('photo'));
    expect(writes).toHaveLength(1);
    expect(path.dirname(path.dirname(writes[0]!))).toBe(paths.tmp);
    expect(readdirSync(path.dirname(writes[0]!))).toEqual([]);
  });

  it('turns a full disk into DISK_FULL and leaves no half-written file', async () => {
    const paths = libraryPaths(tempDir());
    mkdirSync(paths.tmp, { recursive: true });
    const writer = createLibraryWriter(paths, async (tmp, bytes) => {
      await fs.writeFile(tmp, bytes.subarray(0, 3));
      throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    });
    const sha = 'cd'.repeat(32);
    const error = await writer
      .storeOriginal(sha, 'jpg', Buffer.from('a photo'))
      .catch((e: unknown) => e);
    expect(isCoreError(error, 'DISK_FULL')).toBe(true);
    expect((error as Error).message).toMatch(/full/);
    expect(readdirSync(writer.tempDir)).toEqual([]);
    await expect(fs.access(originalPath(paths, sha, 'jpg'))).rejects.toThrow();
  });

  it('removes the temp folders of dead imports only: a live import in another process keeps its files', async () => {
    const paths = libraryPaths(tempDir());
    mkdirSync(paths.tmp, { recursive: true });
    // A pid that surely ended: a process that ran and exited.
    const deadPid = spawnSync(process.execPath, ['-e', '0']).pid!;
    const livePid = process.ppid;
    for (const dir of [`ingest-${deadPid}-import3`, `ingest-${livePid}-import4`]) {
      mkdirSync(path.join(paths.tmp, dir));
      writeFileSync(path.join(paths.tmp, dir, 'x.part'), 'half');
    }
    writeFileSync(path.join(paths.tmp, 'ingest-1234.part'), 'older version');
    writeFileSync(path.join(paths.tmp, 'export-5678.part'), 'other domain');
    expect(await removeDeadTemp(paths)).toBe(2);
    expect(readdirSync(paths.tmp).sort()).toEqual(
      ['export-5678.part', `ingest-${livePid}-import4`].sort(),
    );
    expect(readdirSync(path.join(paths.tmp, `ingest-${livePid}-import4`))).toEqual(['x.part']);
  });

  it("puts a writer's temp files in its own folder and removes it when done", async () => {
    const paths = libraryPaths(tempDir());
    mkdirSync(paths.tmp, { recursive: true });
    const writes: string[] = [];
    const writer = createLibraryWriter(
      paths,
      async (tmp, bytes) => {
        writes.push(tmp);
        await fs.writeFile(tmp, bytes);
      },
      'import7',
    );
    await writer.storeOriginal('ef'.repeat(32), 'jpg', Buffer.from('photo'));
    expect(path.dirname(writes[0]!)).toBe(path.join(paths.tmp, `ingest-${process.pid}-import7`));
    await writer.dispose();
    expect(readdirSync(paths.tmp)).toEqual([]);
  });
});
