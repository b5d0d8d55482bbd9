/**
 * Event-loop stalls with wall-clock timestamps, so the stalls of two processes can be
 * lined up: a stall of the server that the idle bench process suffered at the same
 * moment is the shared machine's (the scheduler gave neither a core); one the idle
 * process did not see is the server's own work blocking its loop.
 */

/** One stall: the loop ran a timer `ms` late, ending at `end` (ms since the epoch). */
export interface Stall {
  end: number;
  ms: number;
}

const TICK_MS = 10;
const MAX_STALLS = 50_000;

export interface StallMonitor {
  /** Stalls of at least `minMs` since the start (or the last reset). */
  stalls(): Stall[];
  reset(): void;
  stop(): void;
}

function wallNow(): number {
  return performance.timeOrigin + performance.now();
}

/** Ticks every 10 ms and records each tick that came at least `minMs` late. */
export function startStallMonitor(minMs = 20): StallMonitor {
  let recorded: Stall[] = [];
  let last = wallNow();
  const timer = setInterval(() => {
    const now = wallNow();
    const late = now - last - TICK_MS;
    last = now;
    if (late >= minMs && recorded.length < MAX_STALLS) recorded.push({ end: now, ms: late });
  }, TICK_MS);
  timer.unref();
  return {
    stalls: () => recorded,
    reset() {
      recorded = [];
      last = wallNow();
    },
    stop: () => clearInterval(timer),
  };
}

/** How much of a stall [end - ms, end] the other process also spent stalled. */
function overlapShare(stall: Stall, others: readonly Stall[]): number {
  const start = stall.end - stall.ms;
  let covered = 0;
  for (const other of others) {
    const from = Math.max(start, other.end - other.ms);
    const to = Math.min(stall.end, other.end);
    if (to > from) covered += to - from;
  }
  return stall.ms > 0 ? covered / stall.ms : 0;
}

export interface StallComparison {
  /** Stalls of the measured process over the threshold. */
  total: number;
  /** ... of which the reference process was stalled for most of the same time. */
  shared: number;
  /** Longest stall the reference process did not share (the process's own), ms. */
  ownMaxMs: number;
  /** Longest stall of all, ms. */
  maxMs: number;
}

/**
 * Splits the stalls of `measured` over `thresholdMs` into those the `reference` (idle)
 * process shared for at least half of their length and those it did not.
 */
export function compareStalls(
  measured: readonly Stall[],
  reference: readonly Stall[],
  thresholdMs: number,
): StallComparison {
  const over = measured.filter((s) => s.ms >= thresholdMs);
  let shared = 0;
  let ownMaxMs = 0;
  for (const stall of over) {
    if (overlapShare(stall, reference) >= 0.5) shared++;
    else ownMaxMs = Math.max(ownMaxMs, stall.ms);
  }
  return {
    total: over.length,
    shared,
    ownMaxMs,
    maxMs: Math.max(0, ...measured.map((s) => s.ms)),
  };
}
