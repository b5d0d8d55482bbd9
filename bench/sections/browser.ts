/**
 * Figure 4 (and the browser half of figure 5): review in Debian's Chromium through
 * Playwright against the real server on the 100,000-photo library, with the renderer
 * built from the working tree. Time to the first painted thumbnail, a fast scroll
 * through 5,000 grid rows counting dropped frames, and label key press to the next
 * photo focused and painted with the decision durable (the server answered the
 * review RPC, which commits before answering); durability re-checked in SQLite.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ServerProtocol } from '../child/server.js';
import { startChild } from '../lib/child.js';
import type { BenchContext } from '../lib/context.js';
import { benchScript, REPO_ROOT, WORK_DIR } from '../lib/paths.js';
import { figure, fmt, notMeasured, type Figure, type SectionResult } from '../lib/report.js';
import { distribution, median } from '../lib/stats.js';
import { ensureLibrary, libraryRunCopy } from '../workload/library.js';
import { INIT_SCRIPT, scrollScript } from './browser-probes.js';

const KEY_TARGET_MS = 50;
const RSS_LIMIT_MB = 600;
const MB = 1024 * 1024;
const CHROMIUM = '/usr/bin/chromium';
export const RENDERER_DIR = path.join(WORK_DIR, 'renderer');
/** A fast scrollbar drag: 100 grid rows (800 photos at 8 columns) per second. */
const ROWS_PER_SECOND = 100;
const SECTION = '4. Review in the browser';

/** Builds the renderer of the working tree into bench/.work (dist/ is the tests'). */
export function buildRenderer(): void {
  rmSync(RENDERER_DIR, { recursive: true, force: true });
  execFileSync(
    process.execPath,
    [
      path.join(REPO_ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--outDir',
      RENDERER_DIR,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'pipe'] },
  );
}

interface KeyTiming {
  imageId: number;
  label: string;
  latencyMs: number;
  focusMs: number;
  /** Key -> the whole answer received by the browser (Resource Timing responseEnd). */
  durableMs: number;
  /** Key -> the page's script has read the answer (waits for the main thread). */
  scriptReadMs: number;
  /** Resource Timing of the review call: key -> fetch start (renderer work). */
  toFetchMs: number | null;
  /** Fetch start -> request sent (waiting for a connection in the browser). */
  queuedMs: number | null;
  /** Request sent -> first byte of the answer (network + server). */
  serverMs: number | null;
}

interface RpcTiming {
  start: number;
  requestStart: number;
  responseStart: number;
  responseEnd: number;
}

interface BenchGlobals {
  firstThumbPaint: number | null;
  keys: number[];
  rpcDone: { method: string; t: number; ok: boolean }[];
  focusPaint: { index: number; seen: number; painted: number }[];
  rpcTiming: RpcTiming[];
}

async function globals(page: Page): Promise<BenchGlobals> {
  return (await page.evaluate('window.__bench')) as BenchGlobals;
}

async function focusedCell(page: Page): Promise<{ index: number; imageId: number } | null> {
  return (await page.evaluate(`(() => {
    const el = document.querySelector('[data-testid="thumb"][data-focused="true"]');
    return el ? { index: Number(el.dataset.index), imageId: Number(el.dataset.imageId) } : null;
  })()`)) as { index: number; imageId: number } | null;
}

