/**
 * The progress an import reports (job.progress): phase, files and bytes done, and the
 * counters. One object the import's steps update, so none of them keeps its own copy.
 */
import type { JobHandle } from '../jobs/registry.js';

/**
 * Progress counters (job.progress `counters`). imported/duplicates/errors cover the whole
 * import, earlier runs included; `resumed` = files an earlier run of this same import
 * finished, `alreadyDone` = files an earlier import of the same source finished,
 * `ignored` = visible files that are not photos (robot logs...), `classifyFailed` = 1
 * when the model could not classify (the photos are imported all the same).
 */
export type ImportCounters = {
  imported: number;
  duplicates: number;
  errors: number;
  alreadyDone: number;
  resumed: number;
  ignored: number;
  classified: number;
  classifyFailed: number;
};

export interface ImportProgress {
  phase: string;
  done: number;
  total: number | null;
  bytesDone: number;
  bytesTotal: number | null;
  readonly counters: ImportCounters;
  /** Sends the current state to the job's listeners. */
  report(): void;
}

export function createImportProgress(job: JobHandle): ImportProgress {
  const progress: ImportProgress = {
    phase: 'scanning',
    done: 0,
    total: null,
    bytesDone: 0,
    bytesTotal: null,
    counters: {
      imported: 0,
      duplicates: 0,
      errors: 0,
      alreadyDone: 0,
      resumed: 0,
      ignored: 0,
      classified: 0,
      classifyFailed: 0,
    },
    report() {
      const { phase, done, total, bytesDone, bytesTotal, counters } = progress;
      job.progress({ phase, done, total, bytesDone, bytesTotal, counters: { ...counters } });
    },
  };
  return progress;
}
