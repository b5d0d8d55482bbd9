/**
 * Follows a running job in the terminal: progress on stderr, and Ctrl-C as "cancel
 * cleanly" (the job stops between files and keeps what it finished) the first time,
 * "quit now" the second.
 */
import type { JobSnapshot } from '../contract.js';
import type { Core } from '../core/app.js';
import { EXIT, type CommandContext } from './command.js';
import { createProgressReporter, type ProgressStyle } from './progress-bar.js';
import { cliText, type CliMessageKey } from './language.js';
import type { MessageValues } from '../shared/format-message.js';
import type { Language } from '../shared/language.js';

export interface FollowedJob {
  snapshot: JobSnapshot;
  /** The user pressed Ctrl-C (the job was cancelled). */
  interrupted: boolean;
}

export async function followJob(
  ctx: CommandContext,
  core: Core,
  jobId: string,
  { resumeHint, language = ctx.language() }: { resumeHint: string; language?: Language },
): Promise<FollowedJob> {
  const style: ProgressStyle = { language };
  const t = (key: CliMessageKey, values?: MessageValues) => cliText(language, key, values);
  const reporter = createProgressReporter(ctx.term.stderr, style);
  let interrupted = false;
  const offProgress = core.events.on('job.progress', (progress) => {
    if (progress.jobId === jobId) reporter.update(progress);
  });
  const offInterrupt = ctx.term.onInterrupt(() => {
    if (interrupted) {
      reporter.interrupt(t('cli.job.stopped'));
      ctx.term.exit(EXIT.interrupted);
    }
    interrupted = true;
    reporter.interrupt(t('cli.job.cancelling', { resumeHint }));
    core.invoke('jobs.cancel', { jobId }).catch(() => undefined);
  });
  try {
    let snapshot = await core.invoke('jobs.wait', { jobId, timeoutMs: 600_000 });
    while (snapshot.status === 'running') {
      snapshot = await core.invoke('jobs.wait', { jobId, timeoutMs: 600_000 });
    }
    reporter.finish();
    return { snapshot, interrupted };
  } finally {
    offProgress();
    offInterrupt();
  }
}
