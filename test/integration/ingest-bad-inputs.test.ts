/**
 * Bad photos and bad cards found by the reliability round (issue 14: L1, L3-L6), through
 * the real import: real files, real sharp, real SQLite. Each is refused with a reason the
 * inspector can read (in both languages), and the rest of the card is imported.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { FileError, ImportSummary } from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import { isCoreMessageKey, renderWireMessage } from '../../electron/shared/core-messages/index.js';
import { makeSdCard } from '../fixtures/sd-card.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const tempDir = useTempDirs();

async function importFolder(core: Core, source: string) {
  const { jobId } = await core.invoke('ingest.start', { source, classify: false });
  return core.invoke('jobs.wait', { jobId, timeoutMs: 120_000 });
}

async function jpeg(width: number, height: number, seed = 1): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: '#000',
      noise: { type: 'gaussian', mean: 100 + seed, sigma: 40 },
    },
  })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/** The JPEG with its frame header (SOF0) claiming another size. */
function claimSize(bytes: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 2; i < out.length - 9; i++) {
    if (out[i] === 0xff && out[i + 1] === 0xc0) {
      out.writeUInt16BE(height, i + 5);
      out.writeUInt16BE(width, i + 7);
      return out;
    }
  }
  throw new Error('no SOF0 marker');
}

/**
 * One bit flipped in the entropy-coded data, where it breaks the stream: the stuffed 0x00
 * after a 0xFF data byte becomes 0x01, which reads as a marker. (A flip that leaves the
 * stream decodable cannot be seen by any decoder: JPEG has no checksum.)
 */
function flipBit(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  const sos = out.indexOf(Buffer.from([0xff, 0xda]));
  for (let i = Math.floor((sos + out.length) / 2); i < out.length - 2; i++) {
    if (out[i] === 0xff && out[i + 1] === 0x00) {
      out[i + 1] = 0x01;
      return out;
    }
  }
  throw new Error('no stuffed byte in the second half');
}

function byPath(summary: ImportSummary): Map<string, FileError> {
  return new Map(summary.errorList.map((e) => [e.path, e]));
}

