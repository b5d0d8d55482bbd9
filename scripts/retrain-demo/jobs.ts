/**
 * Follows a core job (import, classify, export) to its end with `jobs.wait`, printing a
 * progress line now and then so a long step never looks stuck.
 */
import type { JobSnapshot } from '../../electron/contract.js';
import type { Core } from '../../electron/core/app.js';
import { DemoError } from './errors.js';

const PROGRESS_EVERY_MS = 10_000;

function progressLine(snapshot: JobSnapshot): string {
  const { phase, done, total, rate } = snapshot.progress;
  const count = total === null ? `${done}` : `${done}/${total}`;
  return `  ... ${phase} ${count} (${rate.toFixed(1)}/s)`;
}

/** Waits for the job; throws a DemoError when it failed or was cancelled. */
export async function waitForJob(core: Core, jobId: string, what: string): Promise<JobSnapshot> {
  for (;;) {
    const snapshot = await core.invoke('jobs.wait', { jobId, timeoutMs: PROGRESS_EVERY_MS });
    if (snapshot.status === 'running') {
      console.log(progressLine(snapshot));
      continue;
    }
    if (snapshot.status === 'done') return snapshot;
    const reason = snapshot.error ? `${snapshot.error.code}: ${snapshot.error.message}` : '';
    throw new DemoError(`The ${what} job ${snapshot.status}. ${reason}`.trim());
  }
}
