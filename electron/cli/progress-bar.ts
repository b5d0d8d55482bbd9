/**
 * Job progress on stderr: a live bar redrawn in place on a terminal, plain lines now
 * and then when stderr is a file or a pipe (CI logs, `2> import.log`).
 */
import type { JobProgress } from '../contract.js';
import type { Language } from '../shared/language.js';
import { formatBytes, formatClock, formatCount, formatRate } from './format.js';
import { isCoreMessageKey } from '../shared/core-messages/index.js';
import { cliText, type CliMessageKey } from './language.js';

const FULL = '█';
const EMPTY = '░';
const MIN_BAR = 10;
const MAX_BAR = 40;
/** The job registry names the last progress event after the job's end state. */
const FINAL_PHASES = new Set(['done', 'cancelled', 'failed']);

/** How progress reads: every job counts photos, in the output's language. */
export interface ProgressStyle {
  language: Language;
}

/** The job's phase in the output's language ("importing", "importando"). */
export function phaseName(phase: string, language: Language): string {
  // Phases are ids ("photos-up"); their catalog keys are camel-cased ("cli.phase.photosUp").
  const key = `cli.phase.${phase.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())}`;
  // A phase this CLI has no words for (a newer core) still shows, as its id.
  return isCoreMessageKey(key) ? cliText(language, key as CliMessageKey) : phase;
}

function fraction(p: JobProgress): number | null {
  if (p.total === null || p.total <= 0) return null;
  return Math.min(1, Math.max(0, p.done / p.total));
}

/** The parts of a progress report after the bar: counts, percent, rate, ETA, bytes. */
function statusParts(p: JobProgress, { language }: ProgressStyle): string[] {
  const parts: string[] = [];
  const f = fraction(p);
  if (f !== null) {
    parts.push(
      `${formatCount(p.done, language)}/${formatCount(p.total!, language)}`,
      `${Math.floor(f * 100)}%`,
    );
  } else {
    parts.push(cliText(language, 'cli.progress.photos', { n: p.done }));
  }
  if (p.rate > 0) {
    parts.push(cliText(language, 'cli.progress.rate', { rate: formatRate(p.rate, language) }));
  }
  const finished = FINAL_PHASES.has(p.phase);
  if (p.etaSeconds !== null && f !== null && f < 1 && !finished) {
    parts.push(cliText(language, 'cli.progress.eta', { clock: formatClock(p.etaSeconds) }));
  }
  if (p.bytesTotal !== null && p.bytesTotal > 0) {
    parts.push(
      cliText(language, 'cli.progress.bytesOf', {
        done: formatBytes(p.bytesDone, language),
        total: formatBytes(p.bytesTotal, language),
      }),
    );
  } else if (p.bytesDone > 0) {
    parts.push(formatBytes(p.bytesDone, language));
  }
  return parts;
}

/** One line for a terminal `columns` wide: phase, bar, then the status parts that fit. */
export function renderProgressBar(p: JobProgress, columns: number, style: ProgressStyle): string {
  const phase = phaseName(p.phase, style.language).padEnd(11);
  const parts = statusParts(p, style);
  const f = fraction(p);
  // Drop the least important parts (bytes, then ETA...) until a minimal bar fits.
  while (parts.length > 1 && phase.length + MIN_BAR + 3 + parts.join('  ').length + 2 > columns) {
    parts.pop();
  }
  const status = parts.join('  ');
  if (f === null) return `${phase} ${status}`.slice(0, Math.max(0, columns - 1));
  const room = columns - 1 - phase.length - 3 - 2 - status.length;
  const width = Math.min(MAX_BAR, room);
  if (width < MIN_BAR) return `${phase} ${status}`.slice(0, Math.max(0, columns - 1));
  const filled = Math.round(f * width);
  return `${phase} [${FULL.repeat(filled)}${EMPTY.repeat(width - filled)}]  ${status}`;
}

/** One plain log line: "importing: 1,234/2,000 (61%), 45.3 photos/s, ETA 0:17, 1.2 GB of 2.0 GB". */
export function renderProgressLine(p: JobProgress, style: ProgressStyle): string {
  const [counts, ...rest] = statusParts(p, style);
  const phase = phaseName(p.phase, style.language);
  const f = fraction(p);
  if (f !== null) {
    const [percent, ...others] = rest;
    return [`${phase}: ${counts} (${percent})`, ...others].join(', ');
  }
  return [`${phase}: ${counts}`, ...rest].join(', ');
}

export interface ProgressOutput {
  write(text: string): void;
  readonly isTTY: boolean;
  readonly columns: number;
}

export interface ProgressReporter {
  update(p: JobProgress): void;
  /** Clears the live line so an ordinary message can be printed. */
  interrupt(message: string): void;
  /** Draws the last state and ends the line. */
  finish(): void;
}

/**
 * Redraws at most every `redrawMs` on a terminal; on anything else prints a line when
 * the phase changes or `lineEveryMs` has passed.
 */
export function createProgressReporter(
  output: ProgressOutput,
  style: ProgressStyle,
  { redrawMs = 100, lineEveryMs = 5000, now = () => Date.now() } = {},
): ProgressReporter {
  let last: JobProgress | null = null;
  let lastDraw = -Infinity;
  let lastPhase = '';
  let drawn = false;
  let lastDrawn: JobProgress | null = null;

  function draw(p: JobProgress): void {
    lastDrawn = p;
    if (output.isTTY) {
      output.write(`\r${renderProgressBar(p, output.columns, style)}\x1b[K`);
      drawn = true;
    } else {
      output.write(`${renderProgressLine(p, style)}\n`);
    }
  }

  return {
    update(p) {
      last = p;
      const t = now();
      const phaseChanged = p.phase !== lastPhase;
      const due = t - lastDraw >= (output.isTTY ? redrawMs : lineEveryMs);
      if (phaseChanged || due) {
        lastPhase = p.phase;
        lastDraw = t;
        draw(p);
      }
    },
    interrupt(message) {
      if (output.isTTY && drawn) output.write('\r\x1b[K');
      output.write(`${message}\n`);
      if (output.isTTY && last) draw(last);
    },
    finish() {
      if (output.isTTY) {
        if (last) draw(last);
        if (drawn) output.write('\n');
      } else if (last && last !== lastDrawn) {
        draw(last);
      }
    },
  };
}