describe('bad photos on a card', () => {
  it('refuses corrupt JPEGs, GIF/HEIF and junk with reasons, and keeps the rest', async () => {
    const card = tempDir();
    const dcim = path.join(card, 'DCIM');
    mkdirSync(dcim);
    const good = await jpeg(320, 240, 1);
    writeFileSync(path.join(dcim, 'good.jpg'), good);
    writeFileSync(path.join(dcim, 'claims-9999.jpg'), claimSize(await jpeg(64, 64, 2), 9999, 9999));
    writeFileSync(path.join(dcim, 'flipped.jpg'), flipBit(await jpeg(640, 480, 3)));
    const gif = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#123' } })
      .gif()
      .toBuffer();
    writeFileSync(path.join(dcim, 'anim.gif'), gif);
    // A HEIF file's first bytes (ISO-BMFF ftyp box, brand heic), as a phone writes them.
    const heif = Buffer.concat([
      Buffer.from([0, 0, 0, 0x18]),
      Buffer.from('ftypheic', 'latin1'),
      Buffer.from([0, 0, 0, 0]),
      Buffer.from('mif1heic', 'latin1'),
      Buffer.alloc(4096),
    ]);
    writeFileSync(path.join(dcim, 'phone.HEIC'), heif);
    // An EXIF date from a camera whose clock was never set.
    const unsetClock = await sharp(await jpeg(200, 150, 4))
      .withExifMerge({ IFD0: { DateTime: '0000:00:00 00:00:00' } })
      .jpeg()
      .toBuffer();
    writeFileSync(path.join(dcim, 'unset-clock.jpg'), unsetClock);

    const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [] });
    const job = await importFolder(core, card);
    const summary = job.result as ImportSummary;
    expect(summary.status).toBe('done');
    const errors = byPath(summary);
    expect(errors.get('DCIM/claims-9999.jpg')?.code).toBe('UNREADABLE_IMAGE');
    expect(errors.get('DCIM/flipped.jpg')?.code).toBe('UNREADABLE_IMAGE');
    expect(errors.get('DCIM/anim.gif')).toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    expect(errors.get('DCIM/anim.gif')?.message).toContain('GIF');
    expect(errors.get('DCIM/phone.HEIC')).toMatchObject({ code: 'UNSUPPORTED_FORMAT' });
    expect(errors.get('DCIM/phone.HEIC')?.message).toContain('HEIF');
    // Each reason is stored as a catalog message: the UI shows it in Portuguese too.
    for (const error of errors.values()) {
      expect(isCoreMessageKey(error.messageKey), error.path).toBe(true);
      const pt = renderWireMessage('pt-BR', error.messageKey, error.messageValues) ?? '';
      expect(pt).toContain(error.path);
      expect(pt).not.toBe(error.message);
    }
    const rows = core.context.db
      .prepare('SELECT source_path, width, height, captured_from, captured_at FROM images')
      .all() as {
      source_path: string;
      width: number;
      height: number;
      captured_from: string;
      captured_at: string;
    }[];
    expect(rows.map((r) => r.source_path).sort()).toEqual([
      'DCIM/good.jpg',
      'DCIM/unset-clock.jpg',
    ]);
    const unset = rows.find((r) => r.source_path === 'DCIM/unset-clock.jpg')!;
    // The file time, not 30 November 1899.
    expect(unset.captured_from).toBe('file');
    expect(new Date(unset.captured_at).getFullYear()).toBeGreaterThan(2000);
    await core.close();
  });

  it('refuses a huge junk file named .JPG after reading its first bytes only', async () => {
    const card = tempDir();
    // 300 MB of zeros, sparse: the file system holds no data, a whole read would.
    const junk = path.join(card, 'BIG.JPG');
    writeFileSync(junk, '');
    const fd = (await import('node:fs')).openSync(junk, 'r+');
    (await import('node:fs')).ftruncateSync(fd, 300 * 1024 * 1024);
    (await import('node:fs')).closeSync(fd);
    writeFileSync(path.join(card, 'ok.jpg'), await jpeg(100, 80));
    const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [] });
    const before = process.memoryUsage().rss;
    const summary = (await importFolder(core, card)).result as ImportSummary;
    const grew = process.memoryUsage().rss - before;
    expect(byPath(summary).get('BIG.JPG')?.code).toBe('NOT_AN_IMAGE');
    expect(summary.imported).toBe(1);
    // Reading it whole would have taken 300 MB.
    expect(grew).toBeLessThan(150 * 1024 * 1024);
    await core.close();
  });

  it('names a file name that is not valid UTF-8 as the problem, not as a vanished file', async () => {
    const card = tempDir();
    writeFileSync(path.join(card, 'ok.jpg'), await jpeg(100, 80));
    // Latin-1 "ç" (0xE7) is not UTF-8: a card written by an old camera or another system.
    const badName = Buffer.concat([
      Buffer.from(card + '/tubo-', 'utf8'),
      Buffer.from([0xe7]),
      Buffer.from('.jpg', 'utf8'),
    ]);
    writeFileSync(badName, await jpeg(100, 80, 9));
    const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [] });
    const summary = (await importFolder(core, card)).result as ImportSummary;
    expect(summary.imported).toBe(1);
    expect(summary.errorList).toHaveLength(1);
    expect(summary.errorList[0]).toMatchObject({ code: 'SOURCE_UNREADABLE' });
    expect(summary.errorList[0]!.message).toMatch(/not valid text/);
    expect(summary.errorList[0]!.message).not.toMatch(/disappeared/);
    await core.close();
  });
});

describe('a card unmounted under its mount folder', () => {
  it('fails the import (not "done") when the card empties mid-import, and keeps what finished', async () => {
    const dir = tempDir();
    const card = await makeSdCard(path.join(dir, 'card'), { photos: 40 });
    const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [] });
    let pulled = false;
    const off = core.events.on('library.changed', (event) => {
      if (pulled || event.reason !== 'import') return;
      pulled = true;
      // The mount folder stays; what the card held is gone.
      for (const name of readdirSync(card.root)) {
        rmSync(path.join(card.root, name), { recursive: true, force: true });
      }
    });
    const job = await importFolder(core, card.root);
    off();
    expect(job.status).toBe('failed');
    expect(job.error?.code).toBe('SOURCE_NOT_FOUND');
    expect(job.error?.message).toMatch(/removed/);
    const row = core.context.db.prepare('SELECT status FROM imports').get() as { status: string };
    expect(row.status).toBe('failed');
    await core.close();
  });
});
