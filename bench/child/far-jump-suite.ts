/**
 * Far jumps through the core (`core.invoke` in the server process): `library.cursorAt`
 * at the grid's last page (End) and at the middle (a scrollbar dragged half-way), each
 * timed interleaved with the one-page `library.list` it is compared with, so both see
 * the same machine. Plus, once, the walk End used to be: every page followed from the top.
 */
import type { ImageFilter, ImageListResult, ImageSort } from '../../electron/contract.js';
import type { Core } from '../../electron/core/app.js';
import { distribution, type Distribution } from '../lib/stats.js';

export interface FarJumpCase {
  name: string;
  filter: ImageFilter;
  sort: ImageSort;
  descending: boolean;
}

export interface FarJumpSpec {
  /** Rows per page: the renderer's page size. */
  pageSize: number;
  runs: number;
  cases: FarJumpCase[];
  /** Case whose page-by-page walk to the last page is timed once (the old End). */
  walk: FarJumpCase | null;
}

export interface FarJumpTiming {
  name: string;
  sort: string;
  total: number;
  /** `library.list`, first page: one page read from the top. */
  list: Distribution;
  /** `library.cursorAt` at the last page's offset (End). */
  end: Distribution;
  /** `library.cursorAt` at the middle. */
  middle: Distribution;
  /** Server CPU time (user + system) per End seek: what waiting for a core does not inflate. */
  endCpu: Distribution;
}

export interface FarJumpResult {
  timings: FarJumpTiming[];
  /** The walk End used to do: pages followed from the top to the last one. */
  walk: { name: string; pages: number; ms: number } | null;
}

async function timed(call: () => Promise<unknown>, cpu?: number[]): Promise<number> {
  const cpuStart = process.cpuUsage();
  const started = performance.now();
  await call();
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpuStart);
  cpu?.push((used.user + used.system) / 1000);
  return wall;
}

export async function runFarJumpSuite(core: Core, spec: FarJumpSpec): Promise<FarJumpResult> {
  const timings: FarJumpTiming[] = [];
  for (const c of spec.cases) {
    const { filter, sort, descending } = c;
    const { total } = await core.invoke('library.count', { filter });
    // The offset the grid asks for on End: the first row of its last page.
    const last = Math.max(0, Math.floor((total - 1) / spec.pageSize) * spec.pageSize);
    const middle = Math.floor(total / 2 / spec.pageSize) * spec.pageSize;
    const list = () =>
      core.invoke('library.list', { filter, sort, descending, limit: spec.pageSize });
    const seek = (offset: number) => () =>
      core.invoke('library.cursorAt', { filter, sort, descending, offset, limit: spec.pageSize });
    // Warm-up: statements prepared, hot code compiled.
    await list();
    await seek(last)();
    await seek(middle)();
    const times = {
      list: [] as number[],
      end: [] as number[],
      middle: [] as number[],
      endCpu: [] as number[],
    };
    for (let i = 0; i < spec.runs; i++) {
      times.list.push(await timed(list));
      times.end.push(await timed(seek(last), times.endCpu));
      times.middle.push(await timed(seek(middle)));
    }
    timings.push({
      name: c.name,
      sort: `${sort} ${descending ? 'desc' : 'asc'}`,
      total,
      list: distribution(times.list),
      end: distribution(times.end),
      middle: distribution(times.middle),
      endCpu: distribution(times.endCpu),
    });
  }
  let walk: FarJumpResult['walk'] = null;
  if (spec.walk) {
    const { filter, sort, descending } = spec.walk;
    let cursor: string | null = null;
    let pages = 0;
    const started = performance.now();
    do {
      // Two pages per request, as the grid walked (the contract's largest page).
      const page: ImageListResult = await core.invoke('library.list', {
        filter,
        sort,
        descending,
        cursor,
        limit: Math.min(1000, spec.pageSize * 2),
      });
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    walk = { name: spec.walk.name, pages, ms: performance.now() - started };
  }
  return { timings, walk };
}
