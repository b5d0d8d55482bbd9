import { describe, expect, it } from 'vitest';
import type { CursorAtResult, ImageListResult, ImageSummary } from '../../electron/contract.js';
import { ImagePages, PAGE_SIZE } from '../../renderer/state/image-pages.js';

const TOTAL = 100_000;

function row(index: number): ImageSummary {
  return {
    id: index + 1,
    sha256: `s${index}`,
    originalName: `R${index}.JPG`,
    capturedAt: '2026-01-01T00:00:00.000Z',
    tubeRow: null,
    tubeCol: null,
    predicted: 'clear',
    confidence: 0.5,
    label: null,
    effectiveLabel: 'clear',
    reviewed: false,
    thumbUrl: `/media/thumbs/s${index}.webp`,
  };
}

/** A fake core over TOTAL rows whose cursor is the position, recording every request. */
function fakeLibrary() {
  const calls: string[] = [];
  const slice = (from: number, limit: number): ImageListResult => {
    const to = Math.min(TOTAL, from + limit);
    const items = Array.from({ length: to - from }, (_, i) => row(from + i));
    return { items, nextCursor: to < TOTAL ? String(to) : null };
  };
  const pages = new ImagePages(
    async (cursor, limit) => {
      calls.push(`list ${cursor ?? 0}`);
      return slice(Number(cursor ?? 0), limit);
    },
    async () => TOTAL,
    async (offset, limit): Promise<CursorAtResult> => {
      calls.push(`seek ${offset}`);
      return { ...slice(offset, limit), offset, cursor: String(offset), total: TOTAL };
    },
    () => undefined,
    (error) => {
      throw error;
    },
  );
  return { pages, calls };
}

async function settle(pages: ImagePages, index: number): Promise<void> {
  for (let i = 0; i < 200 && !pages.isFresh(index); i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

describe('ImagePages: far jumps', () => {
  it('reaches the last photo with one seek instead of walking 100 pages', async () => {
    const { pages, calls } = fakeLibrary();
    await pages.count();
    pages.want(0, 40);
    await settle(pages, 0);
    calls.length = 0;
    // End: the last screen of the grid.
    pages.want(TOTAL - 40, TOTAL - 1);
    await settle(pages, TOTAL - 1);
    expect(pages.get(TOTAL - 1)?.id).toBe(TOTAL);
    expect(pages.get(TOTAL - 40)?.id).toBe(TOTAL - 39);
    expect(calls[0]).toBe(`seek ${(TOTAL / PAGE_SIZE - 1) * PAGE_SIZE}`);
    // Pages read ahead around it page on from the cursor the seek handed out, or seek
    // themselves: never a walk from the top.
    expect(calls.filter((c) => c === 'list 0' || c === `list ${PAGE_SIZE * 2}`)).toEqual([]);
    expect(calls.length).toBeLessThanOrEqual(3);
  });

  it('pages on from a sought page with its cursor, as from any other', async () => {
    const { pages, calls } = fakeLibrary();
    await pages.count();
    const middle = 50_000 + 17;
    pages.want(middle, middle + 40);
    await settle(pages, middle);
    expect(pages.get(middle)?.id).toBe(middle + 1);
    calls.length = 0;
    // The next pages down, as a scroll reaches them.
    pages.want(middle + PAGE_SIZE, middle + PAGE_SIZE + 40);
    await settle(pages, middle + PAGE_SIZE + 40);
    expect(pages.get(middle + PAGE_SIZE + 40)?.id).toBe(middle + PAGE_SIZE + 41);
    expect(calls.every((c) => c.startsWith('list '))).toBe(true);
  });

  it('still walks when the page is one request away', async () => {
    const { pages, calls } = fakeLibrary();
    await pages.count();
    pages.want(0, 40);
    await settle(pages, 0);
    calls.length = 0;
    pages.want(PAGE_SIZE + 10, PAGE_SIZE + 50);
    await settle(pages, PAGE_SIZE + 50);
    expect(calls.some((c) => c.startsWith('seek'))).toBe(false);
  });
});
