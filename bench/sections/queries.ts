/**
 * Figure 3 (and the library half of figure 5): the review grid's queries at 100,000
 * photos, timed through the core inside the real server process, for every filter and
 * sort the UI offers: first page, a deep page (cursor followed up to 100 pages in),
 * the count the grid shows, and the summary counters. Then the server's memory with
 * the library open.
 */
import type { ImageFilter, ImageSort } from '../../electron/contract.js';
import type { QueryTiming } from '../child/query-suite.js';
import type { ServerProtocol } from '../child/server.js';
import { startChild } from '../lib/child.js';
import type { BenchContext } from '../lib/context.js';
import { rpc } from '../lib/http.js';
import { benchScript } from '../lib/paths.js';
import { gridPageSize } from '../lib/renderer-constants.js';
import { figure, fmt, markdownTable, type Figure, type SectionResult } from '../lib/report.js';
import { distribution } from '../lib/stats.js';
import { ensureLibrary, libraryRunCopy, type BenchLibrary } from '../workload/library.js';

const TARGET_MS = 10;
const RSS_LIMIT_MB = 600;
const MB = 1024 * 1024;

/** The filters of the review screen's filter bar, alone and in the usual combinations. */
export function uiFilters(
  library: BenchLibrary,
  grouped?: number,
): { name: string; filter: ImageFilter }[] {
  const [first, second] = library.labels as [string, string];
  const importId = library.importIds[Math.floor(library.importIds.length / 2)]!;
  // An inspection of two cards (grouped by the caller): each card walked, then merged.
  const inspection: { name: string; filter: ImageFilter }[] =
    grouped === undefined
      ? []
      : [
          { name: `inspection #${grouped} (2 cards)`, filter: { inspectionId: grouped } },
          {
            name: `inspection #${grouped} (2 cards), not reviewed`,
            filter: { inspectionId: grouped, reviewed: false },
          },
        ];
  return [
    ...inspection,
    { name: 'none', filter: {} },
    { name: `label=${first}`, filter: { label: first } },
    { name: `label=${second}`, filter: { label: second } },
    { name: 'not reviewed', filter: { reviewed: false } },
    { name: 'reviewed', filter: { reviewed: true } },
    { name: 'confidence 0.5-0.8', filter: { minConfidence: 0.5, maxConfidence: 0.8 } },
    { name: `import #${importId}`, filter: { importId } },
    { name: `model=${library.otherModelId}`, filter: { modelId: library.otherModelId } },
    { name: 'disagreement', filter: { disagreement: true } },
    { name: `label=${second}, not reviewed`, filter: { label: second, reviewed: false } },
    { name: 'not reviewed, confidence <= 0.8', filter: { reviewed: false, maxConfidence: 0.8 } },
    { name: `disagreement, label=${first}`, filter: { disagreement: true, label: first } },
    { name: `import #${importId}, not reviewed`, filter: { importId, reviewed: false } },
    // Unsure answers (issue 11): the few photos set aside, and the rest of the queue.
    { name: 'unsure', filter: { unsure: true } },
    { name: 'unsure, confidence <= 0.8', filter: { unsure: true, maxConfidence: 0.8 } },
    { name: 'not unsure, not reviewed', filter: { unsure: false, reviewed: false } },
  ];
}

export const SORTS: ImageSort[] = ['confidence', 'captured', 'tube', 'imported'];

function worst(timings: QueryTiming[]): QueryTiming | undefined {
  return [...timings].sort((a, b) => b.p95 - a.p95)[0];
}

function describe(t: QueryTiming): string {
  return `${t.query}${t.filter !== '—' ? `, ${t.filter}` : ''}${t.sort !== '—' ? `, ${t.sort}` : ''}`;
}

function kindFigure(name: string, timings: QueryTiming[]): Figure {
  const slowest = worst(timings);
  if (!slowest) return figure('3. Grid queries', name, 'n/a', null, `p95 ≤ ${TARGET_MS} ms`);
  const over = timings.filter((t) => t.p95 > TARGET_MS).length;
  const cpuWorst = Math.max(...timings.map((t) => t.cpuP95));
  return figure(
    '3. Grid queries',
    `${name} (${timings.length} queries)`,
    `worst p95 ${fmt(slowest.p95, 'ms')} (${describe(slowest)}); median p50 ${fmt(distribution(timings.map((t) => t.p50)).p50, 'ms')}` +
      (over ? `; ${over} of ${timings.length} over ${TARGET_MS} ms` : '') +
      `; CPU time: worst p95 ${fmt(cpuWorst, 'ms')}`,
    slowest.p95,
    `p95 ≤ ${TARGET_MS} ms`,
    slowest.p95 <= TARGET_MS,
  );
}

