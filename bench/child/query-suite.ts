/**
 * The review grid's queries, timed through the core (`core.invoke`, arguments validated
 * like any shell's call) in the server process: for every filter and sort the UI
 * offers, the first page and a deep page reached by following the keyset cursor, the
 * count the grid shows, and the summary counters.
 */
import type { ImageFilter, ImageSort } from '../../electron/contract.js';
import type { Core } from '../../electron/core/app.js';
import { distribution, percentile, type Distribution } from '../lib/stats.js';

export interface QuerySuiteSpec {
  /** Rows per `library.list` call: the renderer's page size. */
  pageSize: number;
  /** Timed repetitions of each query (after one untimed warm-up). */
  runs: number;
  /** How many pages to follow the cursor for the deep page (at most half the result). */
  deepPages: number;
  /** Stop following the cursor after this long (slow paths would take minutes). */
  walkBudgetMs: number;
  filters: { name: string; filter: ImageFilter }[];
  sorts: { sort: ImageSort; descending: boolean }[];
}

export interface QueryTiming extends Distribution {
  /** CPU time (user + system) of the server process per call: what waiting for a core on a shared machine does not inflate. */
  cpuP50: number;
  cpuP95: number;
  query: string;
  filter: string;
  sort: string;
  /** Page number timed (deep pages), null otherwise. */
  page: number | null;
}

export interface QuerySuiteResult {
  timings: QueryTiming[];
  /** Rows matching each filter, from library.count. */
  totals: Record<string, number>;
}

/** A query this slow is far off target: fewer runs say so just as well. */
const SLOW_BUDGET_MS = 3_000;
const MIN_RUNS = 10;

type Timed = Distribution & { cpuP50: number; cpuP95: number };

async function timeRuns(runs: number, call: () => Promise<unknown>): Promise<Timed> {
  await call();
  const times: number[] = [];
  const cpu: number[] = [];
  const budgetStart = performance.now();
  for (let i = 0; i < runs; i++) {
    if (i >= MIN_RUNS && performance.now() - budgetStart > SLOW_BUDGET_MS) break;
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { ...distribution(times), cpuP50: percentile(cpu, 50), cpuP95: percentile(cpu, 95) };
}

/**
 * One untimed call of every query shape first. A server that was just started is still
 * compiling hot functions on V8's background threads (its CPU time per call showed
 * twice the wall time), so whichever query came first was timed on a cold process; a
 * reviewer's server has been up for a while.
 */
async function warmUp(core: Core, spec: QuerySuiteSpec): Promise<void> {
  await core.invoke('library.summary', {});
  for (const { filter } of spec.filters) {
    await core.invoke('library.count', { filter });
    for (const { sort, descending } of spec.sorts) {
      await core.invoke('library.list', { filter, sort, descending, limit: spec.pageSize });
    }
  }
}

export async function runQuerySuite(core: Core, spec: QuerySuiteSpec): Promise<QuerySuiteResult> {
  const timings: QueryTiming[] = [];
  const totals: Record<string, number> = {};
  await warmUp(core, spec);
  timings.push({
    query: 'library.summary',
    filter: '—',
    sort: '—',
    page: null,
    ...(await timeRuns(spec.runs, () => core.invoke('library.summary', {}))),
  });
  for (const { name, filter } of spec.filters) {
    totals[name] = (await core.invoke('library.count', { filter })).total;
    timings.push({
      query: 'library.count',
      filter: name,
      sort: '—',
      page: null,
      ...(await timeRuns(spec.runs, () => core.invoke('library.count', { filter }))),
    });
    const pages = Math.ceil(totals[name]! / spec.pageSize);
    for (const { sort, descending } of spec.sorts) {
      const sortName = `${sort} ${descending ? 'desc' : 'asc'}`;
      const list = (cursor: string | null) =>
        core.invoke('library.list', { filter, sort, descending, cursor, limit: spec.pageSize });
      timings.push({
        query: 'library.list first page',
        filter: name,
        sort: sortName,
        page: 0,
        ...(await timeRuns(spec.runs, () => list(null))),
      });
      // Deep page: follow the cursor like a reviewer scrolling far down the grid.
      const target = Math.min(spec.deepPages, Math.floor(pages / 2));
      if (target < 1) continue;
      let cursor: string | null = null;
      let page = 0;
      const walkStarted = performance.now();
      while (page < target && performance.now() - walkStarted < spec.walkBudgetMs) {
        const result = await list(cursor);
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
        page++;
      }
      if (page === 0) continue;
      const deepCursor = cursor;
      timings.push({
        query: 'library.list deep page',
        filter: name,
        sort: sortName,
        page,
        ...(await timeRuns(spec.runs, () => list(deepCursor))),
      });
    }
  }
  return { timings, totals };
}
