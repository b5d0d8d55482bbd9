/**
 * Numbered steps with a heading each and their wall time, for the closing summary.
 */

export interface StepTiming {
  title: string;
  seconds: number;
}

export interface StepRunner {
  /** Prints the heading, runs the step and records how long it took (even when it fails). */
  run<T>(title: string, body: () => Promise<T>): Promise<T>;
  readonly timings: StepTiming[];
}

export function createStepRunner(): StepRunner {
  const timings: StepTiming[] = [];
  return {
    timings,
    async run(title, body) {
      console.log(`\n== ${timings.length + 1}. ${title}`);
      const started = performance.now();
      try {
        return await body();
      } finally {
        const seconds = (performance.now() - started) / 1000;
        timings.push({ title, seconds });
        console.log(`   (${formatDuration(seconds)})`);
      }
    },
  };
}

/** "42.1 s" or "6 min 05 s". */
export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)} min ${String(whole % 60).padStart(2, '0')} s`;
}