export async function runQueriesSection(ctx: BenchContext): Promise<SectionResult> {
  const library = await ensureLibrary(ctx.options.libraryPhotos, ctx.log);
  const pageSize = await gridPageSize();
  const quick = ctx.options.quick;
  const libraryDir = libraryRunCopy(library);
  const child = startChild<ServerProtocol>(
    benchScript('child/server.ts'),
    [],
    ctx.options.profile ? { profileName: 'queries-server' } : {},
  );
  try {
    const { url } = await child.request('start', { libraryDir, modelDirs: [] });
    await child.request('mark', null);
    // Two cards of one stop grouped into one inspection, as the summary does.
    const pair = library.importIds.slice(10, 12);
    const grouped = await rpc(url, 'inspections.group', {
      inspectionIds: pair,
      name: 'bench: two cards',
    });
    // 1% of the photos answered "unsure" (issue 11), spread over the library, one decision.
    const { ids } = await rpc(url, 'library.ids', { filter: {} });
    const unsureIds = ids.filter((_, i) => i % 100 === 0);
    await rpc(url, 'review.markUnsure', { imageIds: unsureIds, reviewer: 'bench' });
    ctx.log(
      `queries: ${library.photos} photos (${unsureIds.length} unsure), ${pageSize} rows per page (the renderer's page size)`,
    );
    const suite = await child.request('queries', {
      pageSize,
      runs: quick ? 10 : 30,
      deepPages: quick ? 20 : 100,
      walkBudgetMs: quick ? 2_000 : 5_000,
      filters: uiFilters(library, grouped.id),
      sorts: SORTS.flatMap((sort) => [
        { sort, descending: false },
        { sort, descending: true },
      ]),
    });
    // The same first page over HTTP, as the browser asks for it (JSON both ways).
    const http: number[] = [];
    for (let i = 0; i < (quick ? 10 : 30); i++) {
      const started = performance.now();
      await rpc(url, 'library.list', { sort: 'confidence', limit: pageSize });
      http.push(performance.now() - started);
    }
    const stats = await child.request('stats', null);
    const { timings } = suite;
    const byKind = (query: string) => timings.filter((t) => t.query === query);
    const httpDist = distribution(http);
    const peakMb = (stats.vmHwm ?? stats.peakRss) / MB;
    ctx.raw.queries = { pageSize, library, suite, http: httpDist, memory: stats.peakRss };
    const slowest = [...timings].sort((a, b) => b.p95 - a.p95).slice(0, 15);
    return {
      figures: [
        kindFigure(
          'first page of library.list, every filter x sort',
          byKind('library.list first page'),
        ),
        kindFigure('deep page of library.list (cursor followed)', byKind('library.list deep page')),
        kindFigure('library.count per filter', byKind('library.count')),
        kindFigure('library.summary (counts per label, histogram)', byKind('library.summary')),
        figure(
          '3. Grid queries',
          'first page over HTTP (POST /api/rpc/library.list, JSON)',
          `p50 ${fmt(httpDist.p50, 'ms')}, p95 ${fmt(httpDist.p95, 'ms')}`,
          httpDist.p95,
        ),
        figure(
          '5. Memory',
          `peak RSS of the server with the ${library.photos}-photo library open (all grid queries)`,
          fmt(peakMb, 'MB'),
          peakMb,
          `< ${RSS_LIMIT_MB} MB`,
          peakMb < RSS_LIMIT_MB,
        ),
      ],
      details: [
        {
          title: `Slowest grid queries (p95), ${library.photos} photos, ${pageSize} rows per page`,
          markdown:
            markdownTable(
              ['Query', 'Filter', 'Sort', 'Page', 'p50', 'p95', 'CPU p50 / p95', 'Runs'],
              slowest.map((t) => [
                t.query,
                t.filter,
                t.sort,
                t.page === null ? '' : String(t.page),
                fmt(t.p50, 'ms'),
                fmt(t.p95, 'ms'),
                `${fmt(t.cpuP50, 'ms')} / ${fmt(t.cpuP95, 'ms')}`,
                String(t.n),
              ]),
            ) +
            `\n\nAll ${timings.length} timings are in bench/.work/results.json. Timed with ` +
            '`core.invoke` inside the server process (argument validation included, HTTP excluded). ' +
            "CPU time is the server process's user + system time per call: on a shared machine the " +
            'wall time also includes waiting for a core.',
        },
      ],
    };
  } finally {
    await child.stop();
  }
}