/** Presses label keys on consecutive photos; each press is timed on its own. */
async function timeKeyPresses(page: Page, presses: number): Promise<KeyTiming[]> {
  const labels = (await page.evaluate(`(async () => {
    const r = await fetch('/api/rpc/library.labels', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    return (await r.json()).result;
  })()`)) as string[];
  const timings: KeyTiming[] = [];
  for (let i = 0; i < presses; i++) {
    const before = await focusedCell(page);
    if (!before) throw new Error('no focused photo in the grid');
    const before$ = await globals(page);
    const keyIndex = i % Math.min(2, labels.length);
    await page.keyboard.press(String(keyIndex + 1));
    await page.waitForFunction(
      `(() => {
        const b = window.__bench;
        return b.keys.length > ${before$.keys.length} &&
          b.rpcDone.length > ${before$.rpcDone.length} &&
          b.focusPaint.some((f) => f.index === ${before.index + 1} && f.seen >= b.keys[${before$.keys.length}]);
      })()`,
      undefined,
      { timeout: 30_000, polling: 'raf' },
    );
    const after = await globals(page);
    const key = after.keys[before$.keys.length]!;
    const rpc = after.rpcDone[before$.rpcDone.length]!;
    if (!rpc.ok) throw new Error(`${rpc.method} failed in the page`);
    const focus = after.focusPaint.find((f) => f.index === before.index + 1 && f.seen >= key)!;
    // Resource Timing entries arrive after the response: give the observer a moment.
    await page.waitForTimeout(20);
    const resource = (await globals(page)).rpcTiming.find((r) => r.start >= key) ?? null;
    // The decision is in SQLite once the server answers (it commits with a WAL fsync
    // first), so "durable" is when the browser has the whole answer. When the script gets
    // to read it depends on what else the page's main thread does meanwhile: on a move to
    // the next grid row, rendering that row came first (no task over 50 ms, ~40 ms in all).
    const answered = resource ? resource.responseEnd : rpc.t;
    timings.push({
      imageId: before.imageId,
      label: labels[keyIndex]!,
      focusMs: focus.painted - key,
      durableMs: answered - key,
      scriptReadMs: rpc.t - key,
      latencyMs: Math.max(focus.painted, answered) - key,
      toFetchMs: resource ? resource.start - key : null,
      queuedMs: resource ? resource.requestStart - resource.start : null,
      serverMs: resource ? resource.responseStart - resource.requestStart : null,
    });
    // An inspector's rhythm: a few decisions a second, not a key-repeat burst.
    await page.waitForTimeout(150);
  }
  return timings;
}

/** How many decisions made in the page are in the library file. */
function durableCount(libraryDir: string, timings: KeyTiming[]): number {
  const db = new Database(path.join(libraryDir, 'library.sqlite'), { readonly: true });
  try {
    const label = db.prepare('SELECT label FROM labels WHERE image_id = ?').pluck();
    const event = db
      .prepare('SELECT count(*) FROM label_events WHERE image_id = ? AND new_label = ?')
      .pluck();
    // Later presses may relabel nothing twice: each press is on a different photo.
    return timings.filter(
      (t) => label.get(t.imageId) === t.label && (event.get(t.imageId, t.label) as number) > 0,
    ).length;
  } finally {
    db.close();
  }
}

