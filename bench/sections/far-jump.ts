/**
 * Figure 8: far jumps in the review grid at 100,000 photos (issue 11, finding 12). End
 * used to walk every page from the top (about 9 s in the browser); `library.cursorAt`
 * seeks the page by position.
 *
 * Core: `library.cursorAt` at the last page (End) and at the middle, for every filter x
 * sort x direction of the queries section, timed interleaved with `library.list`'s first
 * page (one page) in the same server process: the ratio says what a far jump costs
 * against reading one page. The old walk to the last page is timed once beside it.
 *
 * Browser: Chromium on the same server, a fresh page for each try (the far pages are not
 * cached yet): End, Ctrl+End -> the last photo focused and painted, timed from keydown
 * with the page's clock; a scrollbar drag to the bottom (300 ms, frame by frame) -> the
 * last photo painted, timed from the end of the drag. Target: under 200 ms.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';
import type { FarJumpTiming } from '../child/far-jump-suite.js';
import type { ServerProtocol } from '../child/server.js';
import { startChild } from '../lib/child.js';
import type { BenchContext } from '../lib/context.js';
import { benchScript } from '../lib/paths.js';
import { gridPageSize } from '../lib/renderer-constants.js';
import {
  figure,
  fmt,
  markdownTable,
  notMeasured,
  type Figure,
  type SectionResult,
} from '../lib/report.js';
import { distribution, type Distribution } from '../lib/stats.js';
import { ensureLibrary, libraryRunCopy } from '../workload/library.js';
import { buildRenderer, RENDERER_DIR } from './browser.js';
import { SORTS, uiFilters } from './queries.js';

const SECTION = '8. Far jumps';
const TARGET_MS = 200;
const CHROMIUM = '/usr/bin/chromium';
const DRAG_MS = 300;

/** Records keydown times; `__far.watch(selector)` resolves at the frame after a match. */
const INIT_SCRIPT = `
(() => {
  const far = (window.__far = { keys: [] });
  window.addEventListener('keydown', () => far.keys.push(performance.now()), true);
  far.watch = (selector) =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      function frame() {
        if (document.querySelector(selector)) {
          requestAnimationFrame(() => resolve(performance.now()));
          return;
        }
        if (performance.now() - started > 30000) {
          reject(new Error('not on screen after 30 s: ' + selector));
          return;
        }
        requestAnimationFrame(frame);
      }
      requestAnimationFrame(frame);
    });
})();
`;

function lastCell(total: number, focused: boolean): string {
  return `[data-testid="thumb"][data-index="${total - 1}"]${focused ? '[data-focused="true"]' : ''}`;
}

/** A fresh review screen, its first thumbnails loaded, the grid focused. */
async function freshGrid(page: Page, url: string): Promise<void> {
  // A new document each time (the same URL again would only be a hash change).
  await page.goto('about:blank');
  await page.goto(`${url}/#/review`);
  await page.waitForSelector('[data-testid="thumb"][data-index="0"][data-focused="true"]', {
    timeout: 60_000,
  });
  await page.waitForFunction(
    `[...document.querySelectorAll('[data-testid="thumb"] img')].every((img) => img.complete)`,
    undefined,
    { timeout: 60_000 },
  );
  // The screen's deferred reads (the filter bar's imports and models lists cost the
  // server tens of ms at 100,000 photos) come once the first photos are up: an inspector
  // does not press End within that moment, and the seek would queue behind them.
  await page.waitForTimeout(1_000);
  await page.evaluate(`document.querySelector('[data-testid="review-grid"]').focus()`);
}

/** Keydown -> the last photo focused and painted. */
async function timeKey(page: Page, key: string, total: number): Promise<number> {
  // `void`: evaluating the promise itself would wait for it before the key is pressed.
  await page.evaluate(`void (window.__farProbe = window.__far.watch('${lastCell(total, true)}'))`);
  await page.keyboard.press(key);
  const painted = (await page.evaluate('window.__farProbe')) as number;
  // The last keydown: End itself (Ctrl+End presses Control first).
  const pressed = (await page.evaluate('window.__far.keys.at(-1)')) as number;
  return painted - pressed;
}

