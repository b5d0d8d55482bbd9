/**
 * Bench child: the real HTTP server (`startServer`, as `npm run serve` runs it) on a
 * library, instrumented from inside: resident memory sampled every 50 ms (plus the
 * kernel's high-water mark, VmHWM, which no sampling gap can miss), event-loop delay
 * from `monitorEventLoopDelay`, and the import progress next to each memory sample so
 * growth per photo can be computed. The parent drives the server over HTTP like the UI
 * does; it asks this process only for its measurements.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { startServer, type RunningServer } from '../../electron/server/server.js';
import { serveRequests } from '../lib/child.js';
import { peakRssOf } from '../lib/machine.js';
import { startStallMonitor, type Stall } from '../lib/stalls.js';
import { runFarJumpSuite, type FarJumpResult, type FarJumpSpec } from './far-jump-suite.js';
import { runQuerySuite, type QuerySuiteResult, type QuerySuiteSpec } from './query-suite.js';

export interface MemorySample {
  /** ms since the last mark. */
  t: number;
  rss: number;
  /** Photos the running import has finished (job.progress `done`). */
  done: number;
}

export interface ServerStats {
  rssNow: number;
  /** Highest sampled RSS since the last mark. */
  peakRss: number;
  /** VmHWM: peak RSS of the process's whole life. */
  vmHwm: number | null;
  lagMs: { p50: number; p99: number; max: number; mean: number };
  samples: MemorySample[];
  slowRequests: { count: number; worst: { request: string; ms: number }[] };
  /** Event-loop stalls of 20 ms or more, with wall-clock times (see lib/stalls.ts). */
  stalls: Stall[];
}

export type ServerProtocol = {
  start: [
    { libraryDir: string; modelDirs: string[]; rendererDir?: string },
    { url: string; startMs: number; rss: number },
  ];
  /** Starts a new measurement window (lag histogram, RSS peak and samples). */
  mark: [null, { rss: number }];
  stats: [null, ServerStats];
  /** RSS after two full garbage collections (needs --expose-gc): what the server keeps. */
  retained: [null, { rss: number }];
  queries: [QuerySuiteSpec, QuerySuiteResult];
  farJumps: [FarJumpSpec, FarJumpResult];
};

const SAMPLE_MS = 50;
const MAX_SAMPLES = 20_000;

let server: RunningServer | null = null;
const lag = monitorEventLoopDelay({ resolution: 10 });
lag.enable();
const stallMonitor = startStallMonitor();
let markedAt = performance.now();
let peak = 0;
let done = 0;
let samples: MemorySample[] = [];
/** Requests the server itself logged as slow (over 200 ms) since the last mark. */
let slowRequests = { count: 0, worst: [] as { request: string; ms: number }[] };

setInterval(() => {
  const rss = process.memoryUsage.rss();
  peak = Math.max(peak, rss);
  if (samples.length < MAX_SAMPLES) samples.push({ t: performance.now() - markedAt, rss, done });
}, SAMPLE_MS).unref();

function ms(ns: number): number {
  return ns / 1e6;
}

serveRequests<ServerProtocol>(
  {
    async start({ libraryDir, modelDirs, rendererDir }) {
      const started = performance.now();
      server = await startServer({
        libraryDir,
        modelDirs,
        port: 0,
        ...(rendererDir ? { rendererDir } : {}),
        log: (line) => {
          const slow = /^slow request: (\S+ \S+) \d+ (\d+) ms/.exec(line);
          if (!slow) {
            process.stderr.write(`[server] ${line}\n`);
            return;
          }
          // jobs.wait is a long poll: "slow" by design.
          if (slow[1]!.includes('jobs.wait')) return;
          slowRequests.count++;
          slowRequests.worst.push({ request: slow[1]!, ms: Number(slow[2]) });
          slowRequests.worst.sort((a, b) => b.ms - a.ms).splice(10);
        },
      });
      // As `npm run serve` does once it listens (electron/server/main.ts), and awaited:
      // by the time a reviewer has picked a card, the app has long loaded its model, and
      // the loading thread would otherwise share the cores with the first measurements.
      const startMs = performance.now() - started;
      await server.core.preloadActiveModel();
      server.core.events.on('job.progress', (p) => {
        if (p.kind === 'import' && p.phase === 'importing') done = p.done;
      });
      return {
        url: server.url,
        startMs,
        rss: process.memoryUsage.rss(),
      };
    },
    mark() {
      lag.reset();
      stallMonitor.reset();
      markedAt = performance.now();
      peak = process.memoryUsage.rss();
      done = 0;
      samples = [];
      slowRequests = { count: 0, worst: [] };
      return { rss: peak };
    },
    stats() {
      const rss = process.memoryUsage.rss();
      return {
        rssNow: rss,
        peakRss: Math.max(peak, rss),
        vmHwm: peakRssOf('self'),
        lagMs: {
          p50: ms(lag.percentile(50)),
          p99: ms(lag.percentile(99)),
          max: ms(lag.max),
          mean: ms(lag.mean),
        },
        samples,
        slowRequests,
        stalls: stallMonitor.stalls(),
      };
    },
    async retained() {
      const gc = (globalThis as { gc?: () => void }).gc;
      if (!gc) throw new Error('start this child with --expose-gc to measure retained memory');
      // Twice, with a turn of the event loop between: finalizers free native memory late.
      gc();
      await new Promise((resolve) => setTimeout(resolve, 100));
      gc();
      return { rss: process.memoryUsage.rss() };
    },
    async queries(spec) {
      if (!server) throw new Error('start the server first');
      return runQuerySuite(server.core, spec);
    },
    async farJumps(spec) {
      if (!server) throw new Error('start the server first');
      return runFarJumpSuite(server.core, spec);
    },
  },
  async () => {
    await server?.close();
  },
);
