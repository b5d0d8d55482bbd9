/**
 * Long-running work (import, classification, export) runs as a job: it starts at once,
 * reports progress as `job.progress` events (throttled), finishes with `job.finished`,
 * and can be cancelled through its AbortSignal. Jobs live in memory; what they produce
 * is in the library, so a re-run after a crash resumes from there.
 */
import { randomUUID } from 'node:crypto';
import type { JobKind, JobProgress, JobSnapshot, JobStatus } from '../../contract.js';
import { CoreError, isCoreError, serializeError } from '../errors.js';
import type { EventBus } from '../events.js';

export interface JobHandle {
  readonly id: string;
  readonly signal: AbortSignal;
  /** Merges a progress update; emitted at most every `progressIntervalMs`. */
  progress(update: Partial<Omit<JobProgress, 'jobId' | 'kind'>>): void;
  /** Throws CANCELLED when the job was cancelled: call between units of work. */
  throwIfCancelled(): void;
}

export type JobResult = NonNullable<JobSnapshot['result']>;

interface JobState {
  snapshot: JobSnapshot;
  controller: AbortController;
  done: Promise<void>;
  lastEmit: number;
  startedMs: number;
  /** A throttled update still to send, so the last progress is never left unsaid. */
  trailing: ReturnType<typeof setTimeout> | null;
}

export interface JobRegistry {
  start(kind: JobKind, run: (job: JobHandle) => Promise<JobResult>): JobSnapshot;
  get(jobId: string): JobSnapshot;
  list(): JobSnapshot[];
  cancel(jobId: string): JobSnapshot;
  wait(jobId: string, timeoutMs: number): Promise<JobSnapshot>;
  /** Whether a job of this kind is running (one import at a time, say). */
  running(kind: JobKind): JobSnapshot | undefined;
  /** Cancels everything and waits for it to stop (on shutdown). */
  shutdown(): Promise<void>;
}

export function createJobRegistry(
  events: EventBus,
  now: () => Date,
  progressIntervalMs = 150,
): JobRegistry {
  const jobs = new Map<string, JobState>();

  function find(jobId: string): JobState {
    const state = jobs.get(jobId);
    if (!state) throw new CoreError('NOT_FOUND', { key: 'jobs.notFound', values: { jobId } });
    return state;
  }

  function emitProgress(state: JobState, force: boolean): void {
    const t = Date.now();
    if (!force && t - state.lastEmit < progressIntervalMs) {
      // Sent once the interval is over: a job that then stalls (a slow card, a held
      // test import) still shows where it is, not an update from before.
      state.trailing ??= setTimeout(
        () => {
          state.trailing = null;
          if (state.snapshot.status === 'running') emitProgress(state, true);
        },
        progressIntervalMs - (t - state.lastEmit),
      );
      return;
    }
    if (state.trailing) clearTimeout(state.trailing);
    state.trailing = null;
    state.lastEmit = t;
    const p = state.snapshot.progress;
    const elapsed = (t - state.startedMs) / 1000;
    p.rate = elapsed > 0 ? p.done / elapsed : 0;
    p.etaSeconds = p.total !== null && p.rate > 0 ? Math.max(0, (p.total - p.done) / p.rate) : null;
    events.emit('job.progress', { ...p, counters: { ...p.counters } });
  }

  return {
    start(kind, run) {
      const id = `${kind}-${randomUUID().slice(0, 8)}`;
      const controller = new AbortController();
      const snapshot: JobSnapshot = {
        id,
        kind,
        status: 'running',
        startedAt: now().toISOString(),
        finishedAt: null,
        progress: {
          jobId: id,
          kind,
          phase: 'starting',
          done: 0,
          total: null,
          bytesDone: 0,
          bytesTotal: null,
          rate: 0,
          etaSeconds: null,
          counters: {},
        },
        result: null,
        error: null,
      };
      const state: JobState = {
        snapshot,
        controller,
        done: Promise.resolve(),
        lastEmit: 0,
        trailing: null,
        startedMs: Date.now(),
      };
      const handle: JobHandle = {
        id,
        signal: controller.signal,
        progress(update) {
          const { counters, ...rest } = update;
          Object.assign(snapshot.progress, rest);
          if (counters) Object.assign(snapshot.progress.counters, counters);
          emitProgress(state, false);
        },
        throwIfCancelled() {
          if (controller.signal.aborted) {
            throw new CoreError('CANCELLED', { key: 'jobs.cancelled' });
          }
        },
      };
      jobs.set(id, state);
      // Started on the next tick so the caller gets the job id before any event.
      state.done = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => run(handle))
        .then(
          (result) =>
            finish(
              state,
              stoppedEarly(result, controller.signal) ? 'cancelled' : 'done',
              result,
              null,
            ),
          (error: unknown) => {
            const cancelled = isCoreError(error, 'CANCELLED') || controller.signal.aborted;
            finish(state, cancelled ? 'cancelled' : 'failed', null, cancelled ? null : error);
          },
        );
      return snapshot;
    },
    get: (jobId) => find(jobId).snapshot,
    list: () => [...jobs.values()].map((s) => s.snapshot),
    cancel(jobId) {
      const state = find(jobId);
      state.controller.abort();
      return state.snapshot;
    },
    async wait(jobId, timeoutMs) {
      const state = find(jobId);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        state.done,
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      return state.snapshot;
    },
    running: (kind) =>
      [...jobs.values()].find((s) => s.snapshot.kind === kind && s.snapshot.status === 'running')
        ?.snapshot,
    async shutdown() {
      for (const state of jobs.values()) state.controller.abort();
      await Promise.all([...jobs.values()].map((s) => s.done));
    },
  };

  function finish(
    state: JobState,
    status: JobStatus,
    result: JobResult | null,
    error: unknown,
  ): void {
    const { snapshot } = state;
    snapshot.status = status;
    snapshot.finishedAt = now().toISOString();
    // A cancelled job may still return a partial result (an import summary, say).
    snapshot.result = result;
    snapshot.error = error === null ? null : serializeError(error);
    snapshot.progress.phase = status;
    emitProgress(state, true);
    events.emit('job.finished', snapshot);
  }
}

/**
 * An import says itself whether it finished (a cancel that arrives after its last file
 * must not mark a complete import cancelled); other jobs stop early only when cancelled.
 */
function stoppedEarly(result: JobResult, signal: AbortSignal): boolean {
  return 'status' in result ? result.status === 'cancelled' : signal.aborted;
}