/** A scrollbar drag to the bottom over DRAG_MS, frame by frame -> the last photo painted. */
async function timeDrag(page: Page, total: number): Promise<number> {
  return (await page.evaluate(`(async () => {
    const grid = document.querySelector('[data-testid="review-grid"]');
    const probe = () => window.__far.watch('${lastCell(total, false)}');
    const started = performance.now();
    await new Promise((resolve) => {
      function frame(now) {
        const bottom = grid.scrollHeight - grid.clientHeight;
        const share = Math.min(1, (now - started) / ${DRAG_MS});
        grid.scrollTop = bottom * share;
        if (share >= 1) return resolve();
        requestAnimationFrame(frame);
      }
      requestAnimationFrame(frame);
    });
    const released = performance.now();
    return (await probe()) - released;
  })()`)) as number;
}

function range(d: Distribution): string {
  return `p50 ${fmt(d.p50, 'ms')}, p95 ${fmt(d.p95, 'ms')}, max ${fmt(d.max, 'ms')} (${d.n} tries)`;
}

export async function runFarJumpSection(ctx: BenchContext): Promise<SectionResult> {
  const library = await ensureLibrary(ctx.options.libraryPhotos, ctx.log);
  const pageSize = await gridPageSize();
  const quick = ctx.options.quick;
  const libraryDir = libraryRunCopy(library);
  const canBrowse = existsSync(CHROMIUM);
  if (canBrowse) buildRenderer();
  const child = startChild<ServerProtocol>(benchScript('child/server.ts'), []);
  let browser: Browser | null = null;
  try {
    const { url } = await child.request('start', {
      libraryDir,
      modelDirs: [],
      ...(canBrowse ? { rendererDir: RENDERER_DIR } : {}),
    });
    const cases = uiFilters(library).flatMap(({ name, filter }) =>
      SORTS.flatMap((sort) =>
        [false, true].map((descending) => ({ name, filter, sort, descending })),
      ),
    );
    ctx.log(`far jumps: ${cases.length} filter x sort cases, ${pageSize} rows per page`);
    const suite = await child.request('farJumps', {
      pageSize,
      runs: quick ? 3 : 10,
      cases,
      walk: { name: 'none', filter: {}, sort: 'confidence', descending: false },
    });
    const figures: Figure[] = [];
    const { timings, walk } = suite;
    const worstEnd = [...timings].sort((a, b) => b.end.p95 - a.end.p95)[0]!;
    const worstMiddle = [...timings].sort((a, b) => b.middle.p95 - a.middle.p95)[0]!;
    const ratio = (t: FarJumpTiming, d: Distribution) => d.p50 / t.list.p50;
    const worstRatio = [...timings].sort((a, b) => ratio(b, b.end) - ratio(a, a.end))[0]!;
    const defaultCase = timings.find((t) => t.name === 'none' && t.sort === 'confidence asc');
    const describe = (t: FarJumpTiming) => `${t.name}, ${t.sort}, ${t.total} photos`;
    figures.push(
      figure(
        SECTION,
        `core: library.cursorAt at the last page (End) vs library.list one page, ${timings.length} filter x sort cases`,
        (defaultCase
          ? `default grid (${describe(defaultCase)}): End p50 ${fmt(defaultCase.end.p50, 'ms')} vs one page ${fmt(defaultCase.list.p50, 'ms')} ` +
            `(ratio ${fmt(ratio(defaultCase, defaultCase.end))}); `
          : '') +
          `worst End p95 ${fmt(worstEnd.end.p95, 'ms')} (${describe(worstEnd)}; server CPU p95 ${fmt(worstEnd.endCpu.p95, 'ms')}); ` +
          `worst ratio End/page ${fmt(ratio(worstRatio, worstRatio.end))} (${describe(worstRatio)}, ` +
          `${fmt(worstRatio.end.p50, 'ms')} vs ${fmt(worstRatio.list.p50, 'ms')})`,
        worstEnd.end.p95,
        `p95 < ${TARGET_MS} ms`,
        worstEnd.end.p95 < TARGET_MS,
      ),
      figure(
        SECTION,
        'core: library.cursorAt at the middle (a scrollbar dragged half-way)',
        `worst p95 ${fmt(worstMiddle.middle.p95, 'ms')} (${describe(worstMiddle)})`,
        worstMiddle.middle.p95,
        `p95 < ${TARGET_MS} ms`,
        worstMiddle.middle.p95 < TARGET_MS,
      ),
    );
    if (walk && defaultCase) {
      figures.push(
        figure(
          SECTION,
          'core: the walk End used to do (every page from the top, 1,000 rows per request), default grid',
          `${fmt(walk.ms, 'ms')} for ${walk.pages} requests, ${fmt(walk.ms / defaultCase.end.p50)}x the seek`,
          walk.ms,
        ),
      );
    }

    const browserFigures: Figure[] = [];
    if (!canBrowse) {
      browserFigures.push(notMeasured(SECTION, 'browser', `no Chromium at ${CHROMIUM}`));
    } else {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
        ],
      });
      const page = await browser.newPage({
        viewport: { width: 1366, height: 768 },
        locale: 'pt-BR',
        bypassCSP: true,
      });
      await page.addInitScript(INIT_SCRIPT);
      const total = library.photos;
      const tries = quick ? 2 : 6;
      const end: number[] = [];
      const ctrlEnd: number[] = [];
      const home: number[] = [];
      const drag: number[] = [];
      for (let i = 0; i < tries; i++) {
        await freshGrid(page, url);
        end.push(await timeKey(page, 'End', total));
        await page.evaluate(
          `void (window.__farProbe = window.__far.watch('[data-testid="thumb"][data-index="0"][data-focused="true"]'))`,
        );
        const before = (await page.evaluate('window.__far.keys.length')) as number;
        await page.keyboard.press('Home');
        home.push(
          ((await page.evaluate('window.__farProbe')) as number) -
            ((await page.evaluate(`window.__far.keys[${before}]`)) as number),
        );
        await freshGrid(page, url);
        ctrlEnd.push(await timeKey(page, 'Control+End', total));
        await freshGrid(page, url);
        drag.push(await timeDrag(page, total));
      }
      const endD = distribution(end);
      const ctrlD = distribution(ctrlEnd);
      const dragD = distribution(drag);
      const homeD = distribution(home);
      ctx.raw.farjumpBrowser = { end, ctrlEnd, home, drag };
      ctx.log(`far jumps in the browser: End ${range(endD)}; drag ${range(dragD)}`);
      browserFigures.push(
        figure(
          SECTION,
          `browser: End at ${total} photos -> last photo focused and painted (fresh page each try)`,
          `${range(endD)}; then Home back: p50 ${fmt(homeD.p50, 'ms')}`,
          endD.p95,
          `< ${TARGET_MS} ms`,
          endD.max < TARGET_MS,
        ),
        figure(
          SECTION,
          'browser: Ctrl+End -> last photo focused and painted',
          range(ctrlD),
          ctrlD.p95,
          `< ${TARGET_MS} ms`,
          ctrlD.max < TARGET_MS,
        ),
        figure(
          SECTION,
          `browser: scrollbar dragged to the bottom in ${DRAG_MS} ms -> last photo painted, from the release`,
          range(dragD),
          dragD.p95,
          `< ${TARGET_MS} ms`,
          dragD.max < TARGET_MS,
        ),
      );
    }
    ctx.raw.farjump = suite;
    const slowest = [...timings].sort((a, b) => b.end.p95 - a.end.p95).slice(0, 10);
    return {
      figures: [...figures, ...browserFigures],
      details: [
        {
          title: `Far jumps: slowest End seeks (p95), ${library.photos} photos, ${pageSize} rows per page`,
          markdown:
            markdownTable(
              [
                'Filter',
                'Sort',
                'Photos',
                'One page p50',
                'End p50 / p95',
                'End CPU p50 / p95',
                'Middle p50 / p95',
                'End / page',
              ],
              slowest.map((t) => [
                t.name,
                t.sort,
                String(t.total),
                fmt(t.list.p50, 'ms'),
                `${fmt(t.end.p50, 'ms')} / ${fmt(t.end.p95, 'ms')}`,
                `${fmt(t.endCpu.p50, 'ms')} / ${fmt(t.endCpu.p95, 'ms')}`,
                `${fmt(t.middle.p50, 'ms')} / ${fmt(t.middle.p95, 'ms')}`,
                fmt(ratio(t, t.end)),
              ]),
            ) +
            '\n\nTimed with `core.invoke` in the server process, each seek interleaved with a ' +
            'one-page `library.list` of the same filter and sort. Browser times use the page clock.',
        },
      ],
    };
  } finally {
    await browser?.close();
    await child.stop();
  }
}