export async function runBrowserSection(ctx: BenchContext): Promise<SectionResult> {
  if (!existsSync(CHROMIUM)) {
    return { figures: [notMeasured(SECTION, 'review', `no Chromium at ${CHROMIUM}`)], details: [] };
  }
  if (!existsSync(path.join(REPO_ROOT, 'renderer/main.tsx'))) {
    return { figures: [notMeasured(SECTION, 'review', 'renderer missing')], details: [] };
  }
  try {
    buildRenderer();
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim().split('\n')[0];
    return {
      figures: [
        notMeasured(SECTION, 'review', `the renderer does not build (${stderr ?? 'vite failed'})`),
      ],
      details: [],
    };
  }
  const library = await ensureLibrary(ctx.options.libraryPhotos, ctx.log);
  const libraryDir = libraryRunCopy(library);
  const child = startChild<ServerProtocol>(
    benchScript('child/server.ts'),
    [],
    ctx.options.profile ? { profileName: 'browser-server' } : {},
  );
  let browser: Browser | null = null;
  try {
    const { url } = await child.request('start', {
      libraryDir,
      modelDirs: [],
      rendererDir: RENDERER_DIR,
    });
    await child.request('mark', null);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
    // The app's CSP forbids eval; the probes are strings evaluated by Playwright.
    const page = await browser.newPage({
      viewport: { width: 1366, height: 768 },
      locale: 'pt-BR',
      bypassCSP: true,
    });
    await page.addInitScript(INIT_SCRIPT);

    // First paint, from navigation start (the page's time origin), cold server caches.
    await page.goto(`${url}/#/review`);
    await page.waitForFunction('window.__bench.firstThumbPaint !== null', undefined, {
      timeout: 60_000,
    });
    const firstPaintMs = (await globals(page)).firstThumbPaint!;
    const columns = Number(await page.getAttribute('[data-testid="review-grid"]', 'data-columns'));
    ctx.log(
      `browser: first thumbnail painted after ${fmt(firstPaintMs, 'ms')}, ${columns} columns`,
    );

    const scroll = (await page.evaluate(scrollScript(ctx.options.scrollRows, ROWS_PER_SECOND))) as {
      frames: number[];
      placeholderFrames: number;
      rowHeight: number;
      rowsScrolled: number;
      seconds: number;
    };
    const frameMedian = median(scroll.frames);
    const dropped = scroll.frames.filter((f) => f > 1.5 * frameMedian).length;
    const frames = distribution(scroll.frames);
    ctx.log(
      `browser: scrolled ${Math.round(scroll.rowsScrolled)} rows in ${scroll.frames.length} frames, ${dropped} dropped`,
    );

    // Back to the top, focus the first photo, then review with the keyboard.
    await page.evaluate(`document.querySelector('[data-testid="review-grid"]').scrollTop = 0`);
    await page.locator('[data-testid="thumb"][data-index="0"]').click();
    // Let the thumbnails of the scroll settle: the presses measure steady reviewing.
    await page.waitForFunction(
      `[...document.querySelectorAll('[data-testid="thumb"] img')].every((img) => img.complete)`,
      undefined,
      { timeout: 60_000 },
    );
    await page.waitForTimeout(1_000);
    const keys = await timeKeyPresses(page, ctx.options.keyPresses);
    const latency = distribution(keys.map((k) => k.latencyMs));
    const focusOnly = distribution(keys.map((k) => k.focusMs));
    const durableOnly = distribution(keys.map((k) => k.durableMs));
    const scriptRead = distribution(keys.map((k) => k.scriptReadMs));
    const part = (pick: (k: KeyTiming) => number | null) =>
      distribution(keys.map(pick).filter((v): v is number => v !== null));
    const toFetch = part((k) => k.toFetchMs);
    const queued = part((k) => k.queuedMs);
    const server = part((k) => k.serverMs);
    const durable = durableCount(libraryDir, keys);
    const stats = await child.request('stats', null);
    const peakMb = (stats.vmHwm ?? stats.peakRss) / MB;
    ctx.raw.browser = {
      firstPaintMs,
      columns,
      scroll: { ...scroll, frames: frames },
      keys,
      stats: { ...stats, samples: undefined },
    };

    const figures: Figure[] = [
      figure(
        SECTION,
        'navigation to first grid thumbnail painted',
        fmt(firstPaintMs, 'ms'),
        firstPaintMs,
      ),
      figure(
        SECTION,
        `scroll ${Math.round(scroll.rowsScrolled)} rows (${columns} photos each) at ${ROWS_PER_SECOND} rows/s: dropped frames (> 1.5x median)`,
        `${dropped} of ${scroll.frames.length} (${fmt((100 * dropped) / Math.max(1, scroll.frames.length), '%')}); ` +
          `frame p50 ${fmt(frames.p50, 'ms')}, p95 ${fmt(frames.p95, 'ms')}; ` +
          `placeholders visible in ${fmt((100 * scroll.placeholderFrames) / Math.max(1, scroll.frames.length), '%')} of frames`,
        dropped,
      ),
      figure(
        SECTION,
        `label key press -> next photo painted and label durable (${keys.length} presses)`,
        `p95 ${fmt(latency.p95, 'ms')}, p50 ${fmt(latency.p50, 'ms')} (next photo painted p95 ${fmt(focusOnly.p95, 'ms')}; ` +
          `answered p95 ${fmt(durableOnly.p95, 'ms')} = renderer ${fmt(toFetch.p95, 'ms')} + connection wait ${fmt(queued.p95, 'ms')} ` +
          `+ server ${fmt(server.p95, 'ms')} (p95 each); read by the page's script p95 ${fmt(scriptRead.p95, 'ms')}); ` +
          `${durable}/${keys.length} found in SQLite`,
        latency.p95,
        `p95 ≤ ${KEY_TARGET_MS} ms, all durable`,
        latency.p95 <= KEY_TARGET_MS && durable === keys.length,
      ),
      figure(
        '5. Memory',
        `peak RSS of the server during browser review of the ${library.photos}-photo library`,
        fmt(peakMb, 'MB'),
        peakMb,
        `< ${RSS_LIMIT_MB} MB`,
        peakMb < RSS_LIMIT_MB,
      ),
    ];
    return {
      figures,
      details: [
        {
          title: 'Review in the browser',
          markdown:
            `Chromium ${browser.version()} headless, 1366x768, against the HTTP server on the ` +
            `${library.photos}-photo library (renderer built from the working tree into bench/.work/renderer). ` +
            'Times use the page clock: first paint = the animation frame after the first grid thumbnail loaded; ' +
            'key latency = keydown to max(next cell focused and painted, review RPC answered = Resource Timing responseEnd).',
        },
      ],
    };
  } finally {
    await browser?.close();
    await child.stop();
  }
}
