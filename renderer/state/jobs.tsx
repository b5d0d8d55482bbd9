/**
 * Live state of every job of this session (imports, classifications, exports), fed by
 * `job.progress` / `job.finished` events, so any screen can show a job it did not start
 * (after switching screens or reloading the window).
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { JobKind, JobProgress, JobSnapshot } from '../../electron/contract.js';
import { useClient } from './client-context.js';
import { useReportError } from './errors.js';
import { useContractEvent } from './use-event.js';

export interface JobView {
  id: string;
  kind: JobKind;
  status: JobSnapshot['status'];
  progress: JobProgress;
  /** The finished snapshot (result or error), once the job is over. */
  finished: JobSnapshot | null;
  /** The core has this window's cancel; the job stops at its next step. */
  cancelRequested?: boolean;
}

interface JobsApi {
  jobs: Map<string, JobView>;
  /** Registers a job just started here, before its first event arrives. */
  track(jobId: string, kind: JobKind): void;
  cancel(jobId: string): Promise<void>;
}

const JobsContext = createContext<JobsApi | null>(null);

function fromSnapshot(snapshot: JobSnapshot): JobView {
  return {
    id: snapshot.id,
    kind: snapshot.kind,
    status: snapshot.status,
    progress: snapshot.progress,
    finished: snapshot.status === 'running' ? null : snapshot,
  };
}

export function JobsProvider(props: { children: ReactNode }) {
  const client = useClient();
  const report = useReportError();
  const [jobs, setJobs] = useState(() => new Map<string, JobView>());

  const upsert = useCallback((jobId: string, change: (old: JobView | undefined) => JobView) => {
    setJobs((current) => {
      const next = new Map(current);
      next.set(jobId, change(current.get(jobId)));
      return next;
    });
  }, []);

  useEffect(() => {
    let live = true;
    client.invoke('jobs.list').then(
      (list) => {
        if (!live) return;
        setJobs((current) => {
          const next = new Map(current);
          for (const snapshot of list)
            if (!next.has(snapshot.id)) next.set(snapshot.id, fromSnapshot(snapshot));
          return next;
        });
      },
      (error: unknown) => report(error),
    );
    return () => {
      live = false;
    };
  }, [client, report]);

  useContractEvent('job.progress', (progress) => {
    upsert(progress.jobId, (old) =>
      // A late progress event must not resurrect a finished job.
      old?.finished
        ? old
        : {
            id: progress.jobId,
            kind: progress.kind,
            status: 'running',
            progress,
            finished: null,
            cancelRequested: old?.cancelRequested ?? false,
          },
    );
  });
  useContractEvent('job.finished', (snapshot) => {
    upsert(snapshot.id, () => fromSnapshot(snapshot));
  });

  const track = useCallback(
    (jobId: string, kind: JobKind) => {
      upsert(
        jobId,
        (old) =>
          old ?? {
            id: jobId,
            kind,
            status: 'running',
            finished: null,
            progress: {
              jobId,
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
          },
      );
      // The job may have finished before this window subscribed: ask once.
      client.invoke('jobs.get', { jobId }).then(
        (snapshot) => {
          if (snapshot.status !== 'running') upsert(jobId, () => fromSnapshot(snapshot));
        },
        (error: unknown) => report(error),
      );
    },
    [client, report, upsert],
  );

  const cancel = useCallback(
    async (jobId: string) => {
      try {
        await client.invoke('jobs.cancel', { jobId });
        setJobs((current) => {
          const old = current.get(jobId);
          if (!old || old.finished) return current;
          return new Map(current).set(jobId, { ...old, cancelRequested: true });
        });
      } catch (error) {
        report(error);
      }
    },
    [client, report],
  );

  const value = useMemo(() => ({ jobs, track, cancel }), [jobs, track, cancel]);
  return <JobsContext.Provider value={value}>{props.children}</JobsContext.Provider>;
}

export function useJobs(): JobsApi {
  const api = useContext(JobsContext);
  if (!api) throw new Error('useJobs() outside <JobsProvider>');
  return api;
}

/** One job's live view, or undefined when unknown. */
export function useJob(jobId: string | null): JobView | undefined {
  const { jobs } = useJobs();
  return jobId ? jobs.get(jobId) : undefined;
}

/** The most recent running job of a kind (to reattach a screen to it). */
export function useRunningJob(kind: JobKind): JobView | undefined {
  const { jobs } = useJobs();
  let found: JobView | undefined;
  for (const job of jobs.values()) if (job.kind === kind && job.status === 'running') found = job;
  return found;
}

/**
 * The job of a kind a card shows: the one it started, else a running one it adopts (after
 * a reload, or started in another window), kept once adopted so its end still shows.
 */
export function useCardJob(kind: JobKind): {
  job: JobView | undefined;
  show(jobId: string): void;
} {
  const running = useRunningJob(kind);
  const [jobId, setJobId] = useState<string | null>(null);
  useEffect(() => {
    if (running && jobId === null) setJobId(running.id);
  }, [running, jobId]);
  const shown = useJob(jobId);
  return { job: shown ?? running, show: setJobId };
}
